import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../helpers/fake-clock.js';
import { ADMIN_PASSWORD, call, callFrom, startServer, type TestServer } from '../helpers/server.js';

const clock = new FakeClock(Date.parse('2026-11-23T02:00:00Z'));
let s: TestServer;

beforeAll(async () => {
  s = await startServer({ clock, config: { limits: { loginsPerMinutePerClient: 100_000 } } });
});
afterAll(() => s.close());

const login = (from: string, username: string, password: string) =>
  callFrom(from, `${s.url}/api/auth/login`, 'POST', { username, password });

async function accountOf(username: string) {
  const admin = await s.login('admin', ADMIN_PASSWORD);
  const list = await call(`${s.url}/api/accounts`, 'GET', undefined, { cookie: admin });
  return { admin, account: list.body.find((a: { username: string }) => a.username === username) };
}

const audited = (username: string): Record<string, number> =>
  Object.fromEntries(
    (
      s.db
        .prepare('SELECT action, count(*) AS n FROM audit_log WHERE username = ? GROUP BY action')
        .all(username) as { action: string; n: number }[]
    ).map((r) => [r.action, r.n]),
  );

describe('login lockout (plan 2.2)', () => {
  it('a burst of 40 wrong secrets is checked at most five times, and locks that source', async () => {
    await s.account('burst', 'staff', '582914');
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => login('127.0.0.2', 'burst', '000111')),
    );
    expect(answers.every((a) => a.status === 401)).toBe(true);
    const seen = audited('burst');
    // Checked: failures and the one that locked; the rest refused without a check.
    expect((seen['auth.login_failed'] ?? 0) + (seen['auth.locked'] ?? 0)).toBe(5);
    expect(seen['auth.login_refused']).toBe(35);
    // The right secret from that source is refused now, but works from another machine.
    expect((await login('127.0.0.2', 'burst', '582914')).status).toBe(401);
    expect((await login('127.0.0.3', 'burst', '582914')).status).toBe(200);
    // The technician sees the lock of that one source, lifting in fifteen minutes.
    const { account } = await accountOf('burst');
    expect(account.locked).toBe(true);
    expect(Date.parse(account.lockedUntil)).toBe(clock.now() + 15 * 60_000);
  });

  it('a source lock lifts after fifteen minutes; twenty failures from anywhere lock until unlocked', async () => {
    await s.account('khoa', 'staff', '730519');
    for (let i = 0; i < 5; i++) await login('127.0.0.4', 'khoa', '111000');
    expect((await login('127.0.0.4', 'khoa', '730519')).body.message).toMatch(/tạm khóa 15 phút/);
    clock.advance(15 * 60_000);
    expect((await login('127.0.0.4', 'khoa', '730519')).status).toBe(200);

    for (const source of ['127.0.0.5', '127.0.0.6', '127.0.0.7', '127.0.0.8']) {
      for (let i = 0; i < 5; i++) await login(source, 'khoa', '222000');
    }
    const locked = await login('127.0.0.9', 'khoa', '730519');
    expect(locked.status).toBe(401);
    expect(locked.body.message).toMatch(/nhờ cán bộ CNTT mở khóa/);
    clock.advance(24 * 3_600_000);
    expect((await login('127.0.0.9', 'khoa', '730519')).status).toBe(401);

    const { admin, account } = await accountOf('khoa');
    expect(account).toMatchObject({ locked: true, lockedUntil: null });
    await call(`${s.url}/api/accounts/${account.id}/unlock`, 'POST', {}, { cookie: admin });
    expect((await login('127.0.0.9', 'khoa', '730519')).status).toBe(200);
  });

  it('an unknown username, a wrong secret and a lock answer alike, in the same time', async () => {
    await s.account('thu', 'staff', '604918');
    // Taken in turns, so a burst of load on a shared machine falls on both series alike.
    const known = [];
    const unknown = [];
    for (let i = 0; i < 6; i++) {
      known.push(await login('127.0.1.1', 'thu', '999000'));
      unknown.push(await login('127.0.1.2', 'khong-co-ai', '999000'));
    }
    expect(known.map((a) => [a.status, a.body])).toEqual(unknown.map((a) => [a.status, a.body]));
    expect(known.map((a) => a.body.error)).toEqual(Array(6).fill('invalid_credentials'));
    expect(known[2]?.body.message).toMatch(/Còn 2 lần thử/);
    expect(known[5]?.body.message).toMatch(/tạm khóa 15 phút/);
    // Every answer, checked or refused, takes at least a secret check's time.
    const times = [...known, ...unknown].map((a) => a.ms);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(195);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const [k, u] = [median(known.map((a) => a.ms)), median(unknown.map((a) => a.ms))];
    // A leak is a whole derivation (150 ms or more); noise on a busy machine, a fraction of one.
    expect(Math.abs(k - u)).toBeLessThan(Math.max(60, 0.25 * Math.min(k, u)));
  });

  it('anyone on the LAN cannot lock an account out for its clerk at another machine', async () => {
    await s.account('admin2', 'technician', 'mat-khau-ky-thuat');
    for (let i = 0; i < 10; i++) await login('127.0.2.1', 'admin2', 'doan-bua-thoi-nhe');
    expect((await login('127.0.2.2', 'admin2', 'mat-khau-ky-thuat')).status).toBe(200);
  });
});
