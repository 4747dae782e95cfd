import { execFileSync } from 'node:child_process';
import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobView, PrinterView } from '../../contract/screen.js';
import { type PrintedImage, readJob } from '../helpers/escpos-reader.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { READY } from '../helpers/fake-printer.js';
import { ocr } from '../helpers/ocr.js';
import { dotsDiffering, pngDots } from '../helpers/png.js';
import { serialPrinter, tcpPrinter } from '../helpers/printer-peers.js';
import { ADMIN_PASSWORD, call, eventually, startServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/temp.js';

const fast = { statusIntervalMs: 200, statusTimeoutMs: 400, retryBaseMs: 100, maxAttempts: 30 };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function server(
  printers: unknown[],
  printing: Record<string, number> = fast,
  clock?: FakeClock,
): Promise<TestServer> {
  const s = await startServer({ config: { printers, printing }, clock });
  cleanups.push(() => s.close());
  return s;
}

const printerView = async (s: TestServer, id: string) =>
  ((await call(`${s.url}/api/printers`, 'GET')).body as PrinterView[]).find(
    (p) => p.id === id,
  ) as PrinterView;

/** Linux's SCHED_BATCH (sched.h). */
const SCHED_BATCH = 3;

/** A thread's nice value and scheduling policy: fields 19 and 41 of its stat line (proc(5)). */
function scheduling(statFile: string): string {
  // Fields from the third on follow the name, which is in parentheses and may hold spaces.
  const fields = readFileSync(statFile, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return `nice ${fields[19 - 3]}, policy ${fields[41 - 3]}`;
}

const take = async (s: TestServer, printerId: string) => {
  const res = await call(`${s.url}/api/tickets`, 'POST', { serviceId: 1, printerId });
  expect(res.status).toBe(201);
  return res.body as { id: number; number: string };
};

/** The pid of the renderer, once it has drawn the first ticket printer `ao` printed. */
async function rendererAfterFirstTicket(s: TestServer): Promise<number> {
  await take(s, 'ao');
  await eventually(
    'first printed',
    async () => (await call(`${s.url}/api/print-jobs/1`, 'GET')).body.status === 'printed',
  );
  return s.app.printers.rendererPid as number;
}

describe('printing over a serial pty pair', () => {
  it('follows the printer through near end, paper out and cover open; a queued ticket prints when paper is back', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const peer = await serialPrinter(dir.dir);
    cleanups.push(peer.close);
    const s = await server([
      { id: 'quay', transport: 'serial', path: peer.hostPath, baudRate: 115200, paperWidthMm: 58 },
    ]);
    const kiosk = s.socket({ kind: 'kiosk', printerId: 'quay' });
    const jobs: { ticketId: number; status: string; lastError: string | null }[] = [];
    kiosk.on('print.job', (job) => jobs.push(job));
    const changes: { state: string; paper: string }[] = [];
    const tech = s.socket({ kind: 'tech', cookie: await s.login('admin', ADMIN_PASSWORD) });
    tech.on('printer.changed', (m) => changes.push(m.printer));
    // A hall display hears none of it: printer news is for kiosks and technicians.
    const display = s.socket({ kind: 'display' });
    const displayHeard: unknown[] = [];
    display.on('printer.changed', (m) => displayHeard.push(m));
    display.on('print.job', (job) => displayHeard.push(job));

    await eventually('ready', async () => (await printerView(s, 'quay')).state === 'ready');
    await eventually('kiosk connected', () => kiosk.connected);
    const first = await take(s, 'quay');
    await eventually('first ticket printed', () => peer.printer.tickets.length === 1);
    await eventually('kiosk told', () => jobs.some((j) => j.ticketId === first.id && j.status === 'printed'));
    expect(peer.printer.tickets[0]?.width).toBe(384);

    peer.printer.status = { ...READY, paperNearEnd: true };
    const nearEnd = await eventually('near end seen', async () => {
      const v = await printerView(s, 'quay');
      return v.paper === 'near_end' && v;
    });
    expect(nearEnd.state).toBe('ready');
    expect(nearEnd.warnings.join()).toMatch(/Sắp hết giấy/);

    peer.printer.status = { ...READY, paperOut: true, paperNearEnd: true, offline: true };
    await eventually('paper out seen', async () => (await printerView(s, 'quay')).paper === 'out');
    const second = await take(s, 'quay');
    await eventually('job waits, saying why', () =>
      jobs.some(
        (j) => j.ticketId === second.id && j.status === 'queued' && /Hết giấy/.test(j.lastError ?? ''),
      ),
    );
    // The ticket itself is committed and waiting, whatever the printer does.
    const queue = await call(`${s.url}/api/queue`, 'GET');
    expect(queue.body.waiting.map((t: { id: number }) => t.id)).toContain(second.id);

    peer.printer.status = { ...READY, coverOpen: true, offline: true };
    const cover = await eventually('cover open seen', async () => {
      const v = await printerView(s, 'quay');
      return /Nắp/.test(v.lastError ?? '') && v;
    });
    expect(cover.state).toBe('error');
    expect(peer.printer.tickets).toHaveLength(1);

    peer.printer.status = { ...READY };
    await eventually('second ticket printed once paper is back', () => peer.printer.tickets.length === 2);
    await eventually('kiosk told', () =>
      jobs.some((j) => j.ticketId === second.id && j.status === 'printed'),
    );
    expect((await printerView(s, 'quay')).state).toBe('ready');
    const states = changes.map((c) => `${c.state}/${c.paper}`);
    for (const seen of ['ready/near_end', 'error/out', 'ready/ok']) expect(states).toContain(seen);
    expect(displayHeard).toEqual([]);
  });

  it('fails a job visibly after its tries, and a technician reprints it when the printer is fixed', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const peer = await serialPrinter(dir.dir);
    cleanups.push(peer.close);
    peer.printer.status = { ...READY, paperOut: true, offline: true };
    const s = await server([{ id: 'quay', transport: 'serial', path: peer.hostPath, paperWidthMm: 80 }], {
      ...fast,
      maxAttempts: 3,
    });
    const ticket = await take(s, 'quay');
    const cookie = await s.login('admin', ADMIN_PASSWORD);
    const failed = await eventually('job failed', async () => {
      const jobs = (await call(`${s.url}/api/printers/quay/jobs`, 'GET', undefined, { cookie })).body;
      return jobs[0]?.status === 'failed' && jobs[0];
    });
    expect(failed).toMatchObject({ ticketId: ticket.id, number: ticket.number, attempts: 3 });
    expect(failed.lastError).toMatch(/Hết giấy/);

    peer.printer.status = { ...READY };
    await eventually('ready', async () => (await printerView(s, 'quay')).state === 'ready');
    const staff = await s.account('quay1', 'staff');
    expect(
      (await call(`${s.url}/api/tickets/${ticket.id}/reprint`, 'POST', {}, { cookie: staff })).status,
    ).toBe(403);
    const reprint = await call(`${s.url}/api/tickets/${ticket.id}/reprint`, 'POST', {}, { cookie });
    expect(reprint.status).toBe(202);
    await eventually('reprinted', async () => {
      const job = (await call(`${s.url}/api/print-jobs/${reprint.body.id}`, 'GET')).body;
      return peer.printer.tickets.length === 1 && job.status === 'printed';
    });
    // The preview the technician sees is what came out of the printer, dot for dot.
    const preview = await fetch(`${s.url}/api/print-jobs/${reprint.body.id}/preview`, {
      headers: { cookie },
    });
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toBe('image/png');
    const printed = peer.printer.tickets[0] as PrintedImage;
    expect(dotsDiffering(printed, await pngDots(new Uint8Array(await preview.arrayBuffer())))).toBe(0);
    expect(failed.status).toBe('failed');
  });
});

