import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { parseConfig } from '../../server/config.js';
import { openDatabase } from '../../server/db/open.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { ADMIN_PASSWORD, call, startServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/temp.js';

const clock = new FakeClock(Date.parse('2026-11-23T02:00:00Z'));
let s: TestServer;
let admin: string;

beforeAll(async () => {
  s = await startServer({ clock, config: { limits: { loginsPerMinutePerClient: 1000 } } });
  admin = await s.login('admin', ADMIN_PASSWORD);
});
afterAll(() => s.close());

const login = (username: string, password: string) =>
  call(`${s.url}/api/auth/login`, 'POST', { username, password });

describe('accounts and sessions', () => {
  it('sets an httpOnly SameSite=Strict session cookie and knows who is logged in', async () => {
    await s.account('lan', 'staff', '135792');
    const r = await login('lan', '135792');
    const cookie = r.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^tiepsuc_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const me = await call(`${s.url}/api/auth/me`, 'GET', undefined, {
      cookie: cookie.split(';')[0] as string,
    });
    expect(me.body.account).toMatchObject({ username: 'lan', role: 'staff', locked: false });
    expect(JSON.stringify(me.body)).not.toMatch(/hash/i);
  });

  it('a reset sets a new PIN and ends the old sessions', async () => {
    const old = await s.account('hoa', 'staff', '246802');
    const list = await call(`${s.url}/api/accounts`, 'GET', undefined, { cookie: admin });
    const hoa = list.body.find((a: { username: string }) => a.username === 'hoa');
    const r = await call(
      `${s.url}/api/accounts/${hoa.id}/password`,
      'POST',
      { password: '918273' },
      { cookie: admin },
    );
    expect(r.status).toBe(200);
    expect((await call(`${s.url}/api/auth/me`, 'GET', undefined, { cookie: old })).status).toBe(401);
    expect((await login('hoa', '246802')).status).toBe(401);
    const again = await login('hoa', '918273');
    expect(again.status).toBe(200);
    expect(again.body.account.mustChange).toBe(true);
  });

  it('a secret given by a technician must be changed at the first login, before anything else', async () => {
    const created = await call(
      `${s.url}/api/accounts`,
      'POST',
      { username: 'moi', displayName: 'Cán bộ mới', role: 'staff', password: '502913' },
      { cookie: admin },
    );
    expect(created.body.mustChange).toBe(true);
    const first = await login('moi', '502913');
    expect(first.body.account.mustChange).toBe(true);
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const before = await call(`${s.url}/api/counters/1/open`, 'POST', {}, { cookie });
    expect(before).toMatchObject({ status: 403, body: { error: 'must_change' } });
    expect((await call(`${s.url}/api/auth/me`, 'GET', undefined, { cookie })).status).toBe(200);
    const change = (current: string, next: string) =>
      call(`${s.url}/api/auth/secret`, 'POST', { current, next }, { cookie });
    expect((await change('000000', '731846')).body.error).toBe('wrong_secret');
    expect((await change('502913', '502913')).body.error).toBe('same_secret');
    expect((await change('502913', '123456')).body.error).toBe('weak_password');
    const done = await change('502913', '731846');
    expect(done.body.account.mustChange).toBe(false);
    expect((await call(`${s.url}/api/counters/1/open`, 'POST', {}, { cookie })).status).toBe(200);
    expect((await login('moi', '731846')).status).toBe(200);
    const audit = s.db.prepare("SELECT detail FROM audit_log WHERE action = 'account.change_secret'").all();
    expect(JSON.stringify(audit)).not.toMatch(/731846|502913/);
  });

  it('sessions expire after twelve hours', async () => {
    const cookie = await s.account('tam', 'staff', '440244');
    clock.advance(12 * 3_600_000 + 1);
    expect((await call(`${s.url}/api/auth/me`, 'GET', undefined, { cookie })).status).toBe(401);
  });

  it('logout ends the session', async () => {
    const cookie = await s.login('admin', ADMIN_PASSWORD);
    expect((await call(`${s.url}/api/auth/logout`, 'POST', {}, { cookie })).status).toBe(200);
    expect((await call(`${s.url}/api/auth/me`, 'GET', undefined, { cookie })).status).toBe(401);
  });

  it('roles nest: a leader is staff too, but not a technician', async () => {
    const leader = await s.account('lanhdao', 'leader');
    expect((await call(`${s.url}/api/tickets`, 'GET', undefined, { cookie: leader })).status).toBe(200);
    expect((await call(`${s.url}/api/accounts`, 'GET', undefined, { cookie: leader })).status).toBe(403);
  });

  it('writes privileged actions to the audit log with who, what, when and where', async () => {
    admin = await s.login('admin', ADMIN_PASSWORD);
    const clerk = await s.account('quay2', 'staff');
    await call(`${s.url}/api/counters/2/pause`, 'POST', { reason: 'Mất điện cục bộ' }, { cookie: clerk });
    const audit = await call(`${s.url}/api/audit?limit=50`, 'GET', undefined, { cookie: admin });
    const actions = audit.body.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['auth.login', 'account.create', 'account.reset_password', 'counter.pause']),
    );
    const pause = audit.body.find((e: { action: string }) => e.action === 'counter.pause');
    expect(pause).toMatchObject({
      username: 'quay2',
      ip: '127.0.0.1',
      detail: { counter: 2, reason: 'Mất điện cục bộ' },
    });
    expect(Date.parse(pause.at)).toBe(clock.now());
  });

  it('filters the audit log by account, action family and days, and exports it as CSV, audited', async () => {
    const get = (query: string) => call(`${s.url}/api/audit${query}`, 'GET', undefined, { cookie: admin });
    const byClerk = (await get('?username=quay2')).body as { username: string }[];
    expect(byClerk.length).toBeGreaterThan(0);
    expect(byClerk.every((e) => e.username === 'quay2')).toBe(true);
    const accounts = (await get('?action=account')).body as { action: string }[];
    expect(accounts.every((e) => e.action.startsWith('account.'))).toBe(true);
    expect(accounts.map((e) => e.action)).toEqual(
      expect.arrayContaining(['account.create', 'account.reset_password', 'account.change_secret']),
    );
    const today = new Date(clock.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    expect((await get(`?from=${today}&to=${today}`)).body.length).toBeGreaterThan(0);
    expect((await get('?to=2020-01-01')).body).toEqual([]);
    const res = await fetch(`${s.url}/api/audit.csv?action=counter`, { headers: { cookie: admin } });
    const text = await res.text();
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    expect(text.split('\r\n')[0]).toBe('Thời gian,Tài khoản,Thao tác,Chi tiết,Địa chỉ IP');
    expect(text).toContain('counter.pause');
    expect((await get('?action=audit.export')).body).toHaveLength(1);
  });
});

