import ExcelJS from 'exceljs';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../helpers/fake-clock.js';
import { ADMIN_PASSWORD, addClerkLan, call, startServer, type TestServer } from '../helpers/server.js';

const clock = new FakeClock(Date.parse('2026-11-23T02:00:00Z'));
let s: TestServer;
let lan: string;
let thu: string;
let leader: string;

beforeAll(async () => {
  s = await startServer({ clock });
  await addClerkLan(s.url, await s.login('admin', ADMIN_PASSWORD), s.db);
  lan = await s.login('lan', '246813');
  thu = await s.account('thu', 'staff', '604918');
  leader = await s.account('lanhdao', 'leader');
});
afterAll(() => s.close());

const issue = (serviceId = 1) => call(`${s.url}/api/tickets`, 'POST', { serviceId });
const desk = (cookie: string, counter: number, action: string) =>
  call(`${s.url}/api/counters/${counter}/${action}`, 'POST', undefined, { cookie });
const rateable = (cookie: string, counter: number) =>
  call(`${s.url}/api/counters/${counter}/rateable`, 'GET', undefined, { cookie });
const rate = (cookie: string | null, body: unknown) =>
  call(`${s.url}/api/ratings`, 'POST', body, cookie ? { cookie } : {});

/** Serves one new ticket of `serviceId` at `counter` to the end; its id. */
async function serve(cookie: string, counter: number, serviceId: number): Promise<number> {
  const { body } = await issue(serviceId);
  await desk(cookie, counter, 'next');
  clock.advance(4 * 60_000);
  await desk(cookie, counter, 'done');
  return body.id;
}

describe('the satisfaction tablet (đánh giá mức độ hài lòng)', () => {
  it('rates the ticket the counter just finished, once, from the clerk who finished it', async () => {
    await desk(lan, 1, 'open');
    const id = await serve(lan, 1, 1);
    expect((await rateable(lan, 1)).body.rateable).toMatchObject({ ticketId: id, serviceId: 1 });
    // Another clerk, or nobody, cannot rate it: the tablet is signed in as the counter's clerk.
    expect((await rateable(thu, 1)).body.rateable).toBeNull();
    expect((await rate(thu, { ticketId: id, score: 4 })).body.error).toBe('not_rateable');
    expect((await rate(null, { ticketId: id, score: 4 })).status).toBe(401);

    const first = await rate(lan, { ticketId: id, score: 4 });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ ticketId: id, counterId: 1, score: 4, reasons: [] });
    const again = await rate(lan, { ticketId: id, score: 1 });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'already_rated' });
    expect((await rateable(lan, 1)).body.rateable).toBeNull();
  });

  it('only the last finished ticket, only within 10 minutes', async () => {
    const earlier = await serve(lan, 1, 1);
    const last = await serve(lan, 1, 1);
    expect((await rate(lan, { ticketId: earlier, score: 3 })).body.error).toBe('not_rateable');
    clock.advance(10 * 60_000 + 1);
    expect((await rateable(lan, 1)).body.rateable).toBeNull();
    const late = await rate(lan, { ticketId: last, score: 3 });
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/vừa phục vụ xong tại quầy này/);
  });

  it('refuses what is not a rating, in Vietnamese, and keeps nothing of it', async () => {
    const id = await serve(lan, 1, 1);
    for (const body of [
      { ticketId: id, score: 5 },
      { ticketId: id, score: 4, reasons: ['wait'] },
      { ticketId: id, score: 2, reasons: ['khac'] },
      { ticketId: id, score: 2, comment: 'x'.repeat(501) },
      { ticketId: id },
    ]) {
      const answer = await rate(lan, body);
      expect(answer.status).toBe(400);
      expect(answer.body.message).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵêếềệểễôốồộổỗơớờợởỡưứừựửữđ]/i);
    }
    expect((await rateable(lan, 1)).body.rateable).toMatchObject({ ticketId: id });
    const kept = await rate(lan, {
      ticketId: id,
      score: 1,
      reasons: ['wait', 'wait', 'guidance'],
      comment: ' Chờ 2 tiếng ',
    });
    expect(kept.body).toMatchObject({ score: 1, reasons: ['wait', 'guidance'] });
  });

  it('counts in the figures per service, counter, staff and month, and as Decision 766 counts satisfaction', async () => {
    // Counter 3 (Chứng thực) by Thu: 3 ratings, one "không hài lòng".
    await desk(lan, 1, 'close');
    await desk(thu, 3, 'open');
    for (const score of [4, 2, 1]) {
      const id = await serve(thu, 3, 2);
      expect((await rate(thu, { ticketId: id, score })).status).toBe(201);
    }
    const stats = async (by: string) =>
      (await call(`${s.url}/api/stats?by=${by}`, 'GET', undefined, { cookie: leader })).body;
    const byService = await stats('service');
    expect(byService.rows.find((r: { key: string }) => r.key === '2')).toMatchObject({
      rated: 3,
      unsatisfied: 1,
      satisfactionPct: 66.7,
    });
    // All of the day: 4 and 1 by Lan, then 4, 2, 1 by Thu: (5 − 2) / 5.
    expect(byService.total).toMatchObject({ rated: 5, unsatisfied: 2, satisfactionPct: 60 });
    const byStaff = await stats('staff');
    expect(byStaff.rows.map((r: { label: string; rated: number }) => [r.label, r.rated])).toEqual([
      ['Nguyễn Thị Lan', 2],
      ['thu', 3],
    ]);
    expect((await stats('month')).rows).toMatchObject([{ key: '2026-11', label: 'Tháng 11/2026', rated: 5 }]);

    const report = await call(
      `${s.url}/api/reports/quarterly?year=2026&quarter=4&format=json`,
      'GET',
      undefined,
      {
        cookie: leader,
      },
    );
    expect(report.body.satisfaction.total).toMatchObject({
      rated: 5,
      byScore: { 4: 2, 3: 0, 2: 1, 1: 2 },
      satisfactionPct: 60,
    });
    expect(
      report.body.satisfaction.byCounter.map((f: { label: string; rated: number }) => [f.label, f.rated]),
    ).toEqual([
      ['Quầy 1', 2],
      ['Quầy 3', 3],
    ]);
    const html = await fetch(`${s.url}/api/reports/quarterly?year=2026&quarter=4&format=html`, {
      headers: { cookie: leader },
    });
    expect(await html.text()).toMatch(/III\. MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN[\s\S]*đạt 60%/);

    const xlsx = await fetch(`${s.url}/api/reports/quarterly?year=2026&quarter=4&format=xlsx`, {
      headers: { cookie: leader },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const rows = (book.getWorksheet('Mức độ hài lòng')?.getSheetValues() ?? []).filter(
      Boolean,
    ) as unknown[][];
    expect(rows.find((r) => r[1] === 'Tổng cộng')?.slice(1)).toEqual([
      'Tổng cộng',
      'Tổng cộng',
      5,
      2,
      0,
      1,
      2,
      60,
    ]);

    const metrics = parsePrometheusTextFormat(await (await fetch(`${s.url}/metrics`)).text());
    const ratings = metrics.find((m) => m.name === 'tiepsuc_ratings_total');
    const of = (score: string) =>
      ratings?.metrics.filter((m) => m.labels?.score === score).reduce((n, m) => n + Number(m.value), 0);
    expect([of('rat_hai_long'), of('binh_thuong'), of('khong_hai_long')]).toEqual([2, 1, 2]);
  });
});
