import ExcelJS from 'exceljs';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  IntakeCreated,
  IntakeListItem,
  IntakeRecordView,
  ProcedureView,
} from '../../contract/intake.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { tcpPrinter } from '../helpers/printer-peers.js';
import {
  ADMIN_PASSWORD,
  call,
  eventually,
  nextEvent,
  startServer,
  type TestServer,
} from '../helpers/server.js';

/** Monday 23 Nov 2026, 09:41 in Hà Nội. */
const clock = new FakeClock(Date.parse('2026-11-23T02:41:00Z'));
let s: TestServer;
let peer: Awaited<ReturnType<typeof tcpPrinter>>;
let clerk: string;
let leader: string;
let procedures: ProcedureView[];
const get = (p: string, cookie = '') => call(`${s.url}${p}`, 'GET', undefined, { cookie });
const post = (p: string, body: unknown, cookie = '') => call(`${s.url}${p}`, 'POST', body, { cookie });
const procedure = (name: string) => procedures.find((p) => p.name === name) as ProcedureView;

const dossier = (overrides: Record<string, unknown> = {}) => ({
  applicant: {
    fullName: 'Nguyễn Thị Hồng Nhung',
    idNumber: '040190012345',
    phone: '0912 345 678',
    address: 'Xóm 3, xã Tân Kỳ, tỉnh Nghệ An',
  },
  procedureId: procedure('Chứng thực hợp đồng, giao dịch').id,
  documents: [
    { name: 'Hợp đồng mua bán xe máy', copies: 3, original: true },
    { name: 'Căn cước công dân của hai bên', copies: 2, original: false },
  ],
  sets: 1,
  note: 'Phần mềm một cửa không truy cập được từ 8 giờ',
  ...overrides,
});

beforeAll(async () => {
  peer = await tcpPrinter();
  s = await startServer({
    clock,
    config: {
      printers: [{ id: 'quay', transport: 'tcp', host: '127.0.0.1', port: peer.port, paperWidthMm: 80 }],
      printing: { statusIntervalMs: 500 },
      limits: { loginsPerMinutePerClient: 1000 },
    },
  });
  clerk = await s.account('canbo', 'staff', '582914');
  leader = await s.account('lanhdao', 'leader');
  procedures = (await get('/api/procedures', clerk)).body;
});

afterAll(async () => {
  await s?.close();
  await peer?.close();
});

describe('receiving a dossier on paper', () => {
  let first: IntakeCreated;

  it('records it with a code, an appointment in working days, and prints the receipt at once', async () => {
    const res = await post('/api/intake', dossier(), clerk);
    expect(res.status).toBe(201);
    first = res.body;
    expect(first).toMatchObject({
      code: 'TS-261123-0001',
      status: 'received',
      receivedAt: '2026-11-23T02:41:00.000Z',
    });
    // 2 working days after Monday 23 Nov: Tuesday 24 Nov is Vietnamese Culture Day, so Thursday 26, 09:41.
    expect(first.appointmentAt).toBe('2026-11-26T02:41:00.000Z');
    await eventually('the receipt printed', () => peer.printer.tickets.length === 1, 20_000);
    expect(peer.printer.qrCodes).toEqual(['TS-261123-0001']);
    // A receipt's job is not public, unlike a ticket's.
    expect((await get(`/api/print-jobs/${first.printJobId}`)).status).toBe(401);
    const job = (await get(`/api/print-jobs/${first.printJobId}`, clerk)).body;
    expect(job).toMatchObject({ kind: 'receipt', number: 'TS-261123-0001' });
    expect(JSON.stringify(job)).not.toMatch(/Nhung|040190012345/);
  });

  it('numbers each day on, never twice', async () => {
    const second = (await post('/api/intake', dossier(), clerk)).body as IntakeCreated;
    expect(second.code).toBe('TS-261123-0002');
  });

  it('keeps a record written on paper during a power cut at the time it was really received', async () => {
    const res = await post(
      '/api/intake',
      dossier({ receivedAt: '2026-11-20T08:30:00.000Z', procedureId: procedure('Đăng ký khai sinh').id }),
      clerk,
    );
    expect(res.status).toBe(201);
    // Friday 20 Nov, 15:30 local: a within-the-day procedure after 15:00 is due the next working day.
    expect(res.body).toMatchObject({ code: 'TS-261120-0001', appointmentAt: '2026-11-23T09:30:00.000Z' });
    const record = (await get(`/api/intake/${res.body.id}`, clerk)).body as IntakeRecordView;
    expect(record.recordedAt).toBe('2026-11-23T02:41:00.000Z');
  });

  it('marks a dossier whose national database could not be queried as awaiting the lookup', async () => {
    const res = await post('/api/intake', dossier({ lookupFailed: 'CSDL quốc gia về dân cư' }), clerk);
    expect(res.body.status).toBe('awaiting_lookup');
    const record = (await get(`/api/intake/${res.body.id}`, clerk)).body as IntakeRecordView;
    expect(record).toMatchObject({ reason: '2.5', lookupFailed: 'CSDL quốc gia về dân cư' });
  });

  it('answers bad input with a Vietnamese 400 naming the field, and keeps nothing', async () => {
    const before = (await get('/api/intake', clerk)).body.length;
    const cases: [Record<string, unknown>, string][] = [
      [dossier({ applicant: { fullName: 'A', idNumber: '12345' } }), 'applicant.idNumber'],
      [dossier({ applicant: { fullName: 'A', idNumber: '003190012345' } }), 'applicant.idNumber'],
      [dossier({ applicant: { fullName: 'A', idNumber: '040230012345' } }), 'applicant.idNumber'],
      [dossier({ applicant: { fullName: '   ', idNumber: '040190012345' } }), 'applicant.fullName'],
      [dossier({ applicant: { idNumber: '040190012345' } }), 'applicant.fullName'],
      [dossier({ procedureId: 9999 }), 'procedureId'],
      [dossier({ applicant: { fullName: 'A', idNumber: '040190012345', phone: '12' } }), 'applicant.phone'],
      [dossier({ organization: { name: 'HTX Tân Kỳ', taxCode: '123' } }), 'organization.taxCode'],
      [dossier({ documents: [] }), 'documents'],
      [dossier({ receivedAt: '2027-01-01T00:00:00Z' }), 'receivedAt'],
      [dossier({ receivedAt: '2026-01-01T00:00:00Z' }), 'receivedAt'],
    ];
    for (const [body, field] of cases) {
      const res = await post('/api/intake', body, clerk);
      expect(res.status, field).toBe(400);
      expect(res.body.message).toContain(`"${field}"`);
      expect(res.body.message).not.toMatch(/at .*\.ts:\d+/);
    }
    expect((await get('/api/intake', clerk)).body.length).toBe(before);
  });
});

