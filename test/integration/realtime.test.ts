import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../helpers/fake-clock.js';
import { ADMIN_PASSWORD, call, eventually, startServer, type TestServer } from '../helpers/server.js';

/** What only technicians (or a kiosk, for its own printer) may hear. */
const PRIVATE_EVENTS = ['print.job', 'printer.changed', 'account.locked', 'failover.transition'];

const clock = new FakeClock(Date.parse('2026-11-23T02:00:00Z'));
let s: TestServer;

beforeAll(async () => {
  s = await startServer({ clock, config: { limits: { loginsPerMinutePerClient: 1000 } } });
});
afterAll(() => s.close());

/** A socket and every event name it heard. */
async function listener(options: Parameters<TestServer['socket']>[0]) {
  const socket = s.socket(options);
  const heard: string[] = [];
  socket.onAny((name: string) => heard.push(name));
  await eventually('snapshot', () => heard.includes('snapshot'));
  return { socket, heard };
}

const accountId = async (username: string) => {
  const admin = await s.login('admin', ADMIN_PASSWORD);
  const list = await call(`${s.url}/api/accounts`, 'GET', undefined, { cookie: admin });
  return { admin, id: list.body.find((a: { username: string }) => a.username === username).id as number };
};

const issue = () => call(`${s.url}/api/tickets`, 'POST', { serviceId: 1 });

