import type { DrillView, FailoverView, ProbeView, TransitionView } from '../../contract/screen.js';
import { type ProbeConfig, probeFromConfig, probeWithRetry, verdict } from '../../drivers/probes/probes.js';
import { type Actor, actorName, SYSTEM } from '../auth/actor.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db } from '../db/open.js';
import { conflict } from '../errors.js';
import type { DomainBus } from '../events.js';
import {
  type Controller,
  confirmFlaps,
  endDraining,
  initialController,
  setMode,
  type Transition,
  tick,
} from './controller.js';
import type { FailoverMode, FailoverSource, FailoverStatus } from './status.js';

const HISTORY = 180;

export interface FailoverDeps {
  db: Db;
  clock: Clock;
  qms: Config['qms'];
  network: Config['network'];
  bus: DomainBus;
  audit: (actor: Actor, action: string, detail: Record<string, unknown>) => void;
  /** Fallback tickets still waiting today: draining ends when there are none. */
  fallbackWaiting: () => number;
  logError: (err: unknown) => void;
}

interface DrillRow {
  id: number;
  started_at: number;
  started_by: string | null;
  note: string | null;
  participants: string;
  first_ticket_at: number | null;
  first_call_at: number | null;
  ended_at: number | null;
  ended_by: string | null;
}

type ProbeHistory = Omit<ProbeView, 'last'>;

const labelOf = (p: ProbeConfig) => (p.type === 'http' ? p.url : `${p.host}:${p.port}`);

const OWNER = 'failover';

interface Watch {
  qms: Config['qms'];
  network: Config['network'];
  qmsProbes: ProbeConfig[];
  histories: ProbeHistory[];
}

function watchOf(qms: Config['qms'], network: Config['network'], previous: ProbeHistory[]): Watch {
  const qmsProbes = qms.probes.map(probeFromConfig);
  const kept = (label: string, role: ProbeHistory['role']) =>
    previous.find((h) => h.label === label && h.role === role)?.results ?? [];
  return {
    qms,
    network,
    qmsProbes,
    histories: [
      ...qmsProbes.map((p) => ({
        label: labelOf(p),
        role: 'qms' as const,
        results: kept(labelOf(p), 'qms'),
      })),
      ...network.probes.map((p) => ({ label: labelOf(p), role: p.role, results: kept(labelOf(p), p.role) })),
    ],
  };
}

/**
 * Watches QMS 1.2 and runs the controller: one tick per interval (with jitter, so many
 * appliances never probe in step), every transition logged with its cause and emitted as
 * `failover.transition` (the log book opens plan 2.8 from it), and `failover.changed` once
 * for each change the screens must show.
 */
export class Failover implements FailoverSource {
  #c: Controller;
  readonly #deps: FailoverDeps;
  /** What is watched and how often; replaced whole when a technician edits the probes. */
  #watch: Watch;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #stopped = true;
  /** The running drill and which of its first moments are still to be timed. */
  #drillId: number | null = null;
  readonly #untimed = new Set<'first_ticket_at' | 'first_call_at'>();

  constructor(deps: FailoverDeps) {
    this.#deps = deps;
    const drill = this.#openDrill();
    if (drill) this.#trackDrill(drill);
    // The mode survives a restart (a drill too); the state does not: the probes judge it afresh.
    this.#c = initialController(deps.clock.now(), drill ? 'force-active' : this.#savedMode());
    this.#watch = watchOf(deps.qms, deps.network, []);
  }

