import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsRow, StatsView } from '../../contract/stats.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { ADMIN_PASSWORD, call, startServer, type TestServer } from '../helpers/server.js';

/**
 * A month of work played through the HTTP API under a fake clock. The test keeps its own record
 * of every visit from what it did and what the server answered, and counts the figures itself.
 */
const clock = new FakeClock(Date.parse('2026-11-02T00:00:00Z'));
let s: TestServer;
let admin: string;
let leader: string;
const clerks: Record<string, string> = {};
const names: Record<string, string> = { lan: 'Nguyễn Thị Lan', minh: 'Trần Văn Minh' };

interface Seen {
  ticketId: number;
  day: string;
  hour: number;
  service: number;
  issuedAt: number;
  counter: number | null;
  staff: string | null;
  calledAt: number | null;
  lastCallAt: number | null;
  outcome: 'waiting' | 'called' | 'done' | 'no_show' | 'transferred';
  serveMs: number | null;
}
const seen = new Map<number, Seen>();

const local = (day: string, hhmm: string) => {
  clock.set(`${day}T${hhmm}:00+07:00`);
  return clock.now();
};
const send = (method: string, p: string, body: unknown, cookie: string) =>
  call(`${s.url}${p}`, method, body, { cookie });

async function issue(day: string, hhmm: string, service: number): Promise<void> {
  const at = local(day, hhmm);
  const res = await send('POST', '/api/tickets', { serviceId: service }, '');
  expect(res.status).toBe(201);
  waiting(res.body.id, day, service, at);
}

/** A visit begins: a number taken, or a transfer into another service's line. */
function waiting(ticketId: number, day: string, service: number, at: number): void {
  seen.set(ticketId, {
    ticketId,
    day,
    hour: new Date(at + 7 * 3_600_000).getUTCHours(),
    service,
    issuedAt: at,
    counter: null,
    staff: null,
    calledAt: null,
    lastCallAt: null,
    outcome: 'waiting',
    serveMs: null,
  });
}

/** One counter works its line dry: every fifth citizen absent, the second of the day transferred. */
async function work(day: string, counter: number, clerk: string, start: string, transferTo: number | null) {
  const cookie = clerks[clerk] as string;
  const at = (minutes: number) => local(day, start) + minutes * 60_000;
  let minute = 0;
  clock.set(new Date(at(minute)).toISOString());
  expect((await send('POST', `/api/counters/${counter}/open`, {}, cookie)).status).toBe(200);
  for (let j = 0; ; j++) {
    clock.set(new Date(at(minute)).toISOString());
    const called = await send('POST', `/api/counters/${counter}/next`, {}, cookie);
    expect(called.status).toBe(200);
    if (!called.body.ticket) break;
    const v = seen.get(called.body.ticket.id) as Seen;
    v.calledAt ??= clock.now();
    v.lastCallAt = clock.now();
    v.counter = counter;
    v.staff = clerk;
    v.outcome = 'called';
    minute += 2 + (j % 3);
    clock.set(new Date(at(minute)).toISOString());
    if (j % 5 === 4) {
      await send('POST', `/api/counters/${counter}/no-show`, {}, cookie);
      v.outcome = 'no_show';
    } else if (j === 1 && transferTo !== null) {
      const moved = await send(
        'POST',
        `/api/counters/${counter}/transfer`,
        { serviceId: transferTo },
        cookie,
      );
      expect(moved.status).toBe(200);
      v.outcome = 'transferred';
      v.serveMs = clock.now() - (v.lastCallAt as number);
      const copy = s.db
        .prepare("SELECT id FROM tickets WHERE transferred_from = ? AND origin = 'transfer'")
        .get(v.ticketId) as { id: number };
      waiting(copy.id, day, transferTo, clock.now());
    } else {
      await send('POST', `/api/counters/${counter}/done`, {}, cookie);
      v.outcome = 'done';
      v.serveMs = clock.now() - (v.lastCallAt as number);
    }
    minute += 1;
  }
  await send('POST', `/api/counters/${counter}/close`, {}, cookie);
}

const mean = (xs: number[]) =>
  xs.length === 0 ? null : Math.round(xs.reduce((a, b) => a + b, 0) / xs.length / 6_000) / 10;