describe('sockets carry the session', () => {
  it('a socket with no session hears only public events, whatever role it claims', async () => {
    const claims = ['tech', 'technician', 'leader', 'counter', 'staff', 'admin', 'display', undefined];
    const anonymous = await Promise.all(claims.map((kind) => listener({ kind })));
    const clerk = await listener({ kind: 'tech', cookie: await s.account('canbo', 'staff') });
    const tech = await listener({ kind: 'tech', cookie: await s.login('admin', ADMIN_PASSWORD) });
    await s.account('khoa', 'staff', '482915');

    expect((await issue()).status).toBe(201);
    for (let i = 0; i < 5; i++)
      await call(`${s.url}/api/auth/login`, 'POST', { username: 'khoa', password: '000000' });
    s.app.bus.emit('failover.transition', {
      from: 'standby',
      to: 'active',
      at: clock.now(),
      cause: 'thử',
      drill: false,
    });

    await eventually('the technician hears every private event', () =>
      PRIVATE_EVENTS.every((e) => tech.heard.includes(e)),
    );
    await eventually('everyone hears the ticket', () =>
      [...anonymous, clerk].every((l) => l.heard.includes('ticket.issued')),
    );
    for (const [i, l] of anonymous.entries()) {
      expect(
        l.heard.filter((e) => PRIVATE_EVENTS.includes(e)),
        `claimed ${claims[i]}`,
      ).toEqual([]);
    }
    expect(clerk.heard.filter((e) => PRIVATE_EVENTS.includes(e))).toEqual([]);

    const health = await call(`${s.url}/api/health`, 'GET');
    // Counted as what they are: the claims of a technician screen without a session count as nothing.
    expect(health.body.devices).toMatchObject({ tech: 1, staff: 1, display: 1, other: 7 });
  });

  it('a kiosk hears its own printer, and only as a kiosk', async () => {
    const kiosk = await listener({ kind: 'kiosk', printerId: 'kiosk' });
    const display = await listener({ kind: 'display', printerId: 'kiosk' });
    const body = (await issue()).body;
    await eventually('the kiosk hears its job', () => kiosk.heard.includes('print.job'));
    expect(display.heard).not.toContain('print.job');
    expect(body.number).toMatch(/^A\d{3}$/);
  });

  it('a socket whose session ends stops hearing what its account could hear', async () => {
    const cookies = {
      logout: await s.account('kt-logout', 'technician'),
      disabled: await s.account('kt-disabled', 'technician'),
      secret: await s.account('kt-secret', 'technician'),
      expired: await s.account('kt-expired', 'technician'),
    };
    const sockets = Object.fromEntries(
      await Promise.all(
        Object.entries(cookies).map(async ([why, cookie]) => {
          const l = await listener({ kind: 'tech', cookie });
          const ended: string[] = [];
          l.socket.on('session.ended', (m: { reason: string }) => ended.push(m.reason));
          return [why, { ...l, ended }] as const;
        }),
      ),
    );

    expect((await call(`${s.url}/api/auth/logout`, 'POST', {}, { cookie: cookies.logout })).status).toBe(200);
    const disabled = await accountId('kt-disabled');
    await call(
      `${s.url}/api/accounts/${disabled.id}/active`,
      'POST',
      { active: false },
      { cookie: disabled.admin },
    );
    const secret = await accountId('kt-secret');
    await call(
      `${s.url}/api/accounts/${secret.id}/password`,
      'POST',
      { password: 'mat-khau-moi-dai' },
      { cookie: secret.admin },
    );
    await eventually('three sessions ended', () =>
      ['logout', 'disabled', 'secret'].every((w) => (sockets[w]?.ended.length ?? 0) > 0),
    );
    expect(sockets.logout?.ended).toEqual(['logout']);
    expect(sockets.disabled?.ended).toEqual(['disabled']);
    expect(sockets.secret?.ended).toEqual(['secret_changed']);
    expect(sockets.expired?.ended).toEqual([]);

    // Past twelve hours the last one has expired too (the admin logs in again afterwards).
    clock.advance(12 * 3_600_000 + 1);
    s.app.accounts.endExpiredSessions();
    await eventually('expired', () => sockets.expired?.ended[0] === 'expired');

    for (const l of Object.values(sockets)) l.heard.length = 0;
    const watcher = await listener({ kind: 'tech', cookie: await s.login('admin', ADMIN_PASSWORD) });
    await issue();
    await eventually('a live technician still hears jobs', () => watcher.heard.includes('print.job'));
    await eventually('every ended socket still hears the queue', () =>
      Object.values(sockets).every((l) => l.heard.includes('ticket.issued')),
    );
    for (const [why, l] of Object.entries(sockets)) {
      expect(
        l.heard.filter((e) => PRIVATE_EVENTS.includes(e)),
        why,
      ).toEqual([]);
      expect((l.socket as Socket).connected, why).toBe(true);
    }
  });

  it('a throwing domain listener breaks neither the ticket nor the screens', async () => {
    const display = await listener({ kind: 'display' });
    s.app.bus.on('broken', 'ticket.issued', () => {
      throw new Error('listener hỏng');
    });
    try {
      const r = await issue();
      expect(r.status).toBe(201);
      await eventually('the display still hears it', () => display.heard.includes('ticket.issued'));
    } finally {
      s.app.bus.off('broken');
    }
  });
});

describe("the technician's list of screens", () => {
  it('a counter display is named by the counter it says, once per connection, and only a real counter', async () => {
    const { admin } = await accountId('admin');
    const screens = async () =>
      (await call(`${s.url}/api/status`, 'GET', undefined, { cookie: admin })).body.screens as {
        kind: string;
        counter: number | null;
        connected: boolean;
      }[];
    expect((await call(`${s.url}/api/status`, 'GET')).status).toBe(401);
    const { socket } = await listener({ kind: 'counter-display' });
    socket.emit('screen.place', { counter: 99 });
    socket.emit('screen.place', { counter: 2 });
    const other = (await listener({ kind: 'counter-display' })).socket;
    other.emit('screen.place', { counter: 3 });
    other.emit('screen.place', { counter: 4 });
    await eventually('counter 3 placed', async () => (await screens()).some((x) => x.counter === 3));
    const displays = (await screens()).filter((x) => x.kind === 'counter-display');
    // 99 is no counter, and the first socket's second word is not heard; nor is the other's.
    expect(displays.map((x) => x.counter)).toEqual([null, 3]);
    other.disconnect();
    await eventually('counter 3 gone', async () =>
      (await screens()).some((x) => x.counter === 3 && !x.connected),
    );
    socket.disconnect();
  });
});