  /**
   * New probes or timings from the technician's page, in place: the state, the mode and a drill
   * carry on, and a probe kept keeps its recent results. A tick under way is discarded.
   */
  reprobe(qms: Config['qms'], network: Config['network']): void {
    this.#watch = watchOf(qms, network, this.#watch.histories);
    if (this.#stopped) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#schedule(0);
  }

  status(): FailoverStatus {
    return {
      state: this.#c.state,
      mode: this.#c.mode,
      drill: this.#drillId !== null,
      since: this.#c.since,
      held: this.#c.held,
      ownLinkDown: this.#c.ownLinkDown,
    };
  }

  start(): void {
    this.#stopped = false;
    // A drill is timed from the first fallback ticket and the first call after it starts, at
    // the instants they happened: a new ticket is told a moment after its kiosk's answer.
    this.#deps.bus.on(OWNER, 'ticket.issued', ({ ticket, drill }) => {
      if (drill) this.#timeDrill('first_ticket_at', Date.parse(ticket.issuedAt));
    });
    this.#deps.bus.on(OWNER, 'ticket.called', ({ call }) =>
      this.#timeDrill('first_call_at', Date.parse(call.at)),
    );
    this.#schedule(0);
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#deps.bus.off(OWNER);
  }

  #schedule(delay: number): void {
    if (this.#stopped) return;
    const jitter = (Math.random() - 0.5) * 0.2 * this.#watch.qms.intervalMs;
    this.#timer = setTimeout(
      () => {
        // A failed tick (a busy database, say) is logged and skipped: the watcher must go on.
        this.runTick().catch((err: unknown) => {
          this.#deps.logError(err);
          this.#schedule(this.#watch.qms.intervalMs);
        });
      },
      Math.max(0, delay + jitter),
    );
  }

  /** One tick: all probes at once, each with a retry; then the controller decides. */
  async runTick(): Promise<void> {
    const watch = this.#watch;
    const started = this.#deps.clock.now();
    const now = () => this.#deps.clock.now();
    const qms = await Promise.all(watch.qmsProbes.map((p) => probeWithRetry(p, now)));
    const network = await Promise.all(watch.network.probes.map((p) => probeWithRetry(p, now)));
    // Probes take up to two timeouts; the appliance may have been stopped or re-probed meanwhile.
    if (this.#stopped || watch !== this.#watch) return;
    [...qms, ...network].forEach((r, i) => {
      const h = watch.histories[i] as ProbeHistory;
      h.results.push(r);
      if (h.results.length > HISTORY) h.results.shift();
    });
    const gateway = network.filter((_, i) => watch.network.probes[i]?.role === 'gateway');
    const { controller, transitions } = tick(
      this.#c,
      {
        now: this.#deps.clock.now(),
        qmsOk: verdict(qms, watch.qms.failWhen),
        ownLinkOk: gateway.length === 0 ? null : gateway.some((r) => r.ok),
        fallbackWaiting: this.#deps.fallbackWaiting(),
      },
      watch.qms,
    );
    this.#apply(controller, transitions, null);
    this.#schedule(watch.qms.intervalMs - (this.#deps.clock.now() - started));
  }

  setMode(actor: Actor, mode: FailoverMode, reason: string): FailoverStatus {
    if (this.#drillId !== null) {
      throw conflict('drill_running', 'Đang diễn tập; hãy kết thúc diễn tập trước khi đổi chế độ.');
    }
    this.#saveMode(actor, mode, reason);
    const { controller, transitions } = setMode(this.#c, mode, this.#deps.clock.now());
    this.#deps.audit(actor, 'failover.mode', { mode, reason });
    this.#apply(controller, transitions, actor, { reason });
    return this.status();
  }

  #saveMode(actor: Actor, mode: FailoverMode, reason: string): void {
    this.#deps.db
      .prepare(
        `INSERT INTO failover_mode (id, mode, reason, set_by, set_at) VALUES (1, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET mode = excluded.mode, reason = excluded.reason,
           set_by = excluded.set_by, set_at = excluded.set_at`,
      )
      .run(mode, reason, actor.username, this.#deps.clock.now());
  }

  confirmFlapping(actor: Actor): FailoverStatus {
    this.#deps.audit(actor, 'failover.confirm_flapping', {});
    this.#apply(confirmFlaps(this.#c), [], actor);
    return this.status();
  }

  endDraining(actor: Actor): { status: FailoverStatus; remaining: number } {
    if (this.#c.state !== 'draining') throw conflict('not_draining', 'Hệ thống không ở trạng thái bàn giao.');
    const remaining = this.#deps.fallbackWaiting();
    const { controller, transitions } = endDraining(this.#c, this.#deps.clock.now());
    this.#deps.audit(actor, 'failover.end_draining', { remaining });
    this.#apply(controller, transitions, actor);
    return { status: this.status(), remaining };
  }

  startDrill(actor: Actor, note: string | null, participants: string[]) {
    if (this.#drillId !== null) throw conflict('drill_running', 'Đang có một buổi diễn tập.');
    const now = this.#deps.clock.now();
    const { id } = this.#deps.db
      .prepare(
        'INSERT INTO failover_drills (started_at, started_by, note, participants) VALUES (?, ?, ?, ?) RETURNING *',
      )
      .get(now, actor.username, note, JSON.stringify(participants)) as DrillRow;
    this.#trackDrill(this.#openDrill() as DrillRow);
    this.#deps.audit(actor, 'failover.drill_start', { note, participants });
    const { controller, transitions } = setMode(this.#c, 'force-active', now);
    // Told before the state moves, so what listens to the transition already knows it is a drill.
    this.#deps.bus.emit('drill.started', { id, at: now, by: actor.username });
    this.#apply({ ...controller, mode: 'force-active' }, transitions, actor, {
      note: 'diễn tập',
      reason: note,
    });
    return this.drillView(id);
  }

  endDrill(actor: Actor) {
    const id = this.#drillId;
    if (id === null) throw conflict('no_drill', 'Không có buổi diễn tập nào đang chạy.');
    this.#deps.db
      .prepare('UPDATE failover_drills SET ended_at = ?, ended_by = ? WHERE id = ?')
      .run(this.#deps.clock.now(), actor.username, id);
    this.#drillId = null;
    this.#untimed.clear();
    this.#deps.audit(actor, 'failover.drill_end', { drill: id });
    this.#deps.bus.emit('drill.ended', { id, at: this.#deps.clock.now(), by: actor.username });
    // Back to the technician's mode; in auto the next tick judges QMS afresh.
    const { controller, transitions } = setMode(this.#c, this.#savedMode(), this.#deps.clock.now());
    this.#apply(controller, transitions, actor);
    return this.drillView(id);
  }

  #savedMode(): FailoverMode {
    const row = this.#deps.db.prepare('SELECT mode FROM failover_mode WHERE id = 1').get() as
      | { mode: FailoverMode }
      | undefined;
    return row?.mode ?? 'auto';
  }

  #openDrill(): DrillRow | undefined {
    return this.#deps.db
      .prepare('SELECT * FROM failover_drills WHERE ended_at IS NULL ORDER BY id DESC LIMIT 1')
      .get() as DrillRow | undefined;
  }

  #trackDrill(drill: DrillRow): void {
    this.#drillId = drill.id;
    this.#untimed.clear();
    if (drill.first_ticket_at === null) this.#untimed.add('first_ticket_at');
    if (drill.first_call_at === null) this.#untimed.add('first_call_at');
  }

  /** Times the drill's first fallback ticket or first call; nothing at all outside a drill. */
  #timeDrill(column: 'first_ticket_at' | 'first_call_at', at: number): void {
    if (this.#drillId === null || !this.#untimed.delete(column)) return;
    this.#deps.db.prepare(`UPDATE failover_drills SET ${column} = ? WHERE id = ?`).run(at, this.#drillId);
  }

  drillView(id?: number): DrillView | null {
    const row = (
      id === undefined
        ? this.#deps.db.prepare('SELECT * FROM failover_drills ORDER BY id DESC LIMIT 1').get()
        : this.#deps.db.prepare('SELECT * FROM failover_drills WHERE id = ?').get(id)
    ) as DrillRow | undefined;
    if (!row) return null;
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    const secondsFromStart = (ms: number | null) =>
      ms === null ? null : Math.round((ms - row.started_at) / 100) / 10;
    return {
      id: row.id,
      startedAt: new Date(row.started_at).toISOString(),
      startedBy: row.started_by,
      note: row.note,
      participants: JSON.parse(row.participants) as string[],
      endedAt: iso(row.ended_at),
      endedBy: row.ended_by,
      secondsToFirstTicket: secondsFromStart(row.first_ticket_at),
      secondsToFirstCall: secondsFromStart(row.first_call_at),
    };
  }

  /**
   * Takes the controller's new state: stores and emits each transition, then tells the screens
   * once if anything they show changed (state, mode, drill, hold, own link).
   */
  #apply(
    controller: Controller,
    transitions: Transition[],
    actor: Actor | null,
    why: { note?: string; reason?: string | null } = {},
  ): void {
    const before = JSON.stringify(this.status());
    this.#c = controller;
    const drill = this.#drillId !== null;
    const record = this.#deps.db.prepare(
      'INSERT INTO failover_transitions (at, from_state, to_state, cause, drill, by_name, reason) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const by = actor ? actorName(actor) : null;
    for (const t of transitions) {
      const cause = why.note ? `${t.cause} (${why.note})` : t.cause;
      record.run(t.at, t.from, t.to, cause, drill ? 1 : 0, by, why.reason ?? null);
      this.#deps.audit(actor ?? SYSTEM, 'failover.transition', { from: t.from, to: t.to, cause });
      this.#deps.bus.emit('failover.transition', { ...t, cause, drill });
    }
    const status = this.status();
    if (JSON.stringify(status) !== before) this.#deps.bus.emit('failover.changed', { status });
  }

  /** Each probe with its recent results and its last one: no database read, for the strip and /metrics. */
  probes(): ProbeView[] {
    return this.#watch.histories.map((h) => ({ ...h, last: h.results.at(-1) ?? null }));
  }

  /** What the technician sees: state, probes with their recent results, today's timeline, the drill. */
  view(since: number): FailoverView {
    const transitions = this.#deps.db
      .prepare(
        'SELECT at, from_state, to_state, cause, drill, by_name, reason FROM failover_transitions WHERE at >= ? ORDER BY id',
      )
      .all(since) as {
      at: number;
      from_state: TransitionView['from'];
      to_state: TransitionView['to'];
      cause: string;
      drill: number;
      by_name: string | null;
      reason: string | null;
    }[];
    return {
      ...this.status(),
      probes: this.probes(),
      transitions: transitions.map((t) => ({
        at: new Date(t.at).toISOString(),
        from: t.from_state,
        to: t.to_state,
        cause: t.cause,
        drill: t.drill === 1,
        by: t.by_name,
        reason: t.reason,
      })),
      fallbackWaiting: this.#deps.fallbackWaiting(),
      lastDrill: this.drillView(),
    };
  }
}
