import { describe, expect, it } from 'vitest';
import { applyEvent, openVisit, type Visit } from '../../server/stats/visit.js';

const start = openVisit({ ticketId: 1, day: '2026-11-23', hour: 8, serviceId: 1, issuedAt: 0 });
const fold = (...events: [string, number][]): Visit =>
  events.reduce((v, [kind, at]) => applyEvent(v, { kind, at, counterId: 2, accountId: 7 }), start);
const MIN = 60_000;

describe('a visit folded from its ticket’s events', () => {
  it('waits until the first call and is served from the last call', () => {
    const v = fold(['called', 10 * MIN], ['recalled', 12 * MIN], ['started', 13 * MIN], ['done', 20 * MIN]);
    expect(v).toMatchObject({
      outcome: 'done',
      waitMs: 10 * MIN,
      serveMs: 10 * MIN,
      counterId: 2,
      accountId: 7,
    });
  });

  it('an absent citizen who comes back keeps the first wait, and is served from the call that found them', () => {
    const v = fold(
      ['called', 5 * MIN],
      ['no_show', 7 * MIN],
      ['returned', 30 * MIN],
      ['called', 30 * MIN],
      ['done', 34 * MIN],
    );
    expect(v).toMatchObject({ outcome: 'done', waitMs: 5 * MIN, serveMs: 4 * MIN });
  });

  it('a no-show is not served; a ticket left at a counter overnight is neither', () => {
    expect(fold(['called', MIN], ['no_show', 3 * MIN])).toMatchObject({ outcome: 'no_show', serveMs: null });
    expect(fold(['called', MIN], ['day_end', 900 * MIN])).toMatchObject({
      outcome: 'unfinished',
      serveMs: null,
    });
  });

  it('an old QMS number called by hand has no wait here', () => {
    expect(fold(['manual_call', 3 * MIN], ['done', 8 * MIN])).toMatchObject({
      waitMs: null,
      serveMs: 5 * MIN,
    });
  });

  it('an event it does not know changes nothing', () => {
    expect(fold(['printed', MIN])).toEqual(start);
  });
});
