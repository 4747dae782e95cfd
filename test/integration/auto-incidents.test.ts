import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { localMoment } from '../../contract/format.js';
import type { IncidentDetail, IncidentSummary } from '../../contract/logbook.js';
import { freePort, listener } from '../helpers/net.js';
import { upsServer } from '../helpers/nut.js';
import { tcpPrinter } from '../helpers/printer-peers.js';
import { spawnServer, stopServer } from '../helpers/process.js';
import { qmsSimulator } from '../helpers/qms.js';
import { ADMIN_PASSWORD, call, eventually, startServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/temp.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function server(config: unknown): Promise<TestServer & { cookie: string }> {
  const s = await startServer({ config });
  cleanups.push(() => s.close());
  return Object.assign(s, { cookie: await s.login('admin', ADMIN_PASSWORD) });
}

const incidents = async (url: string, cookie: string, query = '') =>
  (await call(`${url}/api/incidents${query}`, 'GET', undefined, { cookie })).body as IncidentSummary[];
const detail = async (url: string, cookie: string, id: number) =>
  (await call(`${url}/api/incidents/${id}`, 'GET', undefined, { cookie })).body as IncidentDetail;

describe('QMS failure (2.8)', () => {
  it('opens when the appliance takes over, closes when QMS is back, and a drill opens none', async () => {
    const sim = await qmsSimulator();
    cleanups.push(() => sim.stop());
    const s = await server({
      qms: {
        probes: [{ type: 'http', url: `http://127.0.0.1:${sim.port}/`, timeoutMs: 500, bodyPattern: 'QMS' }],
        intervalMs: 200,
        failThreshold: 2,
        recoverThreshold: 2,
        recoverHoldMs: 0,
      },
    });
    const failover = async () =>
      (await call(`${s.url}/api/failover`, 'GET', undefined, { cookie: s.cookie })).body;
    await eventually('watching QMS', async () => (await failover()).state === 'standby');

    await sim.mode('down');
    const [opened] = await eventually('a 2.8 incident', async () => {
      const list = await incidents(s.url, s.cookie, '?type=2.8');
      return list.length > 0 && list;
    });
    expect(opened).toMatchObject({
      type: '2.8',
      status: 'open',
      source: 'auto',
      detectedBy: 'Tiếp Sức (tự động)',
    });
    // Tickets issued meanwhile are counted on the incident.
    expect((await call(`${s.url}/api/tickets`, 'POST', { serviceId: 1 })).status).toBe(201);
    expect((await detail(s.url, s.cookie, opened?.id as number)).meanwhile.fallbackTickets).toBe(1);

    await sim.mode('up');
    await eventually(
      'resolved',
      async () => (await detail(s.url, s.cookie, opened?.id as number)).status === 'resolved',
    );
    // The handback waits for the fallback ticket; the technician ends it.
    await eventually('handing back', async () => (await failover()).state === 'draining');
    expect((await call(`${s.url}/api/failover/drain/end`, 'POST', {}, { cookie: s.cookie })).status).toBe(
      200,
    );
    expect((await failover()).state).toBe('standby');

    const drill = await call(
      `${s.url}/api/failover/drill`,
      'POST',
      { note: 'Diễn tập' },
      { cookie: s.cookie },
    );
    expect(drill.status).toBe(200);
    await eventually('drill running', async () => (await failover()).state === 'active');
    expect((await call(`${s.url}/api/failover/drill/end`, 'POST', {}, { cookie: s.cookie })).status).toBe(
      200,
    );
    // The fallback ticket from the outage still waits, so it hands back again rather than stand by.
    await eventually('taken back after the drill', async () => (await failover()).state === 'draining');
    expect(await incidents(s.url, s.cookie, '?type=2.8')).toHaveLength(1);
  });
});

describe('a printer fault that lasts (2.1)', () => {
  it('near-end paper is a warning only; a short fault is none; paper out past the limit is one, dated from its start', async () => {
    const peer = await tcpPrinter();
    cleanups.push(peer.close);
    const s = await server({
      printers: [{ id: 'quay1', transport: 'tcp', host: '127.0.0.1', port: peer.port, paperWidthMm: 80 }],
      printing: { statusIntervalMs: 200 },
      incidents: { printerFaultMinutes: 0.05 },
    });
    const printer = async () =>
      (
        (await call(`${s.url}/api/printers`, 'GET')).body as { id: string; state: string; paper: string }[]
      )[0];
    await eventually('ready', async () => (await printer())?.state === 'ready');

    peer.printer.status.paperNearEnd = true;
    await eventually('near end', async () => (await printer())?.paper === 'near_end');
    peer.printer.status.paperOut = true;
    await eventually('out', async () => (await printer())?.state === 'error');
    peer.printer.status.paperOut = false;
    await eventually('back', async () => (await printer())?.state === 'ready');
    // Past the limit since the short fault: it stayed no incident.
    const asked = peer.printer.statusRequests;
    await eventually('3 s of status rounds', () => peer.printer.statusRequests > asked + 15, 10_000);
    expect(await incidents(s.url, s.cookie)).toEqual([]);

    const before = Date.now();
    peer.printer.status.paperOut = true;
    const [opened] = await eventually('a 2.1 incident', async () => {
      const list = await incidents(s.url, s.cookie, '?type=2.1');
      return list.length > 0 && list;
    });
    expect(opened).toMatchObject({ status: 'open', source: 'auto' });
    expect(opened?.title).toMatch(/quay1/);
    const openedAt = Date.parse(opened?.openedAt as string);
    expect(openedAt).toBeGreaterThanOrEqual(before - 50);
    expect(opened?.downtimeMs).toBeGreaterThanOrEqual(2900);

    peer.printer.status.paperOut = false;
    peer.printer.status.paperNearEnd = false;
    await eventually(
      'closed',
      async () => (await detail(s.url, s.cookie, opened?.id as number)).status === 'resolved',
    );
    expect(await incidents(s.url, s.cookie)).toHaveLength(1);
  });
});

describe('the network (2.3)', () => {
  it('an Internet probe down with the router up is a 2.3 for the Internet, not a QMS failure', async () => {
    const gateway = await listener();
    cleanups.push(gateway.close);
    const internetPort = await freePort();
    const s = await server({
      network: {
        probes: [
          { type: 'tcp', host: '127.0.0.1', port: gateway.port, role: 'gateway', timeoutMs: 300 },
          { type: 'tcp', host: '127.0.0.1', port: internetPort, role: 'internet', timeoutMs: 300 },
        ],
        intervalMs: 500,
        failThreshold: 2,
      },
    });
    const [opened] = await eventually('a 2.3 incident', async () => {
      const list = await incidents(s.url, s.cookie);
      return list.length > 0 && list;
    });
    expect(opened).toMatchObject({ type: '2.3', title: 'Mất mạng Internet', source: 'auto' });

    const internet = await listener(internetPort);
    cleanups.push(internet.close);
    await eventually(
      'closed',
      async () => (await detail(s.url, s.cookie, opened?.id as number)).status === 'resolved',
    );
    const all = await incidents(s.url, s.cookie);
    expect(all.map((i) => i.type)).toEqual(['2.3']);
  });
});

describe('power (2.7)', () => {
  const temp = tempDir();
  afterAll(() => temp.remove());

  it('a start after a SIGKILL records the gap from the last heartbeat to the start', async () => {
    const dir = path.join(temp.dir, 'kill');
    const env = { DATA_DIR: dir, TIEPSUC_ADMIN_PASSWORD: ADMIN_PASSWORD };
    const first = await spawnServer(env);
    await stopServer(first, 'SIGKILL');
    const second = await spawnServer(env);
    const cookie = (
      await call(`${second.url}/api/auth/login`, 'POST', { username: 'admin', password: ADMIN_PASSWORD })
    ).headers
      .get('set-cookie')
      ?.split(';')[0] as string;
    const [gap] = await incidents(second.url, cookie, '?type=2.7');
    const { symptoms } = await detail(second.url, cookie, gap?.id as number);
    expect(await stopServer(second)).toBe(0);

    const db = new Database(path.join(dir, 'tiepsuc.sqlite'), { readonly: true });
    const runs = db.prepare('SELECT heartbeat_at, started_at FROM process_runs ORDER BY id').all() as {
      heartbeat_at: number;
      started_at: number;
    }[];
    db.close();
    expect(gap).toMatchObject({ status: 'resolved', source: 'auto' });
    expect(Date.parse(gap?.openedAt as string)).toBe(runs[0]?.heartbeat_at);
    expect(Date.parse(gap?.resolvedAt as string)).toBe(runs[1]?.started_at);
    // Said in the center's time zone (the default config's), as the log book reads it.
    const clock = (ms: number | undefined) => localMoment(ms as number, 'Asia/Ho_Chi_Minh').clock;
    expect(symptoms).toContain(
      `tín hiệu cuối lúc ${clock(runs[0]?.heartbeat_at)}, chạy lại lúc ${clock(runs[1]?.started_at)}`,
    );

    // The clean stop just made is no incident: still only the gap.
    const third = await spawnServer(env);
    expect(await incidents(third.url, cookie, '?type=2.7')).toHaveLength(1);
    await stopServer(third);
  });

  it('watches a UPS through upsd: on battery opens one and warns the screens, low battery stops cleanly, mains closes it', async () => {
    const ups = await upsServer(path.join(temp.dir, 'nut'));
    cleanups.push(() => ups.stop());
    const dir = path.join(temp.dir, 'ups');
    const env = { DATA_DIR: dir, TIEPSUC_ADMIN_PASSWORD: ADMIN_PASSWORD };
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'config.json'),
      JSON.stringify({
        power: {
          ups: { host: '127.0.0.1', port: ups.port, name: ups.name, intervalMs: 300, timeoutMs: 1000 },
        },
      }),
    );
    const first = await spawnServer(env);
    const login = async (url: string) =>
      (await call(`${url}/api/auth/login`, 'POST', { username: 'admin', password: ADMIN_PASSWORD })).headers
        .get('set-cookie')
        ?.split(';')[0] as string;
    const cookie = await login(first.url);

    await ups.set('OB');
    const [outage] = await eventually(
      'a 2.7 incident',
      async () => {
        const list = await incidents(first.url, cookie, '?type=2.7');
        return list.length > 0 && list;
      },
      15_000,
    );
    expect(outage).toMatchObject({
      status: 'open',
      source: 'auto',
      title: 'Mất điện lưới: đang chạy bằng UPS',
    });
    const notices = (await call(`${first.url}/api/notices`, 'GET')).body as { text: string; level: string }[];
    expect(notices).toEqual([
      expect.objectContaining({ level: 'warning', text: expect.stringMatching(/mất điện lưới/) }),
    ]);

    const exited = once(first.child, 'exit');
    await ups.set('OB LB');
    const [code] = await exited;
    expect(code).toBe(0);
    expect(first.log.join('\n')).toMatch(/Pin UPS yếu/);

    await ups.set('OL');
    const second = await spawnServer(env);
    const after = await login(second.url);
    const closed = await eventually(
      'closed on mains',
      async () => {
        const d = await detail(second.url, after, outage?.id as number);
        return d.status === 'resolved' && d;
      },
      15_000,
    );
    expect(closed.entries.map((e) => e.kind)).toEqual(['note', 'resolve']);
    expect(closed.entries[0]?.text).toMatch(/Pin UPS yếu/);
    expect((await call(`${second.url}/api/notices`, 'GET')).body).toEqual([]);
    // It stopped cleanly: no restart incident.
    expect(await incidents(second.url, after, '?type=2.7')).toHaveLength(1);
    expect(await stopServer(second)).toBe(0);
  });
});
