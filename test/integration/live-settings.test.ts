import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../contract/screen.js';
import { buildApp } from '../../server/app.js';
import { parseConfig } from '../../server/config.js';
import { tcpPrinter } from '../helpers/printer-peers.js';
import { qmsSimulator } from '../helpers/qms.js';
import {
  ADMIN_PASSWORD,
  call,
  eventually,
  nextEvent,
  startServer,
  type TestServer,
} from '../helpers/server.js';

let s: TestServer;
let admin: string;
const cleanups: (() => Promise<void>)[] = [];
const send = (method: string, p: string, body?: unknown, cookie = admin) =>
  call(`${s.url}${p}`, method, body, { cookie });
const state = async () => (await call(`${s.url}/api/health`, 'GET')).body.failover.state as string;

beforeAll(async () => {
  s = await startServer({ firstSetup: true });
  admin = await s.login('admin', ADMIN_PASSWORD);
});

afterAll(async () => {
  for (const c of cleanups) await c();
  await s?.close();
});

describe('printers, QMS and the center set on the page, without a restart', () => {
  it('shows what runs and that the file fixes nothing here', async () => {
    const res = await send('GET', '/api/settings');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      printers: [{ id: 'kiosk', transport: 'virtual' }],
      qms: { probes: [] },
      fixedByFile: [],
      setupDone: false,
    });
  });

  it('a network printer added on the page prints at once, audited with before and after', async () => {
    const peer = await tcpPrinter();
    cleanups.push(peer.close);
    const printers = [
      { id: 'kiosk', transport: 'virtual', paperWidthMm: 80 },
      { id: 'quay', transport: 'tcp', host: '127.0.0.1', port: peer.port, paperWidthMm: 80 },
    ];
    const kiosk = s.socket({ kind: 'kiosk' });
    await nextEvent(kiosk, 'snapshot');
    const redraw = nextEvent<Snapshot>(kiosk, 'snapshot');
    const res = await send('PATCH', '/api/settings', { printers });
    expect(res.status).toBe(200);
    expect((await redraw).printers.map((p) => p.id)).toEqual(['kiosk', 'quay']);
    await eventually('ready', async () => {
      const list = (await call(`${s.url}/api/printers`, 'GET')).body as { id: string; state: string }[];
      return list.find((p) => p.id === 'quay')?.state === 'ready';
    });
    expect((await send('POST', '/api/printers/quay/test')).status).toBe(202);
    await eventually('test page printed', () => peer.printer.tickets.length === 1);
    const audit = s.db
      .prepare("SELECT detail FROM audit_log WHERE action = 'settings.printers' ORDER BY id DESC LIMIT 1")
      .get() as { detail: string };
    const detail = JSON.parse(audit.detail);
    expect(detail.before.map((p: { id: string }) => p.id)).toEqual(['kiosk']);
    expect(detail.after.map((p: { id: string }) => p.id)).toEqual(['kiosk', 'quay']);
  });

  it('refuses a bad value naming the field, and keeps what ran', async () => {
    const bad = await send('PATCH', '/api/settings', {
      printers: [{ id: 'x', transport: 'tcp', host: 'không hợp lệ', paperWidthMm: 80 }],
    });
    expect(bad).toMatchObject({ status: 400, body: { error: 'bad_setting' } });
    expect(bad.body.message).toContain('printers.0.host');
    const twice = await send('PATCH', '/api/settings', {
      printers: [
        { id: 'a', transport: 'virtual', paperWidthMm: 80 },
        { id: 'a', transport: 'virtual', paperWidthMm: 58 },
      ],
    });
    expect(twice.body.message).toContain('printers.1.id');
    // A good printer list sent with a bad probe: neither is kept, nor the hours with them.
    const noUrl = await send('PATCH', '/api/settings', {
      printers: [{ id: 'kiosk', transport: 'virtual', paperWidthMm: 80 }],
      qms: { probes: [{ type: 'http' }] },
      hours: { 1: [{ session: 'morning', opens: '07:30', closes: '11:30' }] },
    });
    expect(noUrl.status).toBe(400);
    expect(noUrl.body.message).toMatch(/url/);
    expect((await send('GET', '/api/settings')).body.hours).toEqual({});
    expect((await send('GET', '/api/settings')).body.printers.map((p: { id: string }) => p.id)).toEqual([
      'kiosk',
      'quay',
    ]);
    const clerk = await s.account('lan', 'staff');
    expect((await send('PATCH', '/api/settings', { center: { name: 'X' } }, clerk)).status).toBe(403);
  });

  it('a QMS probe tried, then saved: standalone becomes a watcher, which takes over when QMS fails', async () => {
    const qms = await qmsSimulator();
    cleanups.push(qms.stop);
    const probe = { type: 'http', url: `http://127.0.0.1:${qms.port}/health`, timeoutMs: 300 };
    const tried = await send('POST', '/api/settings/qms/try', { probe });
    expect(tried).toMatchObject({ status: 200, body: { ok: true } });
    expect(await state()).toBe('standalone');

    const saved = await send('PATCH', '/api/settings', {
      qms: { probes: [probe], intervalMs: 200, failThreshold: 2 },
    });
    expect(saved.status).toBe(200);
    await eventually('watching QMS', async () => (await state()) === 'standby');
    await qms.mode('down');
    expect((await send('POST', '/api/settings/qms/try', { probe })).body.ok).toBe(false);
    await eventually('took over', async () => (await state()) === 'active', 10_000);

    await send('PATCH', '/api/settings', { qms: { probes: [] } });
    await eventually('standalone again', async () => (await state()) === 'standalone');
  });

  it('a renamed center shows on the screens at once', async () => {
    const hall = s.socket({ kind: 'display' });
    await nextEvent(hall, 'snapshot');
    const redraw = nextEvent<Snapshot>(hall, 'snapshot');
    const res = await send('PATCH', '/api/settings', { center: { name: 'Trung tâm PVHCC xã Hòa Bình' } });
    expect(res.body.center).toMatchObject({
      name: 'Trung tâm PVHCC xã Hòa Bình',
      timezone: 'Asia/Ho_Chi_Minh',
    });
    expect((await redraw).center.name).toBe('Trung tâm PVHCC xã Hòa Bình');
  });

  it("the address on tickets' QR set on the page serves the next ticket, and clears back", async () => {
    const issue = () => call(`${s.url}/api/tickets`, 'POST', { serviceId: 1 });
    const port = new URL(s.url).port;
    const before = (await issue()).body.publicUrl as string;
    // A kiosk on the appliance itself: its LAN address, never "127.0.0.1".
    expect(before).toMatch(new RegExp(`^http://(?!127\\.)[\\d.]+:${port}/t/`));
    const set = await send('PATCH', '/api/settings', { center: { publicUrl: 'http://tiepsuc.lan:8080' } });
    expect(set.status).toBe(200);
    expect((await issue()).body.publicUrl).toMatch(/^http:\/\/tiepsuc\.lan:8080\/t\/[\w-]{22}$/);
    expect((await send('PATCH', '/api/settings', { center: { publicUrl: 'tiepsuc.lan' } })).status).toBe(400);
    await send('PATCH', '/api/settings', { center: { publicUrl: '' } });
    expect((await issue()).body.publicUrl).toMatch(new RegExp(`:${port}/t/`));
  });

  it('what was set on the page is what runs after a restart', async () => {
    const again = await buildApp({ config: parseConfig({}), db: s.db, seed: false });
    try {
      expect(again.printers.list().map((p) => p.id)).toEqual(['kiosk', 'quay']);
      expect(again.settings.view().center.name).toBe('Trung tâm PVHCC xã Hòa Bình');
    } finally {
      await again.close();
    }
  });
});

describe('a deployment that keeps its configuration file', () => {
  it('shows which sections the file fixes, and will not change them from the page', async () => {
    const fixed = await startServer({ config: { printers: [] }, fixed: ['printers'] });
    try {
      const cookie = await fixed.login('admin', ADMIN_PASSWORD);
      const view = await call(`${fixed.url}/api/settings`, 'GET', undefined, { cookie });
      expect(view.body.fixedByFile).toEqual(['printers']);
      const refused = await call(`${fixed.url}/api/settings`, 'PATCH', { printers: [] }, { cookie });
      expect(refused).toMatchObject({ status: 409, body: { error: 'fixed_by_file' } });
      expect(refused.body.message).toContain('tệp cấu hình');
    } finally {
      await fixed.close();
    }
  });
});