describe('the procedure list and the working-day calendar', () => {
  it('are kept by technicians only; a name already listed is refused', async () => {
    const admin = await s.login('admin', ADMIN_PASSWORD);
    const put = (p: string, body: unknown, cookie: string) => call(`${s.url}${p}`, 'PUT', body, { cookie });
    const marriage = { name: 'Đăng ký kết hôn', field: 'Hộ tịch', processingDays: 0, active: true };
    expect((await post('/api/procedures', { ...marriage, name: 'Thủ tục mới' }, clerk)).status).toBe(403);
    expect((await put('/api/calendar/2026-12-31', { kind: 'off', note: '' }, leader)).status).toBe(403);
    const twin = await post('/api/procedures', { ...marriage, name: ' Đăng ký  kết hôn ' }, admin);
    expect(twin.status).toBe(409);
    expect(twin.body.message).toBe('Thủ tục "Đăng ký kết hôn" đã có trong danh mục.');
    const { id, ...other } = procedure('Đăng ký khai tử');
    expect((await put(`/api/procedures/${id}`, { ...marriage }, admin)).status).toBe(409);
    expect((await put(`/api/procedures/${id}`, { ...other, processingDays: 1 }, admin)).status).toBe(200);
    expect(
      (await put('/api/calendar/2026-12-31', { kind: 'off', note: 'Nghỉ hoán đổi' }, admin)).status,
    ).toBe(200);
    const appointment = await get(
      `/api/intake/appointment?procedureId=${id}&receivedAt=2026-12-30T02:00:00Z`,
      clerk,
    );
    // 30 Dec + 1 working day: 31 Dec is now off, 1 Jan is New Year, then the weekend.
    expect(appointment.body.appointmentAt).toBe('2027-01-04T02:00:00.000Z');
  });
});

describe('personal data', () => {
  it('is for signed-in staff only, and every look at it is audited', async () => {
    expect((await get('/api/intake')).status).toBe(401);
    expect((await get('/api/procedures')).status).toBe(401);
    expect((await post('/api/intake', dossier())).status).toBe(401);
    const [one] = (await get('/api/intake', clerk)).body as IntakeListItem[];
    await get(`/api/intake/${one?.id}`, leader);
    await get(`/api/intake/${one?.id}/receipt`, clerk);
    const actions = (
      s.db.prepare("SELECT action, detail FROM audit_log WHERE action LIKE 'intake.%' ORDER BY id").all() as {
        action: string;
        detail: string;
      }[]
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['intake.create', 'intake.list', 'intake.view', 'intake.receipt']),
    );
    const details = s.db.prepare("SELECT detail FROM audit_log WHERE action LIKE 'intake.%'").all();
    expect(JSON.stringify(details)).not.toMatch(/Nhung|040190012345/);
  });

  it('never reaches a public socket; signed-in screens get the worklist’s counts only', async () => {
    const display = s.socket({ kind: 'display' });
    const kiosk = s.socket({ kind: 'kiosk' });
    const staff = s.socket({ cookie: clerk });
    const publicHeard: unknown[] = [];
    for (const socket of [display, kiosk] as Socket[])
      socket.onAny((name, payload) => publicHeard.push([name, payload]));
    await Promise.all([display, kiosk, staff].map((socket) => nextEvent(socket, 'snapshot')));
    const told = nextEvent<{ notEntered: number }>(staff, 'intake.summary');
    await post(
      '/api/intake',
      dossier({ applicant: { fullName: 'Trần Văn Bí Mật', idNumber: '040188012345' } }),
      clerk,
    );
    expect((await told).notEntered).toBeGreaterThan(0);
    // A public change after it proves the public sockets were listening.
    const fence = nextEvent(display, 'notice');
    const made = await post('/api/notices', { text: 'Kiểm tra', level: 'info' }, leader);
    await fence;
    await post(`/api/notices/${made.body.notice.id}/end`, {}, leader);
    expect(JSON.stringify(publicHeard)).not.toMatch(/Bí Mật|040188012345|intake|TS-26/);
  });
});

