import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../helpers/fake-clock.js';
import {
  ADMIN_PASSWORD,
  addClerkLan,
  call,
  eventually,
  startServer,
  type TestServer,
} from '../helpers/server.js';

const clock = new FakeClock(Date.parse('2026-11-23T02:00:00Z'));
let s: TestServer;
let lan: string;

beforeAll(async () => {
  s = await startServer({ clock, config: { center: { publicUrl: 'http://tiepsuc.lan:8080' } } });
  await addClerkLan(s.url, await s.login('admin', ADMIN_PASSWORD), s.db);
  lan = await s.login('lan', '246813');
});
afterAll(() => s.close());

const issue = (serviceId = 1) => call(`${s.url}/api/tickets`, 'POST', { serviceId });
const live = (token: string) => call(`${s.url}/api/public/tickets/${token}`, 'GET');
const desk = (action: string, counter = 1) =>
  call(`${s.url}/api/counters/${counter}/${action}`, 'POST', undefined, { cookie: lan });

describe("a ticket's live page (QR)", () => {
  it('the kiosk alone gets an unguessable token: no socket carries it', async () => {
    const socket = s.socket();
    const heard: unknown[] = [];
    socket.onAny((_name: string, payload: unknown) => heard.push(payload));
    await eventually('snapshot', () => heard.length > 0);
    const a = await issue();
    const b = await issue();
    expect(a.status).toBe(201);
    // One AES block as base64url: 22 characters.
    expect(a.body.publicToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(a.body.publicToken).not.toBe(b.body.publicToken);
    expect(a.body.publicUrl).toBe(`http://tiepsuc.lan:8080/t/${a.body.publicToken}`);
    await eventually('both issued events', () => JSON.stringify(heard).includes(b.body.number));
    expect(JSON.stringify(heard)).not.toContain(a.body.publicToken);
    // The staff list of tickets does not give it either.
    const list = await call(`${s.url}/api/tickets`, 'GET', undefined, { cookie: lan });
    expect(JSON.stringify(list.body)).not.toContain(a.body.publicToken);
    socket.disconnect();
  });

  it('shows the place in line, then the counter that calls it, without login', async () => {
    await desk('open');
    while ((await desk('next')).body.ticket) clock.advance(1000);
    const first = await issue();
    const mine = await issue();
    const page = await live(mine.body.publicToken);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.body).toEqual({
      number: mine.body.number,
      service: 'Hộ tịch',
      serviceEn: 'Civil registration',
      status: 'waiting',
      waitingBefore: 1,
      estimate: null,
      counter: null,
      countersOpen: 1,
    });
    expect((await desk('next')).body.ticket.number).toBe(first.body.number);
    expect((await live(mine.body.publicToken)).body.waitingBefore).toBe(0);
    expect((await desk('next')).body.ticket.number).toBe(mine.body.number);
    expect((await live(mine.body.publicToken)).body).toMatchObject({ status: 'called', counter: 1 });
  });

  it("estimates from the day's serve times at the service's counters, and none when they close", async () => {
    // Land (Đất đai) at counter 4, untouched so far: serves of 6 minutes each.
    await desk('close', 1);
    await desk('open', 4);
    for (let i = 0; i < 3; i++) {
      await issue(3);
      await desk('next', 4);
      clock.advance(6 * 60_000);
    }
    await desk('done', 4);
    const tickets = [await issue(3), await issue(3), await issue(3)];
    const last = (await live(tickets[2]?.body.publicToken)).body;
    // Two before, one counter: 2×6 = 12 to 3×6 = 18 minutes.
    expect(last).toMatchObject({ waitingBefore: 2, estimate: { minMinutes: 10, maxMinutes: 20 } });
    await desk('close', 4);
    expect((await live(tickets[2]?.body.publicToken)).body).toMatchObject({
      countersOpen: 0,
      estimate: null,
    });
  });

  it('follows a transfer to the new line', async () => {
    await desk('open');
    const mine = await issue();
    while ((await desk('next')).body.ticket?.number !== mine.body.number) clock.advance(1000);
    expect(
      (await call(`${s.url}/api/counters/1/transfer`, 'POST', { serviceId: 2 }, { cookie: lan })).status,
    ).toBe(200);
    expect((await live(mine.body.publicToken)).body).toMatchObject({
      number: mine.body.number,
      service: 'Chứng thực',
      status: 'waiting',
    });
  });

  it("answers a calm 404 for a wrong token and for yesterday's ticket", async () => {
    const mine = await issue();
    for (const token of ['khong-co', 'A'.repeat(22), `${mine.body.publicToken}x`, 'x'.repeat(90)]) {
      const answer = await live(token);
      expect(answer.status).toBe(404);
      expect(answer.body.message).toMatch(/chỉ dùng được trong ngày lấy số/);
      expect(JSON.stringify(answer.body)).not.toMatch(/stack|at /);
    }
    expect((await live(mine.body.publicToken)).status).toBe(200);
    clock.advance(24 * 3_600_000);
    expect((await live(mine.body.publicToken)).status).toBe(404);
  });
});
