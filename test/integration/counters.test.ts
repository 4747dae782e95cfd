import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../helpers/fake-clock.js';
import {
  ADMIN_PASSWORD,
  call,
  chosenByOwner,
  eventually,
  nextEvent,
  startServer,
  type TestServer,
} from '../helpers/server.js';

const clock = new FakeClock(Date.parse('2026-11-23T02:00:00Z'));
let s: TestServer;
let x: string;
let y: string;

beforeAll(async () => {
  s = await startServer({ clock, config: { limits: { loginsPerMinutePerClient: 1000 } } });
  const admin = await s.login('admin', ADMIN_PASSWORD);
  for (const [username, displayName] of [
    ['canbo-x', 'Trần Văn Xuân'],
    ['canbo-y', 'Lê Thị Yến'],
  ]) {
    await call(
      `${s.url}/api/accounts`,
      'POST',
      { username, displayName, role: 'staff', password: '582914' },
      { cookie: admin },
    );
    chosenByOwner(s.db, username as string);
  }
  x = await s.login('canbo-x', '582914');
  y = await s.login('canbo-y', '582914');
});
afterAll(() => s.close());

const act = (cookie: string, counter: number, action: string, body: unknown = {}) =>
  call(`${s.url}/api/counters/${counter}/${action}`, 'POST', body, { cookie });
const counterView = async (id: number) =>
  (await call(`${s.url}/api/queue`, 'GET')).body.counters.find((c: { id: number }) => c.id === id);

describe('counters held by their clerk', () => {
  it('refuses another clerk’s actions on a held counter, naming who holds it', async () => {
    expect((await act(y, 2, 'open')).status).toBe(200);
    expect((await counterView(2)).heldBy).toBe('Lê Thị Yến');
    await call(`${s.url}/api/tickets`, 'POST', { serviceId: 1 });
    await call(`${s.url}/api/tickets`, 'POST', { serviceId: 1 });
    const called = (await act(y, 2, 'next')).body.ticket;
    for (const [action, body] of [
      ['done', {}],
      ['transfer', { serviceId: 3 }],
      ['no-show', {}],
      ['pause', { reason: 'Họp' }],
      ['next', {}],
      ['recall', {}],
      ['call', { number: '1005' }],
      ['close', {}],
    ] as const) {
      const r = await act(x, 2, action, body);
      expect(r.status, action).toBe(409);
      expect(r.body).toMatchObject({
        error: 'counter_taken',
        message: expect.stringContaining('Lê Thị Yến'),
      });
    }
    // Yến's citizen is still hers, still called.
    expect((await counterView(2)).current).toMatchObject({ id: called.id, status: 'called' });
  });

  it('takes over on purpose: audited, and the other clerk’s page is told', async () => {
    const ySocket = s.socket({ kind: 'counter', cookie: y });
    await nextEvent(ySocket, 'snapshot');
    const told = nextEvent(ySocket, 'counter.taken');
    const r = await act(x, 2, 'done', { takeover: true });
    expect(r.status).toBe(200);
    expect(await told).toMatchObject({
      byName: 'Trần Văn Xuân',
      counter: { id: 2, heldBy: 'Trần Văn Xuân' },
    });
    expect((await act(y, 2, 'next')).body).toMatchObject({
      error: 'counter_taken',
      message: expect.stringContaining('Xuân'),
    });
    const audit = s.db
      .prepare("SELECT username, detail FROM audit_log WHERE action = 'counter.takeover'")
      .get();
    expect(audit).toEqual({
      username: 'canbo-x',
      detail: JSON.stringify({ counter: 2, from: 'Lê Thị Yến' }),
    });
  });

  it('logout, a disabled account and an expired session release the counter', async () => {
    await act(x, 2, 'next');
    expect((await call(`${s.url}/api/auth/logout`, 'POST', {}, { cookie: x })).status).toBe(200);
    await eventually('released on logout', async () => (await counterView(2)).heldBy === null);
    expect((await counterView(2)).status).toBe('closed');

    const z = await s.account('canbo-z', 'staff', '630482');
    await act(z, 4, 'open');
    const admin = await s.login('admin', ADMIN_PASSWORD);
    const list = await call(`${s.url}/api/accounts`, 'GET', undefined, { cookie: admin });
    const zId = list.body.find((a: { username: string }) => a.username === 'canbo-z').id;
    await call(`${s.url}/api/accounts/${zId}/active`, 'POST', { active: false }, { cookie: admin });
    expect((await counterView(4)).heldBy).toBeNull();

    y = await s.login('canbo-y', '582914');
    await act(y, 5, 'open');
    clock.advance(12 * 3_600_000 + 1);
    s.app.accounts.endExpiredSessions();
    expect((await counterView(5)).status).toBe('closed');
  });

  it('a counter action needs a session', async () => {
    expect((await call(`${s.url}/api/counters/1/open`, 'POST', {})).status).toBe(401);
  });
});
