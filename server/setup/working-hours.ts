import type { ExtraSessionView, WeekHours } from '../../contract/setup.js';
import { type Actor, actorName } from '../auth/actor.js';
import type { Clock } from '../clock.js';
import { atomically, type Db } from '../db/open.js';
import type { Admission } from '../queue/queue.js';
import { closedMessage, type DayOff, type ExtraSession, type HoursRules, opening } from './hours.js';

export interface WorkingHoursDeps {
  db: Db;
  clock: Clock;
  timezone: string;
  /** The Government's calendar (holidays, announced swaps), kept by the intake register. */
  dayOff: (day: string) => DayOff;
}

/**
 * The center's working hours, stored in SQLite and read on every ticket: kept in memory and
 * reloaded only when a technician changes them.
 */
export class WorkingHours {
  readonly #d: WorkingHoursDeps;
  #rules: HoursRules | null = null;

  constructor(deps: WorkingHoursDeps) {
    this.#d = deps;
  }

  week(): WeekHours {
    const week: WeekHours = {};
    const rows = this.#d.db
      .prepare('SELECT weekday, session, opens, closes FROM working_hours ORDER BY weekday, opens')
      .all() as {
      weekday: 1 | 2 | 3 | 4 | 5 | 6;
      session: 'morning' | 'afternoon';
      opens: string;
      closes: string;
    }[];
    for (const { weekday, ...s } of rows) week[weekday] = [...(week[weekday] ?? []), s];
    return week;
  }

  /** Replaces the weekly hours whole (an empty week: always open). */
  setWeek(week: WeekHours): void {
    const { db } = this.#d;
    const insert = db.prepare(
      'INSERT INTO working_hours (weekday, session, opens, closes) VALUES (?, ?, ?, ?)',
    );
    atomically(db, () => {
      db.prepare('DELETE FROM working_hours').run();
      for (const [weekday, sessions] of Object.entries(week))
        for (const s of sessions ?? []) insert.run(Number(weekday), s.session, s.opens, s.closes);
    });
    this.#rules = null;
  }

  /** Extra sessions still to come or running. */
  extras(): ExtraSessionView[] {
    return (
      this.#d.db
        .prepare(
          'SELECT id, opens_at, closes_at, reason, created_by FROM extra_sessions WHERE closes_at > ? ORDER BY opens_at',
        )
        .all(this.#d.clock.now()) as {
        id: number;
        opens_at: number;
        closes_at: number;
        reason: string;
        created_by: string;
      }[]
    ).map((r) => ({
      id: r.id,
      opensAt: r.opens_at,
      closesAt: r.closes_at,
      reason: r.reason,
      createdBy: r.created_by,
    }));
  }

  openExtra(extra: ExtraSession, actor: Actor): ExtraSessionView {
    const by = actorName(actor);
    const { id } = this.#d.db
      .prepare(
        'INSERT INTO extra_sessions (opens_at, closes_at, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
      )
      .get(extra.opensAt, extra.closesAt, extra.reason, by, this.#d.clock.now()) as { id: number };
    this.#rules = null;
    return { ...extra, id, createdBy: by };
  }

  /** Ends an extra session now (or drops one not begun). */
  closeExtra(id: number): boolean {
    const now = this.#d.clock.now();
    const { changes } = this.#d.db
      .prepare('UPDATE extra_sessions SET closes_at = max(opens_at + 1, ?) WHERE id = ? AND closes_at > ?')
      .run(now, id, now);
    this.#rules = null;
    return changes > 0;
  }

  /** What the queue asks before each ticket. */
  admission(now: number): Admission {
    if (!this.#rules) {
      const { timezone, dayOff } = this.#d;
      this.#rules = { week: this.week(), extras: this.extras(), timezone, dayOff };
    }
    const open = opening(now, this.#rules);
    if (open === null) return { open: true, since: 0 };
    return open.open
      ? { open: true, since: open.since }
      : { open: false, message: closedMessage(open.next, this.#d.timezone) };
  }
}