describe('printing over TCP 9100', () => {
  it('prints, notices the printer going away, reconnects and prints what was queued', async () => {
    const peer = await tcpPrinter();
    const s = await server([
      { id: 'lan', transport: 'tcp', host: '127.0.0.1', port: peer.port, paperWidthMm: 80 },
    ]);
    await eventually('ready', async () => (await printerView(s, 'lan')).state === 'ready');
    await take(s, 'lan');
    await eventually('printed', () => peer.printer.tickets.length === 1);
    const sent = peer.printer.tickets[0];
    expect(sent?.width).toBe(576);

    await peer.close();
    await eventually('offline', async () => (await printerView(s, 'lan')).state === 'offline');
    const queued = await take(s, 'lan');
    const again = await tcpPrinter(peer.port);
    cleanups.push(again.close);
    await eventually('printed after reconnecting', () => again.printer.tickets.length === 1, 20_000);
    expect((await call(`${s.url}/api/print-jobs/1`, 'GET')).body.status).toBe('printed');
    // The printer has the bytes a moment before the job is marked printed.
    const second = await eventually('second job marked printed', async () => {
      const job = (await call(`${s.url}/api/print-jobs/2`, 'GET')).body;
      return job.status === 'printed' && job;
    });
    expect(second.ticketId).toBe(queued.id);
  });

  it('answers a test print with the test page and its QR code', async () => {
    const peer = await tcpPrinter();
    cleanups.push(peer.close);
    const s = await server([
      { id: 'lan', transport: 'tcp', host: '127.0.0.1', port: peer.port, paperWidthMm: 80 },
    ]);
    const cookie = await s.login('admin', ADMIN_PASSWORD);
    const res = await call(`${s.url}/api/printers/lan/test`, 'POST', undefined, { cookie });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ kind: 'test', printerId: 'lan' });
    await eventually('test page printed', () => peer.printer.tickets.length === 1);
    expect(peer.printer.qrCodes[0]).toMatch(/^TIEPSUC TEST lan \d+$/);
    expect((await call(`${s.url}/api/printers/nope/test`, 'POST', undefined, { cookie })).status).toBe(404);
  });
});

