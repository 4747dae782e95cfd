import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuarterlyReport } from '../../contract/logbook.js';
import { ARTIFACTS, launchChromium } from '../helpers/browser.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { ADMIN_PASSWORD, call, eventually, startServer, type TestServer } from '../helpers/server.js';

const run = promisify(execFile);
const dir = path.join(ARTIFACTS, 'reports');
const clock = new FakeClock(Date.parse('2026-10-01T01:00:00Z'));
let s: TestServer;
let admin: string;
let leader: string;
let clerk: string;
let report: QuarterlyReport;
let browser: Browser;

/** Moves the fake clock to a local time in Hà Nội (UTC+7); sessions are twelve hours, so all sign in again. */
async function at(local: string): Promise<void> {
  clock.set(new Date(Date.parse(`${local}+07:00`)).toISOString());
  admin = await s.login('admin', ADMIN_PASSWORD);
  leader = await s.login('lanhdao', 'mat-khau-dai');
  clerk = await s.login('canbo', '582914');
}
const post = (p: string, body: unknown, cookie: string) => call(`${s.url}${p}`, 'POST', body, { cookie });
const reportUrl = (format: string) => `${s.url}/api/reports/quarterly?year=2026&quarter=4&format=${format}`;

/**
 * A quarter with known incidents, fallback tickets and a drill, built through the API and the
 * real QMS watcher (a probe on a closed port keeps QMS "down" whenever it is looked at).
 */
beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  s = await startServer({
    clock,
    config: {
      qms: { probes: [{ type: 'tcp', host: '127.0.0.1', port: 9 }], intervalMs: 60_000 },
      limits: { loginsPerMinutePerClient: 1000 },
    },
  });
  admin = await s.login('admin', ADMIN_PASSWORD);
  leader = await s.account('lanhdao', 'leader');
  clerk = await s.account('canbo', 'staff', '582914');

  // 5 Oct: the clerk reports the ticket printer jammed (2.1), fixed in 20 minutes.
  await at('2026-10-05T08:00:00');
  const jam = (await post('/api/incidents', { type: '2.1', symptoms: 'Máy in kẹt giấy ở quầy 1' }, clerk))
    .body;
  await post(`/api/incidents/${jam.id}/steps/0`, {}, clerk);
  await at('2026-10-05T08:20:00');
  await post(`/api/incidents/${jam.id}/resolve`, { result: 'Đã gỡ giấy kẹt, in lại được' }, clerk);

  // 12 Oct: QMS down for 90 minutes; three citizens get fallback numbers and are served.
  await at('2026-10-12T09:00:00');
  await post('/api/failover/mode', { mode: 'force-active', reason: 'QMS 1.2 treo, VNPT đang xử lý' }, admin);
  for (let i = 0; i < 3; i++) expect((await post('/api/tickets', { serviceId: 1 }, '')).status).toBe(201);
  for (let i = 0; i < 3; i++) await post('/api/counters/1/next', {}, clerk);
  await post('/api/counters/1/done', {}, clerk);
  await at('2026-10-12T10:30:00');
  await post('/api/failover/mode', { mode: 'force-standby', reason: 'QMS 1.2 chạy lại' }, admin);
  // The watcher applies a standby mode at its next tick.
  await s.app.failover.control?.runTick();

  // November: the Internet drops twice, 60 and 30 minutes.
  for (const [from, to] of [
    ['2026-11-03T14:00:00', '2026-11-03T15:00:00'],
    ['2026-11-20T10:00:00', '2026-11-20T10:30:00'],
  ]) {
    await at(from as string);
    s.app.bus.emit('network.changed', {
      role: 'internet',
      ok: false,
      at: clock.now(),
      detail: 'ECONNREFUSED',
    });
    await at(to as string);
    s.app.bus.emit('network.changed', { role: 'internet', ok: true, at: clock.now(), detail: null });
  }

  // 1 Dec: a drill: first fallback ticket after 12.5 s, first call after 40 s.
  await at('2026-12-01T09:00:00');
  await post('/api/failover/mode', { mode: 'auto', reason: 'trước diễn tập' }, admin);
  await post('/api/failover/drill', { note: 'Diễn tập quý IV' }, admin);
  clock.advance(12_500);
  await post('/api/tickets', { serviceId: 2 }, '');
  clock.advance(27_500);
  await post('/api/counters/2/next', {}, clerk);
  clock.advance(60_000);
  await post('/api/failover/drill/end', {}, admin);

  // 10 Dec: a signature token fails (2.6); escalated, still open at the quarter's end.
  await at('2026-12-10T15:00:00');
  const token = (
    await post('/api/incidents', { type: '2.6', symptoms: 'USB ký số của Phó Giám đốc không nhận' }, clerk)
  ).body;
  const contacts = (await call(`${s.url}/api/contacts`, 'GET', undefined, { cookie: clerk })).body;
  const soKhcn = contacts.find((c: { unit: string }) => c.unit.includes('Sở Khoa học'));
  await post(
    `/api/incidents/${token.id}/escalate`,
    { text: 'Đề nghị cấp lại chứng thư số', contactId: soKhcn.id },
    clerk,
  );

  await at('2027-01-05T08:00:00');
  report = (await call(reportUrl('json'), 'GET', undefined, { cookie: leader })).body;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await s.close();
});

