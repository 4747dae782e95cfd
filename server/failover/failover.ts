import { EventEmitter } from 'node:events';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db } from '../db/open.js';
import { conflict } from '../errors.js';
import type { Actor } from '../queue/types.js';
import type { RealtimeBus } from '../realtime/bus.js';
import {
  type Controller,
  confirmFlaps,
  endDraining,
  initialController,
  setMode,
  type Transition,
  tick,
} from './controller.js';
import { type ProbeConfig, type ProbeResult, probeFromConfig, probeWithRetry, verdict } from './probes.js';
import type { FailoverMode, FailoverSource, FailoverStatus } from './status.js';

const HISTORY = 180;

export interface FailoverDeps {
  db: Db;
  clock: Clock;
  qms: Config['qms'];
  network: Config['network'];
  bus: RealtimeBus;
  audit: (actor: Actor, action: string, detail: Record<string, unknown>) => void;
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

export interface ProbeHistory {
  label: string;
  role: 'qms' | 'gateway' | 'internet';
  results: ProbeResult[];
}

const labelOf = (p: ProbeConfig) => (p.type === 'http' ? p.url : `${p.host}:${p.port}`);

/**
 * Watches QMS 1.2 and runs the controller: one tick per interval (with jitter, so many
 * appliances never probe in step), every transition logged with its cause, pushed to every
 * screen, and emitted as `transition` for the incident log (plan 2.8).
 */
export class Failover extends EventEmitter implements FailoverSource {
  #c: Controller;
  readonly #deps: FailoverDeps;
  readonly #histories: ProbeHistory[];
  readonly #qmsProbes: ProbeConfig[];
  #timer: ReturnType<typeof setTimeout> | null = null;
  #stopped = true;
  #unsubscribe: (() => void) | null = null;
  /** The running drill and which of its first moments are still to be timed. */
  #drillId: number | null = null;
  readonly #untimed = new Set<'first_ticket_at' | 'first_call_at'>();

  constructor(deps: FailoverDeps) {
    super();
    this.#deps = deps;
    const drill = this.#openDrill();
    if (drill) this.#trackDrill(drill);
    // The mode survives a restart (a drill too); the state does not: the probes judge it afresh.
    this.#c = initialController(deps.clock.now(), drill ? 'force-active' : this.#savedMode());
    this.#qmsProbes = deps.qms.probes.map(probeFromConfig);
    this.#histories = [
      ...this.#qmsProbes.map((p) => ({ label: labelOf(p), role: 'qms' as const, results: [] })),
      ...deps.network.probes.map((p) => ({ label: labelOf(p), role: p.role, results: [] })),
    ];
    this.#unsubscribe = deps.bus.subscribe((name) => this.#drillEvent(name));
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
    this.#schedule(0);
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#unsubscribe?.();
  }