describe('printing to a device file', () => {
  it('writes jobs to the device, reports status unknown, and waits while nothing reads it', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const fifo = path.join(dir.dir, 'lp0');
    execFileSync('mkfifo', [fifo]);
    const s = await server([{ id: 'usb', transport: 'device', path: fifo, paperWidthMm: 58 }]);
    // Nobody reads the FIFO yet: a printer that is switched off.
    await eventually('offline', async () => (await printerView(s, 'usb')).state === 'offline');
    const ticket = await take(s, 'usb');

    const received: Buffer[] = [];
    const reader = createReadStream(fifo);
    reader.on('data', (chunk) => received.push(chunk as Buffer));
    cleanups.push(() => {
      reader.destroy();
    });
    await eventually(
      'job printed',
      async () => (await call(`${s.url}/api/print-jobs/1`, 'GET')).body.status === 'printed',
    );
    const view = await printerView(s, 'usb');
    expect(view.state).toBe('unknown');
    expect(view.paper).toBe('unknown');
    await eventually('bytes through', () => {
      try {
        return readJob(new Uint8Array(Buffer.concat(received))).cuts === 1;
      } catch {
        return false;
      }
    });
    expect(readJob(new Uint8Array(Buffer.concat(received))).image.width).toBe(384);
    expect((await call(`${s.url}/api/print-jobs/1`, 'GET')).body.ticketId).toBe(ticket.id);
  });
});