const MIN = 60_000;

describe('the quarterly report', () => {
  it('counts every incident by type, group and source, with downtimes', () => {
    expect(report).toMatchObject({ year: 2026, quarter: 4 });
    expect(report.incidents).toMatchObject({
      total: 5,
      stillOpen: 1,
      byGroup: { simple: 1, complex: 4 },
      bySource: { auto: 3, manual: 2 },
    });
    const byType = Object.fromEntries(report.incidents.byType.map((t) => [t.type, t]));
    expect(byType['2.1']).toMatchObject({ count: 1, downtimeMs: 20 * MIN, meanResolveMs: 20 * MIN });
    expect(byType['2.3']).toMatchObject({
      count: 2,
      downtimeMs: 90 * MIN,
      meanDowntimeMs: 45 * MIN,
      meanResolveMs: 45 * MIN,
      longest: { downtimeMs: 60 * MIN },
    });
    expect(byType['2.8']).toMatchObject({ count: 1, downtimeMs: 90 * MIN });
    // Still open: counted to the quarter's last midnight, 31 Dec 24:00 in Hà Nội.
    const openUntil = Date.parse('2027-01-01T00:00:00+07:00') - Date.parse('2026-12-10T15:00:00+07:00');
    expect(byType['2.6']).toMatchObject({ count: 1, downtimeMs: openUntil, meanResolveMs: null });
    expect(report.incidents.downtimeMs).toBe((20 + 90 + 90) * MIN + openUntil);
  });

  it('counts fallback tickets and time apart from the drill, and times the drill', () => {
    expect(report.fallback).toEqual({ tickets: 3, activeMs: 90 * MIN, periods: 1 });
    expect(report.drills).toEqual([
      expect.objectContaining({
        secondsToFirstTicket: 12.5,
        secondsToFirstCall: 40,
        note: 'Diễn tập quý IV',
      }),
    ]);
    expect(report.paperIntake).toEqual({ received: 0, reentered: 0 });
  });

  it('proposes from the figures, each with the facts behind it', () => {
    const texts = report.proposals.map((p) => `${p.text} ${p.facts.join(' ')}`);
    expect(
      texts.some((t) => /đường truyền Internet thứ hai/.test(t) && /2 trong 4 sự cố gián đoạn/.test(t)),
    ).toBe(true);
    expect(texts.some((t) => /QMS 1\.2/.test(t) && /1 giờ 30 phút/.test(t) && /3 số dự phòng/.test(t))).toBe(
      true,
    );
    expect(texts.some((t) => /xử lý dứt điểm/.test(t) && /1 sự cố chưa được khắc phục/.test(t))).toBe(true);
    expect(texts.some((t) => /diễn tập/.test(t))).toBe(false);
  });

  it('is only for leaders and up', async () => {
    expect((await call(reportUrl('json'), 'GET', undefined, { cookie: clerk })).status).toBe(403);
    expect((await call(reportUrl('json'), 'GET')).status).toBe(401);
  });

  it('the HTML shows the same figures, laid out as a report, and prints to A4', async () => {
    const page = await browser.newPage();
    const context = page.context();
    await context.addCookies([
      { name: 'tiepsuc_session', value: leader.split('=')[1] as string, url: s.url },
    ]);
    await page.goto(reportUrl('html'));
    const text = await page.textContent('body');
    for (const expected of [
      'UBND XÃ TÂN KỲ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Tân Kỳ, ngày 05 tháng 01 năm 2027',
      'BÁO CÁO',
      'quý IV năm 2026',
      'Kính gửi:',
      'ghi nhận 5 sự cố kỹ thuật',
      'Mất mạng Internet',
      '1 giờ 30 phút',
      'cấp 3 số thứ tự dự phòng',
      'Nơi nhận:',
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC',
    ]) {
      expect(text).toContain(expected);
    }
    await page.pdf({ path: path.join(dir, 'quarterly-html.pdf'), format: 'A4', preferCSSPageSize: true });
    await run('pdftoppm', [
      '-png',
      '-r',
      '60',
      path.join(dir, 'quarterly-html.pdf'),
      path.join(dir, 'quarterly-html'),
    ]);
    await page.close();
  });

  it('the XLSX reads back with the same figures', async () => {
    const res = await fetch(reportUrl('xlsx'), { headers: { cookie: leader } });
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const summary = book.getWorksheet('Tổng hợp');
    const value = (label: string) => summary?.getColumn(1).values.indexOf(label) as number;
    const cell = (label: string) => summary?.getRow(value(label)).getCell(2).value;
    expect(cell('Tổng số sự cố')).toBe(5);
    expect(cell('Số thứ tự dự phòng đã cấp')).toBe(3);
    expect(cell('Thời gian chạy dự phòng (phút)')).toBe(90);
    expect(cell('Số buổi diễn tập')).toBe(1);
    const types = book.getWorksheet('Theo loại sự cố');
    const internet = types?.getRows(2, 10)?.find((r) => r.getCell(1).value === '2.3');
    expect([internet?.getCell(3).value, internet?.getCell(4).value, internet?.getCell(7).value]).toEqual([
      2, 90, 60,
    ]);
    expect(book.getWorksheet('Đề xuất')?.rowCount).toBe(report.proposals.length + 1);
  });

  it('the DOCX holds the same figures in the administrative layout, and LibreOffice opens it', async () => {
    const res = await fetch(reportUrl('docx'), { headers: { cookie: leader } });
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    const file = path.join(dir, 'quarterly.docx');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const zip = await JSZip.loadAsync(readFileSync(file));
    const xml = (await zip.file('word/document.xml')?.async('string')) as string;
    const text = xml.replace(/<[^>]+>/g, '');
    for (const expected of [
      'UBND XÃ TÂN KỲ',
      'Độc lập - Tự do - Hạnh phúc',
      'BÁO CÁO',
      'ghi nhận 5 sự cố kỹ thuật',
      '1 giờ 30 phút',
      'Nơi nhận:',
      'KT. GIÁM ĐỐC',
    ]) {
      expect(text).toContain(expected);
    }
    // Times New Roman, A4, and Decree 30's margins (30 mm left, 15 mm right, 20 mm top and bottom).
    expect(xml).toMatch(/w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/w:top="1134"[^>]*w:right="850"[^>]*w:bottom="1134"[^>]*w:left="1701"/);
    const styles = (await zip.file('word/styles.xml')?.async('string')) as string;
    expect(styles).toContain('Times New Roman');
    // "Nơi nhận:" bold italic 12 pt.
    expect(xml).toMatch(/<w:b\/><w:bCs\/><w:i\/><w:iCs\/>.*?<w:sz w:val="24"\/>.*?Nơi nhận:/);
    await run('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, file], { timeout: 120_000 });
    await run('pdftoppm', [
      '-png',
      '-r',
      '60',
      path.join(dir, 'quarterly.pdf'),
      path.join(dir, 'quarterly-docx'),
    ]);
    const { stdout } = await run('pdftotext', [path.join(dir, 'quarterly.pdf'), '-']);
    expect(stdout).toContain('BÁO CÁO');
    expect(stdout).toContain('Mất mạng Internet');
  }, 180_000);

  it('the log book lists each incident as the paper register does, and exports it', async () => {
    const book = (
      await call(`${s.url}/api/logbook?from=2026-10-01&to=2026-12-31`, 'GET', undefined, { cookie: leader })
    ).body;
    expect(book.rows.map((r: { type: string }) => r.type)).toEqual(['2.1', '2.8', '2.3', '2.3', '2.6']);
    expect(book.rows[0]).toMatchObject({
      no: 1,
      handling: 'Kiểm tra khay giấy của máy in.',
      result: 'Đã gỡ giấy kẹt, in lại được',
    });
    expect(book.rows[4].handling).toMatch(/Chuyển tuyến tới Sở Khoa học và Công nghệ/);
    const csvRes = await fetch(`${s.url}/api/logbook.csv?from=2026-10-01&to=2026-12-31`, {
      headers: { cookie: leader },
    });
    const bytes = Buffer.from(await csvRes.arrayBuffer());
    // A byte-order mark first, so that Excel reads it as UTF-8 (fetch's text() would drop it).
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csvText = bytes.subarray(3).toString('utf8');
    expect(csvText.startsWith('STT,Thời gian phát hiện')).toBe(true);
    expect(csvText.trim().split('\r\n')).toHaveLength(6);
    const xlsx = await fetch(`${s.url}/api/logbook.xlsx?from=2026-10-01&to=2026-12-31`, {
      headers: { cookie: leader },
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Sổ theo dõi sự cố')?.getRow(3).getCell(3).value).toMatch(/^2\.8\. QMS 1\.2/);
    await eventually(
      'the export audited',
      () =>
        s.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'logbook.export'").get() as {
          n: number;
        },
    );
  });
});