const max = (xs: number[]) => (xs.length === 0 ? null : Math.round(Math.max(...xs) / 6_000) / 10);

/** The figures the test expects, counted in plain code from its own record. */
function expected(from: string, to: string, keyOf: (v: Seen) => string | null) {
  const groups = new Map<string, Seen[]>();
  for (const v of seen.values()) {
    const key = keyOf(v);
    if (v.day < from || v.day > to || key === null) continue;
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  return new Map(
    [...groups].map(([key, vs]) => {
      const waits = vs.filter((v) => v.calledAt !== null).map((v) => (v.calledAt as number) - v.issuedAt);
      return [
        key,
        {
          visits: vs.length,
          served: vs.filter((v) => v.outcome === 'done').length,
          noShows: vs.filter((v) => v.outcome === 'no_show').length,
          transferred: vs.filter((v) => v.outcome === 'transferred').length,
          open: vs.filter((v) => v.outcome === 'waiting' || v.outcome === 'called').length,
          meanWaitMin: mean(waits),
          maxWaitMin: max(waits),
          meanServeMin: mean(vs.filter((v) => v.outcome === 'done').map((v) => v.serveMs as number)),
          // No citizen rated here: the ratings have their own test.
          rated: 0,
          unsatisfied: 0,
          satisfactionPct: null,
        },
      ];
    }),
  );
}

const figures = (r: StatsRow) => {
  const { key: _key, label: _label, ...rest } = r;
  return rest;
};

async function stats(from: string, to: string, by: string, cookie = leader): Promise<StatsView> {
  const res = await send('GET', `/api/stats?from=${from}&to=${to}&by=${by}`, undefined, cookie);
  expect(res.status).toBe(200);
  return res.body;
}

const WORKDAYS: string[] = [];
for (let d = 2; d <= 30; d++) {
  const day = `2026-11-${String(d).padStart(2, '0')}`;
  if (new Date(`${day}T12:00:00Z`).getUTCDay() % 6 !== 0) WORKDAYS.push(day);
}

beforeAll(async () => {
  s = await startServer({
    clock,
    config: { limits: { ticketsPerMinutePerClient: 10_000, loginsPerMinutePerClient: 10_000 } },
  });
  admin = await s.login('admin', ADMIN_PASSWORD);
  leader = await s.account('tam', 'leader');
  for (const [username, display] of Object.entries(names)) {
    clerks[username] = await s.account(username, 'staff');
    const id = (s.db.prepare('SELECT id FROM accounts WHERE username = ?').get(username) as { id: number })
      .id;
    s.db.prepare('UPDATE accounts SET display_name = ? WHERE id = ?').run(display, id);
  }
  for (const [i, day] of WORKDAYS.entries()) {
    for (let a = 0; a < 3 + (i % 4); a++) {
      await issue(
        day,
        `${String(8 + Math.floor((a * 20) / 60)).padStart(2, '0')}:${String((a * 20) % 60).padStart(2, '0')}`,
        1,
      );
    }
    for (let b = 0; b < 2 + (i % 3); b++) await issue(day, `${String(8 + b).padStart(2, '0')}:10`, 2);
    // Clerks take turns at the two counters, so staff and counter figures differ.
    const [first, second] = i % 2 === 0 ? ['lan', 'minh'] : ['minh', 'lan'];
    // A month of fake time outlives any session: the clerks sign in each morning, as they would.
    for (const u of Object.keys(names)) clerks[u] = await s.login(u, '246813');
    await work(day, 1, first as string, '10:40', 2);
    await work(day, 3, second as string, '11:30', null);
  }
  // The last afternoon, one number still waits.
  await issue(WORKDAYS.at(-1) as string, '14:05', 1);
  admin = await s.login('admin', ADMIN_PASSWORD);
  leader = await s.login('tam', 'mat-khau-dai');
  for (const u of Object.keys(names)) clerks[u] = await s.login(u, '246813');
}, 120_000);

afterAll(async () => {
  await s?.close();
});

describe('the leader’s figures', () => {
  const from = '2026-11-01';
  const to = '2026-11-30';
  const keyed: Record<string, (v: Seen) => string | null> = {
    service: (v) => String(v.service),
    counter: (v) =>
      v.counter === null
        ? null
        : String(
            (s.db.prepare('SELECT id FROM counters WHERE number = ?').get(v.counter) as { id: number }).id,
          ),
    staff: (v) =>
      v.staff === null
        ? null
        : String(
            (s.db.prepare('SELECT id FROM accounts WHERE username = ?').get(v.staff) as { id: number }).id,
          ),
    hour: (v) => String(v.hour),
    day: (v) => v.day,
    month: (v) => v.day.slice(0, 7),
  };

  for (const by of Object.keys(keyed)) {
    it(`by ${by}, for the month, match the visits the test played number by number`, async () => {
      const view = await stats(from, to, by);
      const want = expected(from, to, keyed[by] as (v: Seen) => string | null);
      expect(new Map(view.rows.map((r) => [r.key, figures(r)]))).toEqual(want);
    });
  }

  it('a week of it, and the month’s total', async () => {
    const week = await stats('2026-11-09', '2026-11-13', 'service');
    expect(new Map(week.rows.map((r) => [r.key, figures(r)]))).toEqual(
      expected('2026-11-09', '2026-11-13', (v) => String(v.service)),
    );
    const month = await stats(from, to, 'day');
    expect(figures(month.total)).toEqual(expected(from, to, () => 'all').get('all'));
    expect(month.rows).toHaveLength(WORKDAYS.length);
    expect(month.total.open).toBe(1);
  });

  it('names what it groups, in Vietnamese', async () => {
    expect((await stats(from, to, 'service')).rows.map((r) => r.label)).toEqual(['Hộ tịch', 'Chứng thực']);
    expect((await stats(from, to, 'counter')).rows.map((r) => r.label)).toEqual(['Quầy 1', 'Quầy 3']);
    expect((await stats(from, to, 'staff')).rows.map((r) => r.label).sort()).toEqual(
      Object.values(names).sort(),
    );
    expect((await stats(from, to, 'hour')).rows[0]?.label).toBe('08:00–09:00');
  });

  it('the counter page reads its own day from the same figures', async () => {
    const last = WORKDAYS.at(-1) as string;
    const res = await send('GET', '/api/counters/1/stats', undefined, clerks.lan as string);
    expect(res.status).toBe(200);
    const want = expected(last, last, (v) => (v.counter === 1 ? 'one' : null)).get('one');
    expect(figures(res.body)).toEqual(want);
  });

  it('is for leaders and technicians; bad ranges are refused in Vietnamese', async () => {
    expect((await send('GET', '/api/stats', undefined, clerks.lan as string)).status).toBe(403);
    expect((await send('GET', '/api/stats', undefined, '')).status).toBe(401);
    expect((await send('GET', '/api/stats?by=service', undefined, admin)).status).toBe(200);
    const backwards = await send('GET', '/api/stats?from=2026-11-10&to=2026-11-01', undefined, leader);
    expect(backwards).toMatchObject({ status: 400, body: { error: 'bad_range' } });
    expect(backwards.body.message).toContain('Ngày bắt đầu');
    const bad = await send('GET', '/api/stats?from=2026-13-01', undefined, leader);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).not.toContain('    at ');
  });

  it('the workbook holds every grouping, its totals read back', async () => {
    const res = await fetch(`${s.url}/api/stats.xlsx?from=${from}&to=${to}`, { headers: { cookie: leader } });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'Theo lĩnh vực',
      'Theo quầy',
      'Theo cán bộ',
      'Theo giờ',
      'Theo ngày',
      'Theo tháng',
    ]);
    const sheet = book.getWorksheet('Theo lĩnh vực') as ExcelJS.Worksheet;
    expect(sheet.getRow(1).getCell(1).value).toBe('Lĩnh vực');
    const total = sheet.getRow(sheet.rowCount);
    const want = expected(from, to, () => 'all').get('all');
    expect([total.getCell(1).value, total.getCell(2).value, total.getCell(3).value]).toEqual([
      'Tổng cộng',
      want?.visits,
      want?.served,
    ]);
  });

  it('the read model is rebuilt from the events when dropped', async () => {
    const before = await stats(from, to, 'staff');
    s.db.exec('DELETE FROM visits; UPDATE visits_cursor SET event_id = 0');
    expect(await stats(from, to, 'staff')).toEqual(before);
  });
});
