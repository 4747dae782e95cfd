import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../contract/screen.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { ADMIN_PASSWORD, call, nextEvent, startServer, type TestServer } from '../helpers/server.js';

/** Monday 23 Nov 2026, 07:00 in Hà Nội (00:00 UTC). */
const clock = new FakeClock(Date.parse('2026-11-23T00:00:00Z'));
let s: TestServer;
let admin: string;
let clerk: string;
const at = (local: string) => clock.set(`${local}+07:00`);
const send = (method: string, p: string, body?: unknown, cookie = admin) =>
  call(`${s.url}${p}`, method, body, { cookie });
const ticket = (serviceId = 1) => send('POST', '/api/tickets', { serviceId }, '');

beforeAll(async () => {
  s = await startServer({ clock, config: { limits: { ticketsPerMinutePerClient: 10_000 } } });
  admin = await s.login('admin', ADMIN_PASSWORD);
  clerk = await s.account('lan', 'staff', '246813');
});

afterAll(async () => {
  await s?.close();
});

describe('services and counters from the browser', () => {
  it('a new service reaches the kiosk at once, audited, by technicians only', async () => {
    const kiosk = s.socket({ kind: 'kiosk' });
    await nextEvent(kiosk, 'snapshot');
    const body = { name: 'Tư pháp', nameEn: 'Justice', prefix: 'g' };
    expect((await send('POST', '/api/services', body, clerk)).status).toBe(403);
    const redraw = nextEvent<Snapshot>(kiosk, 'snapshot');
    const created = await send('POST', '/api/services', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'tu-phap', prefix: 'G', active: true, capPerSession: null });
    expect((await redraw).services.map((x) => x.name)).toContain('Tư pháp');

    const renamed = nextEvent<Snapshot>(kiosk, 'snapshot');
    const res = await send('PATCH', `/api/services/${created.body.id}`, { name: 'Tư pháp – Hộ tịch' });
    expect(res.body.name).toBe('Tư pháp – Hộ tịch');
    expect((await renamed).services.map((x) => x.name)).toContain('Tư pháp – Hộ tịch');
    const audit = s.db
      .prepare("SELECT detail FROM audit_log WHERE action = 'service.update' ORDER BY id DESC LIMIT 1")
      .get() as { detail: string };
    expect(JSON.parse(audit.detail)).toMatchObject({
      before: { name: 'Tư pháp' },
      after: { name: 'Tư pháp – Hộ tịch' },
    });
  });

  it('refuses what would confuse the kiosk, naming the field', async () => {
    const taken = await send('POST', '/api/services', { name: 'Khác', nameEn: 'Other', prefix: 'A' });
    expect(taken).toMatchObject({ status: 409, body: { error: 'prefix_taken' } });
    const bad = await send('POST', '/api/services', { name: 'Khác', nameEn: 'Other', prefix: '1' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('"prefix"');
    expect(
      (await send('POST', '/api/counters', { number: 1, name: 'Quầy 1b', serviceIds: [1] })).body.error,
    ).toBe('number_taken');
    expect(
      (await send('POST', '/api/counters', { number: 9, name: 'Quầy 9', serviceIds: [999] })).status,
    ).toBe(400);
  });

  it('a counter that does not put priority first calls in order of arrival', async () => {
    const res = await send('POST', '/api/counters', {
      number: 7,
      name: 'Quầy 7',
      serviceIds: [3],
      priorityFirst: false,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ number: 7, serviceIds: [3], priorityFirst: false });
    const older = await ticket(3);
    clock.advance(1000);
    await send('POST', '/api/tickets', { serviceId: 3, priority: true }, '');
    await send('POST', `/api/counters/${res.body.id}/open`, {}, clerk);
    const called = await send('POST', `/api/counters/${res.body.id}/next`, {}, clerk);
    expect(called.body.ticket.number).toBe(older.body.number);
  });
});

describe('working hours and caps', () => {
  const weekday = [
    { session: 'morning', opens: '07:30', closes: '11:30' },
    { session: 'afternoon', opens: '13:30', closes: '17:00' },
  ];

  it('refuses hours that end before they begin, naming the day', async () => {
    const res = await send('PATCH', '/api/settings', {
      hours: { 1: [{ session: 'morning', opens: '11:30', closes: '07:30' }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('"hours.1.0"');
  });

  it('gives numbers only within the sessions, and says calmly when it opens next', async () => {
    const set = await send('PATCH', '/api/settings', {
      hours: { 1: weekday, 2: weekday, 3: weekday, 4: weekday, 5: weekday },
    });
    expect(set.status).toBe(200);
    at('2026-11-23T07:00:00');
    const early = await ticket();
    expect(early).toMatchObject({ status: 409, body: { error: 'closed' } });
    expect(early.body.message).toContain('7 giờ 30, thứ Hai ngày 23/11/2026');
    at('2026-11-23T07:30:00');
    expect((await ticket()).status).toBe(201);
    at('2026-11-23T11:29:59');
    expect((await ticket()).status).toBe(201);
    at('2026-11-23T12:15:00');
    expect((await ticket()).body.message).toContain('13 giờ 30, thứ Hai');
    // Tuesday 24 Nov is Vietnamese Culture Day, a paid day off from 2026.
    at('2026-11-24T09:00:00');
    expect((await ticket()).body.message).toContain('7 giờ 30, thứ Tư ngày 25/11/2026');
    // Saturday 22 Aug 2026 is an announced working Saturday: Monday's hours.
    at('2026-08-22T08:00:00');
    expect((await ticket()).status).toBe(201);
    at('2026-11-28T08:00:00');
    expect((await ticket()).body.error).toBe('closed');
  });

  it('a technician opens an extra session', async () => {
    at('2026-11-28T07:50:00');
    // Days went by on the clock: sessions last 12 hours.
    admin = await s.login('admin', ADMIN_PASSWORD);
    const extra = await send('POST', '/api/settings/extra-sessions', {
      opensAt: '2026-11-28T08:00:00+07:00',
      closesAt: '2026-11-28T11:00:00+07:00',
      reason: 'Đợt cao điểm cấp đổi giấy tờ',
    });
    expect(extra.status).toBe(201);
    expect((await ticket()).body.message).toContain('8 giờ 00, thứ Bảy ngày 28/11/2026');
    at('2026-11-28T09:00:00');
    expect((await ticket()).status).toBe(201);
    expect((await send('GET', '/api/settings')).body.extras).toHaveLength(1);
  });

  it('a cap per session: sold out in the morning, numbers again in the afternoon', async () => {
    at('2026-11-25T08:00:00');
    admin = await s.login('admin', ADMIN_PASSWORD);
    const cap = await send('PATCH', '/api/services/2', { capPerSession: 2 });
    expect(cap.body.capPerSession).toBe(2);
    expect((await ticket(2)).status).toBe(201);
    expect((await ticket(2)).status).toBe(201);
    const third = await ticket(2);
    expect(third).toMatchObject({ status: 409, body: { error: 'sold_out' } });
    expect(third.body.message).toContain('Chứng thực đã hết số');
    expect((await ticket(1)).status).toBe(201);
    at('2026-11-25T13:45:00');
    expect((await ticket(2)).status).toBe(201);
  });

  it('an empty week means always open, as on a demo', async () => {
    at('2026-11-29T22:00:00');
    admin = await s.login('admin', ADMIN_PASSWORD);
    expect((await send('PATCH', '/api/settings', { hours: {} })).status).toBe(200);
    expect((await ticket()).status).toBe(201);
  });
});

describe('one file to set up a second center like the first', () => {
  it('exports the setup and imports it elsewhere, all or nothing, audited', async () => {
    at('2026-11-30T09:00:00');
    admin = await s.login('admin', ADMIN_PASSWORD);
    await send('PATCH', '/api/settings', {
      hours: { 1: [{ session: 'morning', opens: '07:30', closes: '11:30' }] },
    });
    await send('POST', '/api/procedures', {
      name: 'Đăng ký giám hộ',
      field: 'Hộ tịch',
      processingDays: 3,
      active: true,
    });
    await send('PUT', '/api/calendar/2026-12-31', { kind: 'off', note: 'Nghỉ hoán đổi' });
    const exported = await send('GET', '/api/setup/export');
    expect(exported.status).toBe(200);
    const file = exported.body;
    expect(file).toMatchObject({ format: 'tiep-suc-setup', version: 1 });
    expect(file.services.map((x: { prefix: string }) => x.prefix)).toContain('G');
    expect(file.counters.find((c: { number: number }) => c.number === 7)).toMatchObject({
      services: ['C'],
      priorityFirst: false,
    });

    const other = await startServer();
    try {
      const otherAdmin = await other.login('admin', ADMIN_PASSWORD);
      const put = (p: string, body: unknown) =>
        call(`${other.url}${p}`, 'POST', body, { cookie: otherAdmin });
      const broken = structuredClone(file);
      broken.counters.push({ number: 20, name: 'Quầy 20', services: ['Z'] });
      const refused = await put('/api/setup/import', broken);
      expect(refused.status).toBe(400);
      expect(refused.body.message).toContain('lĩnh vực Z');
      const untouched = await call(`${other.url}/api/services`, 'GET');
      expect(untouched.body.map((x: { prefix: string }) => x.prefix)).not.toContain('G');

      const kiosk = other.socket({ kind: 'kiosk' });
      await nextEvent(kiosk, 'snapshot');
      const redraw = nextEvent<Snapshot>(kiosk, 'snapshot');
      const imported = await put('/api/setup/import', file);
      expect(imported.body).toMatchObject({ services: file.services.length, counters: file.counters.length });
      expect((await redraw).services.map((x) => x.prefix)).toContain('G');
      const again = (await call(`${other.url}/api/setup/export`, 'GET', undefined, { cookie: otherAdmin }))
        .body;
      for (const part of ['services', 'counters', 'hours', 'procedures', 'calendar'])
        expect(again[part], part).toEqual(file[part]);
      const audit = other.db.prepare("SELECT detail FROM audit_log WHERE action = 'setup.import'").all();
      expect(audit).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});
