import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import type { DomainBus } from '../events.js';

/** Heartbeats are what tells how long a power cut lasted: one every half minute is close enough. */
export const HEARTBEAT_MS = 30_000;

interface RunRow {
  id: number;
  started_at: number;
  heartbeat_at: number;
  stopped_at: number | null;
}

export interface LifecycleDeps {
  db: Db;
  clock: Clock;
  bus: DomainBus;
  version: string;
  logError: (err: unknown) => void;
}

/**
 * Records each run of the process and tells, as `process.started`, whether the previous one
 * stopped cleanly and when it was last seen alive.
 */
export class Lifecycle {
  readonly #d: LifecycleDeps;
  #run: number | null = null;
  #timer: NodeJS.Timeout | null = null;

  constructor(deps: LifecycleDeps) {
    this.#d = deps;
  }

  start(): void {
    const { db, clock } = this.#d;
    const now = clock.now();
    const previous = db.prepare('SELECT * FROM process_runs ORDER BY id DESC LIMIT 1').get() as
      | RunRow
      | undefined;
    this.#run = (
      db
        .prepare('INSERT INTO process_runs (started_at, heartbeat_at, version) VALUES (?, ?, ?) RETURNING id')
        .get(now, now, this.#d.version) as { id: number }
    ).id;
    this.#timer = setInterval(() => this.#beat(), HEARTBEAT_MS);
    this.#timer.unref();
    this.#d.bus.emit('process.started', {
      at: now,
      cleanStop: previous === undefined || previous.stopped_at !== null,
      lastHeartbeatAt: previous?.heartbeat_at ?? null,
    });
  }

  #beat(): void {
    try {
      this.#d.db
        .prepare('UPDATE process_runs SET heartbeat_at = ? WHERE id = ?')
        .run(this.#d.clock.now(), this.#run);
    } catch (err) {
      // A busy or full disk must not stop the appliance; the next beat tries again.
      this.#d.logError(err);
    }
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    if (this.#run === null) return;
    const now = this.#d.clock.now();
    this.#d.db
      .prepare('UPDATE process_runs SET heartbeat_at = ?, stopped_at = ? WHERE id = ?')
      .run(now, now, this.#run);
    this.#run = null;
  }
}