describe('printer settings', () => {
  it('warns when the baud rate makes a ticket take over 3 s, before the first ticket', async () => {
    const s = await server([
      { id: 'cham', transport: 'serial', path: '/dev/ttyNOPE9', baudRate: 9600, paperWidthMm: 80 },
    ]);
    const view = await eventually('warning', async () => {
      const v = await printerView(s, 'cham');
      return v.warnings.length > 0 && v;
    });
    expect(view.warnings[0]).toMatch(/^Mỗi vé mất khoảng \d+,\d giây ở 9600 baud/);
    expect(view.state).toBe('offline');
    expect(view.lastError).toMatch(/Không mở được cổng \/dev\/ttyNOPE9/);
  });

  it('a renderer that dies is replaced, and the ticket it had in hand still prints', async () => {
    const s = await server([{ id: 'ao', transport: 'virtual', paperWidthMm: 80 }]);
    const pid = await rendererAfterFirstTicket(s);
    process.kill(pid, 'SIGKILL');
    await take(s, 'ao');
    const job = await eventually('second printed', async () => {
      const j = (await call(`${s.url}/api/print-jobs/2`, 'GET')).body;
      return j.status === 'printed' && j;
    });
    expect(s.app.printers.rendererPid).not.toBe(pid);
    expect(job.ticketId).toBe(2);
  });

  it('renders niced and in the batch class, every thread of it, so sending it a ticket never stalls the queue', async () => {
    const s = await server([{ id: 'ao', transport: 'virtual', paperWidthMm: 80 }]);
    const pid = await rendererAfterFirstTicket(s);
    const threads = readdirSync(`/proc/${pid}/task`);
    // Node's and the canvas library's own threads too, started before any code of ours ran.
    expect(threads.length).toBeGreaterThan(1);
    expect(new Set(threads.map((tid) => scheduling(`/proc/${pid}/task/${tid}/stat`)))).toEqual(
      new Set([`nice 10, policy ${SCHED_BATCH}`]),
    );
  });

  it('a renderer that stops answering is replaced after its timeout, and the ticket still prints', async () => {
    const s = await server([{ id: 'ao', transport: 'virtual', paperWidthMm: 80, speedMmPerSecond: 0 }], {
      ...fast,
      renderTimeoutMs: 1000,
    });
    const pid = await rendererAfterFirstTicket(s);
    // Wedged: alive, holding its requests, answering none.
    process.kill(pid, 'SIGSTOP');
    await take(s, 'ao');
    const job = await eventually('second printed', async () => {
      const j = (await call(`${s.url}/api/print-jobs/2`, 'GET')).body;
      return j.status === 'printed' && j;
    });
    expect(job.attempts).toBeGreaterThanOrEqual(2);
    expect(s.app.printers.rendererPid).not.toBe(pid);
    await eventually('the wedged one is gone', () => {
      try {
        process.kill(pid, 0);
        return false;
      } catch {
        return true;
      }
    });
  });

  it('drops tickets that could not print in time, all at once, and prints what comes next', async () => {
    const peer = await tcpPrinter();
    cleanups.push(peer.close);
    peer.printer.status = { ...READY, paperOut: true, offline: true };
    const clock = new FakeClock(Date.now());
    const s = await server(
      [{ id: 'lan', transport: 'tcp', host: '127.0.0.1', port: peer.port, paperWidthMm: 80 }],
      { ...fast, expireMs: 1000 },
      clock,
    );
    for (let i = 0; i < 5; i++) await take(s, 'lan');
    clock.advance(1100);
    peer.printer.status = { ...READY };
    const fresh = await take(s, 'lan');
    const cookie = await s.login('admin', ADMIN_PASSWORD);
    const jobs = await eventually('the fresh ticket printed', async () => {
      const list = (await call(`${s.url}/api/printers/lan/jobs`, 'GET', undefined, { cookie }))
        .body as JobView[];
      return list[0]?.status === 'printed' && list;
    });
    expect(peer.printer.tickets).toHaveLength(1);
    expect(jobs.map((j) => j.status)).toEqual(['printed', 'failed', 'failed', 'failed', 'failed', 'failed']);
    expect(jobs[0]?.ticketId).toBe(fresh.id);
    expect(jobs[1]?.lastError).toBe('Quá hạn: vé không còn cần in.');
  });

  it('a ticket held while the paper was out prints with both times framed, and names its counters', async () => {
    const peer = await tcpPrinter();
    cleanups.push(peer.close);
    peer.printer.status = { ...READY, paperOut: true, offline: true };
    const clock = new FakeClock(Date.parse('2026-11-23T02:41:00Z'));
    const s = await server(
      [{ id: 'lan', transport: 'tcp', host: '127.0.0.1', port: peer.port, paperWidthMm: 80 }],
      { ...fast, lateMarkMs: 60_000 },
      clock,
    );
    const held = await take(s, 'lan');
    clock.advance(5 * 60_000);
    peer.printer.status = { ...READY };
    const cookie = await s.login('admin', ADMIN_PASSWORD);
    const job = await eventually('the held ticket printed', async () => {
      const list = (await call(`${s.url}/api/printers/lan/jobs`, 'GET', undefined, { cookie }))
        .body as JobView[];
      return list[0]?.status === 'printed' && list[0];
    });
    expect(job.ticketId).toBe(held.id);
    const preview = await fetch(`${s.url}/api/print-jobs/${job.id}/preview`, { headers: { cookie } });
    const text = await ocr(new Uint8Array(await preview.arrayBuffer()), 'held-ticket.png');
    expect(text).toContain('in muộn');
    expect(text).toMatch(/09:41.*09:46/);
    // The demo center's first service (Hộ tịch) is served at counters 1 and 2.
    expect(text).toContain('phục vụ: 1, 2');

    // One printed at once carries no such mark.
    const fresh = await take(s, 'lan');
    const next = await eventually('the fresh ticket printed', async () => {
      const list = (await call(`${s.url}/api/printers/lan/jobs`, 'GET', undefined, { cookie }))
        .body as JobView[];
      return list[0]?.ticketId === fresh.id && list[0]?.status === 'printed' && list[0];
    });
    const plain = await fetch(`${s.url}/api/print-jobs/${next.id}/preview`, { headers: { cookie } });
    expect(await ocr(new Uint8Array(await plain.arrayBuffer()), 'fresh-ticket.png')).not.toContain('muộn');
  });

  it('issues tickets with no printer configured', async () => {
    const s = await server([]);
    expect((await call(`${s.url}/api/tickets`, 'POST', { serviceId: 1 })).status).toBe(201);
    expect((await call(`${s.url}/api/printers`, 'GET')).body).toEqual([]);
  });
});
