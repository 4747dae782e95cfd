import type { Statement } from 'better-sqlite3';
import {
  ASK_REASON_BELOW,
  type Rateable,
  type RatingFigures,
  type RatingView,
  type Reason,
  type Score,
  satisfactionPct,
} from '../../contract/ratings.js';
import type { Actor } from '../auth/actor.js';
import type { Clock } from '../clock.js';
import { atomically, type Db } from '../db/open.js';
import { AppError, badRequest, conflict } from '../errors.js';
import type { DomainBus } from '../events.js';

/** A citizen rates on their way out; a ticket finished longer ago than this is not theirs to rate. */
const RATE_WINDOW_MS = 10 * 60_000;

export interface RatingsDeps {
  db: Db;
  clock: Clock;
  bus: DomainBus;
}

export interface NewRating {
  ticketId: number;
  score: Score;
  reasons?: Reason[];
  comment?: string;
}

interface Finished {
  id: number;
  number: string;
  day: string;
  service_id: number;
  counter_id: number;
  finished_at: number;
  /** Who finished it: the staff member the rating is about. */
  account_id: number | null;
  rated: number;
}

/** How figures are grouped for the report: the key and label of each group, in SQL. */
const GROUPS = {
  counter: { key: 'r.counter_id', label: "(SELECT 'Quầy ' || number FROM counters WHERE id = r.counter_id)" },
  service: { key: 'r.service_id', label: '(SELECT name FROM services WHERE id = r.service_id)' },
  staff: { key: 'r.account_id', label: '(SELECT display_name FROM accounts WHERE id = r.account_id)' },
  month: {
    key: 'substr(r.day, 1, 7)',
    label: "'Tháng ' || substr(r.day, 6, 2) || '/' || substr(r.day, 1, 4)",
  },
} as const;
export type RatingGroup = keyof typeof GROUPS;

interface FigureRow {
  key: string | number | null;
  label: string | null;
  rated: number;
  s4: number;
  s3: number;
  s2: number;
  s1: number;
}

const COUNTS =
  'count(*) AS rated, sum(r.score = 4) AS s4, sum(r.score = 3) AS s3, sum(r.score = 2) AS s2, sum(r.score = 1) AS s1';

const figures = (r: FigureRow): RatingFigures => ({
  key: String(r.key ?? ''),
  label: r.label ?? String(r.key ?? '—'),
  rated: r.rated,
  byScore: { 4: r.s4 ?? 0, 3: r.s3 ?? 0, 2: r.s2 ?? 0, 1: r.s1 ?? 0 },
  satisfactionPct: satisfactionPct(r.rated, r.s1 ?? 0),
});

/**
 * The satisfaction tablet's ratings: one per ticket, only for the ticket a counter has just
 * finished, and only from the staff member who finished it (the tablet is signed in as the
 * counter's clerk, so nobody rates from outside the counter).
 */
export class Ratings {
  readonly #d: RatingsDeps;
  readonly #q;

  constructor(deps: RatingsDeps) {
    this.#d = deps;
    const { db } = deps;
    this.#q = {
      lastFinished: db.prepare<[number], Finished>(
        `SELECT t.id, t.number, t.day, t.service_id, t.counter_id, t.finished_at,
           (SELECT account_id FROM ticket_events WHERE ticket_id = t.id AND kind = 'done' ORDER BY id DESC LIMIT 1)
             AS account_id,
           EXISTS (SELECT 1 FROM ratings WHERE ticket_id = t.id) AS rated
         FROM tickets t WHERE t.counter_id = ? AND t.status = 'done'
         ORDER BY t.finished_at DESC, t.id DESC LIMIT 1`,
      ),
      counterOf: db.prepare<[number], { counter_id: number | null }>(
        'SELECT counter_id FROM tickets WHERE id = ?',
      ),
      insert: db.prepare(
        `INSERT INTO ratings (ticket_id, day, service_id, counter_id, account_id, score, reasons, comment, rated_at)
         VALUES (@ticketId, @day, @serviceId, @counterId, @accountId, @score, @reasons, @comment, @at)`,
      ),
      groups: Object.fromEntries(
        Object.entries(GROUPS).map(([by, g]) => [
          by,
          db.prepare<[number, number], FigureRow>(
            `SELECT ${g.key} AS key, ${g.label} AS label, ${COUNTS}
             FROM ratings r WHERE r.rated_at >= ? AND r.rated_at < ? GROUP BY ${g.key} ORDER BY ${g.key}`,
          ),
        ]),
      ) as Record<RatingGroup, Statement<[number, number], FigureRow>>,
      total: db.prepare<[number, number], FigureRow>(
        `SELECT 'total' AS key, 'Tổng cộng' AS label, ${COUNTS} FROM ratings r WHERE r.rated_at >= ? AND r.rated_at < ?`,
      ),
    };
  }

  /** The ticket a counter just finished, if this account finished it and it waits for a rating. */
  rateable(counterId: number, actor: Actor): Rateable | null {
    const t = this.#q.lastFinished.get(counterId);
    if (!t || t.rated || !this.#open(t, actor)) return null;
    return { ticketId: t.id, number: t.number, serviceId: t.service_id };
  }

  record(input: NewRating, actor: Actor): RatingView {
    const reasons = [...new Set(input.reasons ?? [])];
    if (reasons.length > 0 && input.score >= ASK_REASON_BELOW) {
      throw badRequest('invalid_request', 'Chỉ chọn lý do khi đánh giá dưới mức "Hài lòng".');
    }
    const at = this.#d.clock.now();
    const view = atomically(this.#d.db, () => {
      const counterId = this.#q.counterOf.get(input.ticketId)?.counter_id ?? null;
      const t = counterId === null ? undefined : this.#q.lastFinished.get(counterId);
      if (!t || t.id !== input.ticketId || !this.#open(t, actor)) {
        throw new AppError(
          409,
          'not_rateable',
          `Chỉ đánh giá được lượt vừa phục vụ xong tại quầy này, trong vòng ${RATE_WINDOW_MS / 60_000} phút.`,
        );
      }
      if (t.rated) throw conflict('already_rated', `Số ${t.number} đã được đánh giá. Cảm ơn quý khách!`);
      this.#q.insert.run({
        ticketId: t.id,
        day: t.day,
        serviceId: t.service_id,
        counterId: t.counter_id,
        accountId: t.account_id,
        score: input.score,
        reasons: JSON.stringify(reasons),
        comment: input.comment?.trim() || null,
        at,
      });
      return {
        ticketId: t.id,
        number: t.number,
        serviceId: t.service_id,
        counterId: t.counter_id,
        score: input.score,
        reasons,
        ratedAt: new Date(at).toISOString(),
      } satisfies RatingView;
    });
    this.#d.bus.emit('rating.recorded', { rating: view });
    return view;
  }

  /** Ratings made in [from, to) (ms), grouped one way. */
  figures(from: number, to: number, by: RatingGroup): RatingFigures[] {
    return this.#q.groups[by].all(from, to).map(figures);
  }

  /** All ratings made in [from, to) (ms). */
  total(from: number, to: number): RatingFigures {
    return figures(this.#q.total.get(from, to) as FigureRow);
  }

  /** Finished recently, by this very account. */
  #open(t: Finished, actor: Actor): boolean {
    return (
      actor.accountId !== null &&
      t.account_id === actor.accountId &&
      this.#d.clock.now() - t.finished_at <= RATE_WINDOW_MS
    );
  }
}
