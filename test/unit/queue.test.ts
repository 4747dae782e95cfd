import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors.js';
import { PublicTokens, publicTokenKey } from '../../server/queue/public-token.js';
import type { IssueHook } from '../../server/queue/queue.js';
import { CURRENT_TICKET, queueStore } from '../../server/queue/store.js';
import { planOf, preparedBy } from '../helpers/plans.js';
import { clerk, queueFixture } from '../helpers/queue.js';
import { eventually } from '../helpers/server.js';
import { walCommits } from '../helpers/wal.js';

let f: ReturnType<typeof queueFixture>;
beforeEach(() => {
  f = queueFixture();
});
afterEach(() => f.close());

const HO_TICH = 1;
const CHUNG_THUC = 2;
const DAT_DAI = 3;

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return `${error.status} ${error.code}`;
    throw error;
  }
  return 'ok';
}

describe('queue', () => {
  it('numbers per service with the prefix, from the first number, zero padded', async () => {
    const a1 = await f.queue.issue({ serviceId: HO_TICH });
    const a2 = await f.queue.issue({ serviceId: HO_TICH });
    const b1 = await f.queue.issue({ serviceId: CHUNG_THUC });
    expect([a1.number, a2.number, b1.number]).toEqual(['A001', 'A002', 'B001']);
    expect(a2.waitingBefore).toBe(1);
    expect(b1.waitingBefore).toBe(0);
  });

  it('restarts numbering on the next business day and never before', async () => {
    await f.queue.issue({ serviceId: HO_TICH });
    f.clock.set('2026-11-23T16:59:00Z'); // 23:59 in Hà Nội
    expect((await f.queue.issue({ serviceId: HO_TICH })).number).toBe('A002');
    f.clock.set('2026-11-23T17:00:00Z'); // midnight
    expect((await f.queue.issue({ serviceId: HO_TICH })).number).toBe('A001');
  });

  it('rolls over at a configured reset hour', async () => {
    f.close();
    f = queueFixture('2026-11-23T01:00:00Z', '05:00');
    await f.queue.issue({ serviceId: HO_TICH });
    f.clock.set('2026-11-23T21:59:00Z'); // 04:59 on the 24th: still the 23rd
    expect((await f.queue.issue({ serviceId: HO_TICH })).number).toBe('A002');
    f.clock.set('2026-11-23T22:00:00Z'); // 05:00
    expect((await f.queue.issue({ serviceId: HO_TICH })).number).toBe('A001');
  });

  it('returns the same ticket for a repeated idempotency key', async () => {
    const first = await f.queue.issue({ serviceId: HO_TICH, idempotencyKey: 'tap-1' });
    const again = await f.queue.issue({ serviceId: HO_TICH, idempotencyKey: 'tap-1' });
    expect(again.id).toBe(first.id);
    expect((await f.queue.issue({ serviceId: HO_TICH })).number).toBe('A002');
  });

  it('calls priority first, then oldest across the counter services', async () => {
    const a1 = await f.queue.issue({ serviceId: HO_TICH });
    f.clock.advance(1000);
    const b1 = await f.queue.issue({ serviceId: CHUNG_THUC });
    f.clock.advance(1000);
    const b2 = await f.queue.issue({ serviceId: CHUNG_THUC, priority: true });
    f.clock.advance(1000);
    await f.queue.issue({ serviceId: DAT_DAI });
    // Counter 2 serves Hộ tịch and Chứng thực.
    expect(f.queue.next(2, clerk)?.id).toBe(b2.id);
    expect(f.queue.next(2, clerk)?.id).toBe(a1.id);
    expect(f.queue.next(2, clerk)?.id).toBe(b1.id);
    expect(f.queue.next(2, clerk)).toBeNull();
    const finished = f.queue.tickets(f.queue.today()).filter((t) => t.status === 'done');
    expect(finished.map((t) => t.number).sort()).toEqual(['A001', 'B001', 'B002']);
  });

  it('walks a ticket through call, recall, start and done, with an event for each step', async () => {
    const t = await f.queue.issue({ serviceId: HO_TICH });
    f.queue.next(1, clerk);
    f.queue.recall(1, clerk);
    f.queue.start(1, clerk);
    expect(f.queue.done(1, clerk).status).toBe('done');
    const kinds = f.db
      .prepare('SELECT kind, from_status, to_status FROM ticket_events WHERE ticket_id = ? ORDER BY id')
      .all(t.id);
    expect(kinds).toEqual([
      { kind: 'issued', from_status: null, to_status: 'waiting' },
      { kind: 'called', from_status: 'waiting', to_status: 'called' },
      { kind: 'recalled', from_status: 'called', to_status: 'called' },
      { kind: 'started', from_status: 'called', to_status: 'serving' },
      { kind: 'done', from_status: 'serving', to_status: 'done' },
    ]);
    // One event per change: the call that opens the counter is a single ticket.called.
    expect(f.events.map((e) => e.name)).toEqual([
      'ticket.issued',
      'ticket.called',
      'ticket.called',
      'ticket.updated',
      'ticket.updated',
    ]);
    expect(f.events[2]?.message).toMatchObject({ recall: true, actor: clerk });
  });

  it('refuses illegal steps with 409 and a Vietnamese message', async () => {
    expect(codeOf(() => f.queue.done(1, clerk))).toBe('409 no_current_ticket');
    await f.queue.issue({ serviceId: HO_TICH });
    f.queue.next(1, clerk);
    f.queue.start(1, clerk);
    expect(codeOf(() => f.queue.noShow(1, clerk))).toBe('409 illegal_transition');
    expect(codeOf(() => f.queue.recall(1, clerk))).toBe('409 illegal_transition');
    expect(codeOf(() => f.queue.next(99, clerk))).toBe('404 not_found');
  });

  it('sends the ticket a call finished along with the call, in the same event', async () => {
    const a1 = await f.queue.issue({ serviceId: HO_TICH });
    const a2 = await f.queue.issue({ serviceId: HO_TICH });
    f.queue.next(1, clerk);
    f.queue.next(1, clerk);
    const last = f.events.at(-1);
    expect(last?.name).toBe('ticket.called');
    expect(last?.message).toMatchObject({
      ticket: { id: a2.id, status: 'called' },
      related: [expect.objectContaining({ id: a1.id, status: 'done' })],
      waiting: { [HO_TICH]: 0 },
    });
  });

  it('transfers with the same number and the original place in line', async () => {
    const a1 = await f.queue.issue({ serviceId: HO_TICH });
    f.clock.advance(60_000);
    await f.queue.issue({ serviceId: CHUNG_THUC });
    f.queue.next(1, clerk);
    const moved = f.queue.transfer(1, { serviceId: CHUNG_THUC }, clerk);
    expect(moved).toMatchObject({ number: a1.number, serviceId: CHUNG_THUC, status: 'waiting' });
    // A001 was issued before B001, so counter 3 (Chứng thực) calls it first.
    expect(f.queue.next(3, clerk)?.number).toBe('A001');
    expect(f.queue.next(3, clerk)?.number).toBe('B001');
  });

  it("keeps a ticket's live page on it through each transfer, and on nothing else", async () => {
    const mine = await f.queue.issue({ serviceId: HO_TICH });
    f.queue.next(1, clerk);
    f.queue.transfer(1, { serviceId: CHUNG_THUC }, clerk);
    expect(f.queue.next(3, clerk)?.number).toBe(mine.number);
    const copy = f.queue.transfer(3, { serviceId: DAT_DAI }, clerk);
    expect(f.queue.publicTicket(mine.publicToken)).toMatchObject({
      number: mine.number,
      service: 'Đất đai',
      status: 'waiting',
    });
    // A transfer's copy was never handed a token: one sealed from its id opens nothing.
    const sealer = new PublicTokens(publicTokenKey(f.db));
    expect(f.queue.publicTicket(sealer.of(mine.id))).not.toBeNull();
    expect(f.queue.publicTicket(sealer.of(copy.id))).toBeNull();
  });

  it('transfers to a named counter, which alone calls it', async () => {
    await f.queue.issue({ serviceId: HO_TICH });
    f.queue.next(1, clerk);
    f.queue.transfer(1, { counterId: 5 }, clerk);
    expect(f.queue.next(2, clerk)).toBeNull();
    expect(f.queue.next(5, clerk)?.number).toBe('A001');
  });

  it('calls by hand: a no-show that came back, or an old QMS number', async () => {
    await f.queue.issue({ serviceId: HO_TICH });
    f.queue.next(1, clerk);
    f.queue.noShow(1, clerk);
    expect(f.queue.callNumber(2, 'a001', clerk)).toMatchObject({
      number: 'A001',
      status: 'called',
      counterId: 2,
    });
    const qms = f.queue.callNumber(3, '1005', clerk);
    expect(qms).toMatchObject({ number: '1005', origin: 'manual', status: 'called', counterId: 3 });
    expect(codeOf(() => f.queue.callNumber(4, 'A001', clerk))).toBe('409 illegal_transition');
    expect(codeOf(() => f.queue.callNumber(4, 'A777', clerk))).toBe('404 not_found');
    expect(codeOf(() => f.queue.callNumber(4, '10-05', clerk))).toBe('400 invalid_number');
    // A letter no service uses is a typo, not a QMS number.
    expect(codeOf(() => f.queue.callNumber(4, 'Z12', clerk))).toBe('400 invalid_number');
    const audit = f.db
      .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'ticket.call_number'")
      .get();
    expect(audit).toEqual({ n: 2 });
  });

  it('pauses a counter with a reason; a paused counter calls nobody', async () => {
    await f.queue.issue({ serviceId: HO_TICH });
    expect(f.queue.pause(1, 'Nghỉ trưa', clerk)).toMatchObject({
      status: 'paused',
      pauseReason: 'Nghỉ trưa',
    });
    expect(codeOf(() => f.queue.next(1, clerk))).toBe('409 counter_paused');
    expect(codeOf(() => f.queue.pause(1, 'x', clerk))).toBe('409 already_paused');
    expect(f.queue.resume(1, clerk).status).toBe('open');
    expect(f.queue.next(1, clerk)?.number).toBe('A001');
  });

  it('keeps the screen view small: exact waiting counts, the first fifty numbers of each service', async () => {
    for (let i = 0; i < 60; i++) await f.queue.issue({ serviceId: HO_TICH });
    await f.queue.issue({ serviceId: CHUNG_THUC });
    const snap = f.queue.screen();
    expect(snap.services.find((x) => x.id === HO_TICH)?.waiting).toBe(60);
    expect(snap.waiting.filter((t) => t.serviceId === HO_TICH)).toHaveLength(50);
    expect(snap.waiting.filter((t) => t.serviceId === HO_TICH)[0]?.number).toBe('A001');
    expect(snap.waiting.some((t) => t.number === 'B001')).toBe(true);
    expect(f.queue.screen()).toBe(snap);
    await f.queue.issue({ serviceId: CHUNG_THUC });
    expect(f.queue.screen()).not.toBe(snap);
  });

  it("reads a counter's current ticket from its own index in calling order, without sorting", async () => {
    const counter = f.queue.counters()[0]?.id as number;
    for (let i = 0; i < 3; i++) await f.queue.issue({ serviceId: HO_TICH });
    const called = [1, 2, 3].map(() => f.queue.next(counter, clerk));
    expect(f.db.prepare(CURRENT_TICKET).get(counter)).toMatchObject({ id: called[2]?.id });
    expect(planOf(f.db, CURRENT_TICKET)).toBe('SEARCH tickets USING INDEX tickets_current (counter_id=?)');
  });

  it('counts the fallback tickets of a span from the days it covers, not from every ticket', async () => {
    const at = (iso: string, fallback: boolean) => {
      f.clock.set(iso);
      return f.queue.issue({ serviceId: HO_TICH, fallback });
    };
    await at('2026-11-20T02:00:00Z', true);
    await at('2026-11-23T01:30:00Z', false);
    await at('2026-11-23T02:00:00Z', true);
    await at('2026-11-23T03:00:00Z', true);
    const span = (from: string, to: string) => f.queue.fallbackIssued(Date.parse(from), Date.parse(to));
    expect(span('2026-11-23T01:00:00Z', '2026-11-23T02:30:00Z')).toBe(1);
    expect(span('2026-11-19T00:00:00Z', '2026-11-24T00:00:00Z')).toBe(3);
    expect(span('2026-11-21T00:00:00Z', '2026-11-22T00:00:00Z')).toBe(0);
    const [sql] = preparedBy(f.db, () => queueStore(f.db)).filter((q) => q.includes('fallback = 1'));
    expect(planOf(f.db, sql as string)).toContain(
      'SEARCH tickets USING INDEX tickets_number_once_a_day (day>? AND day<?)',
    );
  });

  it('a tap reads its service and the counters serving it as the last setup change left them', async () => {
    const printed: { service: string; counters: number[] }[] = [];
    const hook: IssueHook = (_ticket, context) =>
      void printed.push({ service: context.serviceName, counters: context.counters });
    await f.queue.issue({ serviceId: HO_TICH }, hook);
    f.queue.saveCounter(null, { number: 9, name: 'Quầy 9', serviceIds: [HO_TICH] });
    f.queue.saveService(HO_TICH, { name: 'Hộ tịch - khai sinh', nameEn: 'Civil status', prefix: 'A' });
    await f.queue.issue({ serviceId: HO_TICH }, hook);
    expect(printed).toEqual([
      { service: 'Hộ tịch', counters: [1, 2] },
      { service: 'Hộ tịch - khai sinh', counters: [1, 2, 9] },
    ]);
    f.queue.saveService(HO_TICH, { name: 'Hộ tịch', nameEn: 'Civil status', prefix: 'A', active: false });
    await expect(f.queue.issue({ serviceId: HO_TICH })).rejects.toMatchObject({ status: 404 });
  });

  it('commits tickets asked for together in one transaction, each answered after it', async () => {
    // Counted in the write-ahead log itself: each commit (and its fsync) ends with a commit frame.
    const before = walCommits(f.db.name);
    const issued = await Promise.all(
      Array.from({ length: 10 }, (_, i) => f.queue.issue({ serviceId: (i % 3) + 1 })),
    );
    expect(issued.map((t) => t.number)).toEqual([
      'A001',
      'B001',
      'C001',
      'A002',
      'B002',
      'C002',
      'A003',
      'B003',
      'C003',
      'A004',
    ]);
    expect(walCommits(f.db.name) - before).toBe(1);
    // The screens are told once the kiosks have their answers, each ticket once.
    const told = () => f.events.filter((e) => e.name === 'ticket.issued');
    expect(told()).toHaveLength(0);
    await eventually('the screens told of all ten, once each', () => told().length === 10);
    // One refusal spoils none of the others in its batch.
    const mixed = await Promise.allSettled([
      f.queue.issue({ serviceId: HO_TICH }),
      f.queue.issue({ serviceId: 99 }),
      f.queue.issue({ serviceId: HO_TICH }),
    ]);
    expect(mixed.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((mixed[1] as PromiseRejectedResult).reason).toMatchObject({ status: 404 });
    expect(f.queue.tickets(f.queue.today()).map((t) => t.number)).toContain('A006');
  });

  it('closes tickets left at counters overnight at the next day’s first call, outside serve times', async () => {
    const left = await f.queue.issue({ serviceId: HO_TICH });
    f.queue.next(1, clerk);
    f.queue.start(1, clerk);
    f.clock.set('2026-11-24T01:00:00Z'); // 08:00 the next morning
    const fresh = await f.queue.issue({ serviceId: CHUNG_THUC });
    expect(f.queue.next(3, clerk)?.id).toBe(fresh.id);
    const closed = f.db.prepare('SELECT status, finished_at FROM tickets WHERE id = ?').get(left.id);
    expect(closed).toEqual({ status: 'done', finished_at: null });
    const last = f.db
      .prepare('SELECT kind, from_status, detail FROM ticket_events WHERE ticket_id = ? ORDER BY id DESC')
      .get(left.id);
    expect(last).toEqual({ kind: 'day_end', from_status: 'serving', detail: '{"day":"2026-11-23"}' });
    // Counter 1 starts the day empty, and its first call finishes nothing of yesterday.
    expect(f.queue.counters().find((c) => c.id === 1)?.current).toBeNull();
    const dayEnd = f.events.find(
      (e) => 'related' in e.message && e.message.related.some((t: { id: number }) => t.id === left.id),
    );
    expect(dayEnd?.message).toMatchObject({ counter: { id: 1, current: null } });
  });

  it('puts a ticket transferred after midnight into today’s line', async () => {
    f.clock.set('2026-11-23T16:55:00Z'); // 23:55
    await f.queue.issue({ serviceId: HO_TICH });
    f.queue.next(1, clerk);
    f.clock.set('2026-11-23T17:05:00Z'); // 00:05
    const moved = f.queue.transfer(1, { serviceId: CHUNG_THUC }, clerk);
    expect(f.queue.tickets(f.queue.today()).map((t) => t.id)).toContain(moved.id);
    expect(f.queue.next(3, clerk)?.id).toBe(moved.id);
  });

  it('keeps the event log append-only', async () => {
    await f.queue.issue({ serviceId: HO_TICH });
    expect(() => f.db.prepare("UPDATE ticket_events SET kind = 'x'").run()).toThrow(/append-only/);
    expect(() => f.db.prepare('DELETE FROM ticket_events').run()).toThrow(/append-only/);
  });
});