describe('the re-entry worklist', () => {
  it('lists what is not entered, oldest first; entering takes the official code in its shape', async () => {
    const worklist = (await get('/api/intake?status=received,awaiting_lookup', clerk))
      .body as IntakeListItem[];
    expect(worklist.map((r) => r.code)[0]).toBe('TS-261120-0001');
    const summary = (await get('/api/intake/summary', clerk)).body;
    expect(summary).toMatchObject({ notEntered: worklist.length, awaitingLookup: 1 });

    const target = worklist[0] as IntakeListItem;
    for (const bad of ['123', 'H40-261320-0001', 'H40.12-2611-0001']) {
      const res = await post(`/api/intake/${target.id}/entered`, { officialCode: bad }, clerk);
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('"officialCode"');
    }
    const ok = await post(
      `/api/intake/${target.id}/entered`,
      { officialCode: 'h40.12.5-261120-0031' },
      clerk,
    );
    expect(ok.body).toMatchObject({
      status: 'entered',
      officialCode: 'H40.12.5-261120-0031',
      enteredBy: 'canbo',
    });
    const again = await post(
      `/api/intake/${worklist[1]?.id}/entered`,
      { officialCode: 'H40.12.5-261120-0031' },
      clerk,
    );
    expect(again.status).toBe(409);
    expect((await get('/api/intake/summary', clerk)).body.notEntered).toBe(worklist.length - 1);
    expect((await post(`/api/intake/${worklist[1]?.id}/returned`, {}, clerk)).status).toBe(409);
    expect((await post(`/api/intake/${target.id}/returned`, {}, clerk)).body.status).toBe('returned');
  });

  it('exports a day or a range as CSV and XLSX, audited', async () => {
    const csv = await fetch(`${s.url}/api/intake.csv?from=2026-11-23&to=2026-11-23`, {
      headers: { cookie: clerk },
    });
    const bytes = Buffer.from(await csv.arrayBuffer());
    // A byte-order mark first, so Excel reads the file as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('STT,Mã tạm,Mã hồ sơ chính thức,Người nộp')).toBe(true);
    expect(text).toContain('TS-261123-0001');
    expect(text).not.toContain('TS-261120-0001');
    const xlsx = await fetch(`${s.url}/api/intake.xlsx?from=2026-11-20&to=2026-11-23`, {
      headers: { cookie: clerk },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.worksheets[0] as ExcelJS.Worksheet;
    const codes = sheet.getColumn(2).values.slice(2);
    expect(codes).toContain('TS-261120-0001');
    expect(codes).toContain('TS-261123-0002');
    const row = sheet.getRow(2).values as string[];
    expect(row).toContain('Nguyễn Thị Hồng Nhung');
    const exports = s.db.prepare("SELECT detail FROM audit_log WHERE action = 'intake.export'").all() as {
      detail: string;
    }[];
    expect(exports.map((e) => JSON.parse(e.detail).format)).toEqual(['csv', 'xlsx']);
  });

  it('feeds the quarterly report', async () => {
    const report = (await get('/api/reports/quarterly?year=2026&quarter=4&format=json', leader)).body;
    const all = (await get('/api/intake', clerk)).body as IntakeListItem[];
    expect(report.paperIntake).toEqual({ received: all.length, reentered: 1 });
  });
});

describe('retention', () => {
  it('blanks the personal data of records returned more than the retention ago, receipts included', async () => {
    const returned = (
      (await get('/api/intake?status=returned', clerk)).body as IntakeListItem[]
    )[0] as IntakeListItem;
    clock.set('2028-12-01T00:00:00Z');
    const cookie = await s.login('canbo', '582914');
    s.app.intake.start();
    s.app.intake.stop();
    const record = (await get(`/api/intake/${returned.id}`, cookie)).body as IntakeRecordView;
    expect(record).toMatchObject({
      anonymized: true,
      applicant: '(đã ẩn danh)',
      officialCode: 'H40.12.5-261120-0031',
    });
    expect(record.applicantDetail).toMatchObject({ idNumber: null, phone: null, address: null });
    const payloads = s.db.prepare('SELECT payload FROM print_jobs WHERE intake_id = ?').all(returned.id);
    expect(JSON.stringify(payloads)).not.toMatch(/Nhung|0912/);
    // The others are still open work and keep their data.
    const open = ((await get('/api/intake?status=received', cookie)).body as IntakeListItem[])[0];
    expect(open?.applicant).not.toBe('(đã ẩn danh)');
  });
});
