import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TicketStatus } from '../../contract/screen.js';
import { AppError } from '../../server/errors.js';
import { isLegalChange } from '../../server/queue/ticket-state.js';
import { clerk, queueFixture } from '../helpers/queue.js';

type Command =
  | { op: 'issue'; service: number; priority: boolean }
  | { op: 'next' | 'recall' | 'start' | 'done' | 'noShow' | 'resume'; counter: number }
  | { op: 'pause'; counter: number }
  | { op: 'transfer'; counter: number; toService?: number; toCounter?: number }
  | { op: 'call'; counter: number; pick: number; qms: boolean }
  | { op: 'wait'; ms: number };

const counter = fc.integer({ min: 1, max: 6 });
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('issue' as const),
      service: fc.integer({ min: 1, max: 6 }),
      priority: fc.boolean(),
    }),
  },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('next' as const), counter }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constantFrom(
        'recall' as const,
        'start' as const,
        'done' as const,
        'noShow' as const,
        'resume' as const,
      ),
      counter,
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('pause' as const), counter }) },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.record({ op: fc.constant('transfer' as const), counter, toService: fc.integer({ min: 1, max: 6 }) }),
      fc.record({ op: fc.constant('transfer' as const), counter, toCounter: counter }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('call' as const), counter, pick: fc.nat(), qms: fc.boolean() }),
  },
  // Mostly seconds; sometimes hours, so runs cross the midnight rollover.
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('wait' as const),
      ms: fc.oneof(fc.integer({ min: 1, max: 120_000 }), fc.integer({ min: 3_600_000, max: 30_000_000 })),
    }),
  },
);

describe('queue under random interleavings', () => {
  it('never issues a number twice in a day and never reaches an illegal state', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 120 }), async (commands) => {
        const f = queueFixture('2026-11-23T15:00:00Z');
        const issued = new Map<string, Set<string>>();
        try {
          for (const c of commands) {
            try {
              switch (c.op) {
                case 'issue': {
                  const t = await f.queue.issue({ serviceId: c.service, priority: c.priority });
                  const day = f.queue.today();
                  const seen = issued.get(day) ?? new Set<string>();
                  expect(seen.has(t.number), `${t.number} issued twice on ${day}`).toBe(false);
                  seen.add(t.number);
                  issued.set(day, seen);
                  break;
                }
                case 'next':
                  f.queue.next(c.counter, clerk);
                  break;
                case 'recall':
                  f.queue.recall(c.counter, clerk);
                  break;
                case 'start':
                  f.queue.start(c.counter, clerk);
                  break;
                case 'done':
                  f.queue.done(c.counter, clerk);
                  break;
                case 'noShow':
                  f.queue.noShow(c.counter, clerk);
                  break;
                case 'pause':
                  f.queue.pause(c.counter, 'Nghỉ', clerk);
                  break;
                case 'resume':
                  f.queue.resume(c.counter, clerk);
                  break;
                case 'transfer':
                  f.queue.transfer(c.counter, { serviceId: c.toService, counterId: c.toCounter }, clerk);
                  break;
                case 'call': {
                  const today = f.queue.tickets(f.queue.today());
                  const number =
                    c.qms || today.length === 0
                      ? String(1000 + (c.pick % 50))
                      : today[c.pick % today.length]?.number;
                  f.queue.callNumber(c.counter, number as string, clerk);
                  break;
                }
                case 'wait':
                  f.clock.advance(c.ms);
                  break;
              }
            } catch (error) {
              // Refusals (4xx) are the state machine doing its job; anything else is a bug.
              if (!(error instanceof AppError) || error.status >= 500) throw error;
            }
          }
          checkInvariants(f.db);
        } finally {
          f.close();
        }
      }),
      { numRuns: 150, seed: 20261121 },
    );
  });
});

function checkInvariants(db: ReturnType<typeof queueFixture>['db']) {
  const duplicates = db
    .prepare(
      "SELECT day, number FROM tickets WHERE origin = 'kiosk' GROUP BY day, number HAVING count(*) > 1",
    )
    .all();
  expect(duplicates).toEqual([]);

  // Each service's numbers on a day run 1, 2, 3… with no gap: a refused issue left no trace.
  const sequences = db
    .prepare(
      "SELECT day, service_id, count(*) AS n, max(CAST(substr(number, 2) AS INTEGER)) AS top FROM tickets WHERE origin = 'kiosk' GROUP BY day, service_id",
    )
    .all() as { n: number; top: number }[];
  for (const s of sequences) expect(s.top).toBe(s.n);

  const events = db
    .prepare('SELECT ticket_id, from_status, to_status FROM ticket_events ORDER BY id')
    .all() as { ticket_id: number; from_status: TicketStatus | null; to_status: TicketStatus }[];
  const last = new Map<number, TicketStatus>();
  for (const e of events) {
    expect(isLegalChange(e.from_status, e.to_status), `${e.from_status} → ${e.to_status}`).toBe(true);
    if (e.from_status !== null) expect(e.from_status).toBe(last.get(e.ticket_id));
    last.set(e.ticket_id, e.to_status);
  }
  const tickets = db.prepare('SELECT id, status FROM tickets').all() as {
    id: number;
    status: TicketStatus;
  }[];
  for (const t of tickets) expect(last.get(t.id)).toBe(t.status);

  // The trigger-kept counts match the tickets themselves.
  const drift = db
    .prepare(
      `SELECT w.day, w.service_id, w.n, (SELECT count(*) FROM tickets t WHERE t.day = w.day AND t.service_id = w.service_id
         AND t.status = 'waiting' AND t.target_counter_id IS NULL) AS real FROM waiting_counts w WHERE w.n <> real`,
    )
    .all();
  expect(drift).toEqual([]);

  const busy = db
    .prepare(
      "SELECT counter_id, count(*) AS n FROM tickets WHERE status IN ('called', 'serving') GROUP BY counter_id HAVING n > 1",
    )
    .all();
  expect(busy).toEqual([]);
}