describe('first technician', () => {
  const temp = tempDir();
  afterEach(() => temp.remove());

  it('without TIEPSUC_ADMIN_PASSWORD, a one-time setup token sets the admin password', async () => {
    const db = openDatabase(path.join(temp.dir, 'x.sqlite'));
    const app = await buildApp({ config: parseConfig({}), db });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      expect(app.setupToken).toMatch(/^[\w-]{20,}$/);
      expect((await call(`${url}/api/auth/login`, 'POST', { username: 'admin', password: '' })).status).toBe(
        400,
      );
      const weak = await call(`${url}/api/auth/setup`, 'POST', { token: app.setupToken, password: 'ngan' });
      expect(weak.status).toBe(400);
      const ok = await call(`${url}/api/auth/setup`, 'POST', {
        token: app.setupToken,
        password: 'mat-khau-moi-123',
      });
      expect(ok.status).toBe(200);
      const again = await call(`${url}/api/auth/setup`, 'POST', {
        token: app.setupToken,
        password: 'khac-hoan-toan',
      });
      expect(again.status).toBe(403);
      expect(
        (await call(`${url}/api/auth/login`, 'POST', { username: 'admin', password: 'mat-khau-moi-123' }))
          .status,
      ).toBe(200);
    } finally {
      await app.close();
      db.close();
    }
  });
});