  #schedule(delay: number): void {
    if (this.#stopped) return;
    const jitter = (Math.random() - 0.5) * 0.2 * this.#deps.qms.intervalMs;
    this.#timer = setTimeout(
      () => {
        // A failed tick (a busy database, say) is logged and skipped: the watcher must go on.
        this.runTick().catch((err: unknown) => {
          this.#deps.logError(err);
          this.#schedule(this.#deps.qms.intervalMs);
        });
      },
      Math.max(0, delay + jitter),
    );
  }

  /** One tick: all probes at once, each with a retry; then the controller decides. */
  async runTick(): Promise<void> {
    const started = this.#deps.clock.now();
    const now = () => this.#deps.clock.now();
    const qms = await Promise.all(this.#qmsProbes.map((p) => probeWithRetry(p, now)));
    const network = await Promise.all(this.#deps.network.probes.map((p) => probeWithRetry(p, now)));
    // Probes take up to two timeouts; the appliance may have been stopped meanwhile.
    if (this.#stopped) return;
    [...qms, ...network].forEach((r, i) => {
      const h = this.#histories[i] as ProbeHistory;
      h.results.push(r);
      if (h.results.length > HISTORY) h.results.shift();
    });
    const gateway = network.filter((_, i) => this.#deps.network.probes[i]?.role === 'gateway');
    const { controller, transitions } = tick(
      this.#c,
      {
        now: this.#deps.clock.now(),
        qmsOk: verdict(qms, this.#deps.qms.failWhen),
        ownLinkOk: gateway.length === 0 ? null : gateway.some((r) => r.ok),
        fallbackWaiting: this.#deps.fallbackWaiting(),
      },
      this.#deps.qms,
    );
    this.#apply(controller, transitions, null);
    this.#schedule(this.#deps.qms.intervalMs - (this.#deps.clock.now() - started));
  }

  setMode(actor: Actor, mode: FailoverMode, reason: string): FailoverStatus {
    if (this.#drillId !== null) {
      throw conflict('drill_running', 'Đang diễn tập; hãy kết thúc diễn tập trước khi đổi chế độ.');
    }
    this.#saveMode(actor, mode, reason);
    const { controller, transitions } = setMode(this.#c, mode, this.#deps.clock.now());
    this.#apply(controller, transitions, actor);
    this.#deps.audit(actor, 'failover.mode', { mode, reason });
    this.#publish();
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
    this.#c = confirmFlaps(this.#c);
    this.#deps.audit(actor, 'failover.confirm_flapping', {});
    this.#publish();
    return this.status();
  }

  endDraining(actor: Actor): { status: FailoverStatus; remaining: number } {
    if (this.#c.state !== 'draining') throw conflict('not_draining', 'Hệ thống không ở trạng thái bàn giao.');
    const remaining = this.#deps.fallbackWaiting();
    const { controller, transitions } = endDraining(this.#c, this.#deps.clock.now());
    this.#apply(controller, transitions, actor);
    this.#deps.audit(actor, 'failover.end_draining', { remaining });
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
    const { controller, transitions } = setMode(this.#c, 'force-active', now);
    this.#apply({ ...controller, mode: 'force-active' }, transitions, actor, 'diễn tập');
    this.#deps.audit(actor, 'failover.drill_start', { note, participants });
    this.#publish();
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
    // Back to the technician's mode; in auto the next tick judges QMS afresh.
    const { controller, transitions } = setMode(this.#c, this.#savedMode(), this.#deps.clock.now());
    this.#apply(controller, transitions, actor);
    this.#deps.audit(actor, 'failover.drill_end', { drill: id });
    this.#publish();
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

  /** Times the drill's first fallback ticket and first call; nothing at all outside a drill. */
  #drillEvent(name: string): void {
    if (this.#drillId === null) return;
    const column =
      name === 'ticket.issued' ? 'first_ticket_at' : name === 'ticket.called' ? 'first_call_at' : null;
    if (!column || !this.#untimed.delete(column)) return;
    this.#deps.db
      .prepare(`UPDATE failover_drills SET ${column} = ? WHERE id = ?`)
      .run(this.#deps.clock.now(), this.#drillId);
  }

  drillView(id?: number) {
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
      startedAt: iso(row.started_at),
      startedBy: row.started_by,
      note: row.note,
      participants: JSON.parse(row.participants) as string[],
      endedAt: iso(row.ended_at),
      endedBy: row.ended_by,
      secondsToFirstTicket: secondsFromStart(row.first_ticket_at),
      secondsToFirstCall: secondsFromStart(row.first_call_at),
    };
  }

  #apply(controller: Controller, transitions: Transition[], actor: Actor | null, causeNote?: string): void {
    this.#c = controller;
    const drill = this.#drillId !== null;
    for (const t of transitions) {
      const cause = causeNote ? `${t.cause} (${causeNote})` : t.cause;
      this.#deps.db
        .prepare(
          'INSERT INTO failover_transitions (at, from_state, to_state, cause, drill) VALUES (?, ?, ?, ?, ?)',
        )
        .run(t.at, t.from, t.to, cause, drill ? 1 : 0);
      this.#deps.audit(actor ?? { accountId: null, username: 'hệ thống', ip: null }, 'failover.transition', {
        from: t.from,
        to: t.to,
        cause,
      });
      this.emit('transition', { ...t, cause, drill });
    }
    if (transitions.length > 0) this.#publish();
  }

  #publish(): void {
    this.#deps.bus.publish('failover.changed', { failover: this.status() });
  }

  /** What the technician sees: state, probes with their recent results, today's timeline, the drill. */
  view(since: number) {
    const transitions = this.#deps.db
      .prepare(
        'SELECT at, from_state, to_state, cause, drill FROM failover_transitions WHERE at >= ? ORDER BY id',
      )
      .all(since) as { at: number; from_state: string; to_state: string; cause: string; drill: number }[];
    return {
      ...this.status(),
      probes: this.#histories.map((h) => ({ ...h, last: h.results.at(-1) ?? null })),
      transitions: transitions.map((t) => ({
        at: new Date(t.at).toISOString(),
        from: t.from_state,
        to: t.to_state,
        cause: t.cause,
        drill: t.drill === 1,
      })),
      fallbackWaiting: this.#deps.fallbackWaiting(),
      lastDrill: this.drillView(),
    };
  }
}
