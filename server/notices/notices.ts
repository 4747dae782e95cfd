import type { NoticeLevel, NoticeView } from '../../contract/logbook.js';
import type { Clock } from '../clock.js';
import { DAY_MS } from '../day.js';
import type { Db } from '../db/open.js';
import { badRequest, conflict, notFound } from '../errors.js';
import type { DomainBus } from '../events.js';

interface NoticeRow {
  id: number;
  text: string;
  level: NoticeLevel;
  source: 'auto' | 'manual';
  cause: string | null;
  starts_at: number;
  ends_at: number | null;
  ended_at: number | null;
}

export interface NoticesDeps {
  db: Db;
  clock: Clock;
  bus: DomainBus;
}

export interface NewNotice {
  text: string;
  level: NoticeLevel;
  endsAt?: number;
  by: string;
  /** The appliance's own notice about a cause (the UPS on battery): ended when that ends. */
  cause?: string;
}

const view = (r: NoticeRow): NoticeView => ({
  id: r.id,
  text: r.text,
  level: r.level,
  startsAt: new Date(r.starts_at).toISOString(),
  endsAt: r.ends_at === null ? null : new Date(r.ends_at).toISOString(),
});

/**
 * Notices on the hall displays and the kiosk (plan 2.9). Every change, and a notice reaching
 * its end time, tells the screens the new active list (`notice.changed`).
 */
export class Notices {
  readonly #d: NoticesDeps;
  #timer: NodeJS.Timeout | null = null;
  #stopped = true;

  constructor(deps: NoticesDeps) {
    this.#d = deps;
  }

  active(): NoticeView[] {
    const now = this.#d.clock.now();
    return (
      this.#d.db
        .prepare(
          `SELECT * FROM notices WHERE ended_at IS NULL AND starts_at <= ? AND (ends_at IS NULL OR ends_at > ?)
           ORDER BY CASE level WHEN 'urgent' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, starts_at DESC`,
        )
        .all(now, now) as NoticeRow[]
    ).map(view);
  }

  create(input: NewNotice): NoticeView {
    const now = this.#d.clock.now();
    const text = input.text.trim();
    if (!text) throw badRequest('invalid_request', 'Hãy nhập nội dung thông báo.');
    if (input.endsAt !== undefined && input.endsAt <= now) {
      throw badRequest('invalid_request', 'Thời điểm kết thúc phải ở sau bây giờ.');
    }
    const row = this.#d.db
      .prepare(
        `INSERT INTO notices (text, level, source, cause, starts_at, ends_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      )
      .get(
        text,
        input.level,
        input.cause === undefined ? 'manual' : 'auto',
        input.cause ?? null,
        now,
        input.endsAt ?? null,
        input.by,
      ) as NoticeRow;
    this.#changed();
    return view(row);
  }

  notice(id: number): NoticeView {
    return view(this.#row(id));
  }

  #row(id: number): NoticeRow {
    const row = this.#d.db.prepare('SELECT * FROM notices WHERE id = ?').get(id) as NoticeRow | undefined;
    if (!row) throw notFound(`thông báo ${id}`);
    return row;
  }

  end(id: number, by: string): NoticeView {
    const row = this.#row(id);
    const now = this.#d.clock.now();
    if (row.ended_at !== null || (row.ends_at !== null && row.ends_at <= now)) {
      throw conflict('ended', `Thông báo ${id} đã kết thúc.`);
    }
    this.#d.db.prepare('UPDATE notices SET ended_at = ?, ended_by = ? WHERE id = ?').run(now, by, id);
    this.#changed();
    return view(this.#row(id));
  }

  /** Ends the appliance's notice about `cause`, if one is up. */
  endFor(cause: string): void {
    const ended = this.#d.db
      .prepare("UPDATE notices SET ended_at = ?, ended_by = 'hệ thống' WHERE cause = ? AND ended_at IS NULL")
      .run(this.#d.clock.now(), cause).changes;
    if (ended > 0) this.#changed();
  }

  /** Whether the appliance's notice about `cause` is up. */
  upFor(cause: string): boolean {
    return (
      this.#d.db.prepare('SELECT 1 FROM notices WHERE cause = ? AND ended_at IS NULL').get(cause) !==
      undefined
    );
  }

  /** How many notices were up at some moment between `from` and `to`. */
  shown(from: number, to: number): number {
    return (
      this.#d.db
        .prepare(
          `SELECT count(*) AS n FROM notices
           WHERE starts_at < @to AND min(coalesce(ended_at, @far), coalesce(ends_at, @far)) > @from`,
        )
        .get({ from, to, far: Number.MAX_SAFE_INTEGER }) as { n: number }
    ).n;
  }

  start(): void {
    this.#stopped = false;
    this.#schedule();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
  }

  #changed(): void {
    this.#d.bus.emit('notice.changed', { active: this.active() });
    this.#schedule();
  }

  /** Wakes at the next end time, so a notice leaves the screens when it ends, not at the next change. */
  #schedule(): void {
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#stopped) return;
    const now = this.#d.clock.now();
    const next = this.#d.db
      .prepare('SELECT min(ends_at) AS at FROM notices WHERE ended_at IS NULL AND ends_at > ?')
      .get(now) as { at: number | null };
    if (next.at === null) return;
    // Timers past about 24 days overflow; a far end time is looked at again later.
    this.#timer = setTimeout(() => this.#changed(), Math.min(next.at - now + 50, DAY_MS));
    this.#timer.unref();
  }
}
