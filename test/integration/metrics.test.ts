import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import parsePrometheusTextFormat, { type Family } from 'parse-prometheus-text-format';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/net.js';
import { ADMIN_PASSWORD, call, eventually, startServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/temp.js';

const TOKEN = 'tinh-nghe-an-giam-sat-2026';
const MONITORING = path.resolve(import.meta.dirname, '../../scripts/monitoring');
const temp = tempDir();
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  temp.remove();
});

async function scrape(s: TestServer): Promise<Map<string, Family>> {
  const res = await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  const families = parsePrometheusTextFormat(await res.text());
  return new Map(families.map((f) => [f.name, f]));
}

const value = (m: Map<string, Family>, name: string, labels: Record<string, string> = {}) =>
  Number(
    m.get(name)?.metrics.find((x) => Object.entries(labels).every(([k, v]) => x.labels?.[k] === v))?.value ??
      Number.NaN,
  );

let server: TestServer;

describe('/metrics for the province', () => {
  it('answers only the configured token or an allowed address, with a Vietnamese refusal', async () => {
    server = await startServer({ config: { metrics: { token: TOKEN, allow: [] } } });
    cleanups.push(() => server.close());
    const bare = await fetch(`${server.url}/metrics`);
    expect(bare.status).toBe(401);
    expect(((await bare.json()) as { message: string }).message).toContain('Không được đọc số liệu giám sát');
    const wrong = await fetch(`${server.url}/metrics`, {
      headers: { authorization: 'Bearer sai-ma-truy-cap-0000' },
    });
    expect(wrong.status).toBe(401);
    const open = await startServer();
    cleanups.push(() => open.close());
    // By default the appliance's own address may read it (a Prometheus on the same machine).
    expect((await fetch(`${open.url}/metrics`)).status).toBe(200);
  });

  it('counts tickets issued and served per service, with wait and serve histograms, as they flow', async () => {
    const before = await scrape(server);
    expect(value(before, 'tiepsuc_failover_state', { state: 'standalone' })).toBe(1);
    expect(value(before, 'tiepsuc_printer_up', { printer: 'kiosk' })).toBe(1);
    expect(value(before, 'tiepsuc_printer_paper', { printer: 'kiosk', paper: 'ok' })).toBe(1);
    const admin = await server.login('admin', ADMIN_PASSWORD);
    for (let i = 0; i < 3; i++) await call(`${server.url}/api/tickets`, 'POST', { serviceId: 1 });
    await call(`${server.url}/api/tickets`, 'POST', { serviceId: 2 });
    await call(`${server.url}/api/counters/1/next`, 'POST', {}, { cookie: admin });
    await call(`${server.url}/api/counters/1/done`, 'POST', {}, { cookie: admin });
    await call(`${server.url}/api/counters/1/next`, 'POST', {}, { cookie: admin });
    const display = server.socket({ kind: 'display' });
    await eventually(
      'display counted',
      async () => value(await scrape(server), 'tiepsuc_screens_connected', { kind: 'display' }) === 1,
    );
    display.disconnect();

    const after = await scrape(server);
    expect(value(after, 'tiepsuc_tickets_issued_total', { service: 'Hộ tịch' })).toBe(3);
    expect(value(after, 'tiepsuc_tickets_issued_total', { service: 'Chứng thực' })).toBe(1);
    expect(value(after, 'tiepsuc_tickets_served_total', { service: 'Hộ tịch' })).toBe(1);
    // The parser drops a histogram's labels; only Hộ tịch has been called, so each holds one series.
    const observed = (name: string) => {
      const series = after.get(name)?.metrics ?? [];
      expect(series).toHaveLength(1);
      return Number(series[0]?.buckets?.['+Inf']);
    };
    expect(observed('tiepsuc_wait_seconds')).toBe(2);
    expect(observed('tiepsuc_serve_seconds')).toBe(1);
    // And Prometheus's own parser finds nothing wrong with the whole exposition.
    const text = await (
      await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })
    ).text();
    const lint = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(lint.status, lint.stdout + lint.stderr).toBe(0);
    expect(value(after, 'tiepsuc_failover_state_seconds', { state: 'standalone' })).toBeGreaterThan(0);

    const opened = await call(
      `${server.url}/api/incidents`,
      'POST',
      { type: '2.1', title: 'Máy in vé kẹt giấy', symptoms: 'Kẹt giấy ở máy lấy số' },
      { cookie: admin },
    );
    expect(opened.status).toBe(201);
    expect(value(await scrape(server), 'tiepsuc_incidents_open', { type: '2.1' })).toBe(1);
  });

  it('every metric the alert rules and the dashboard name is one the appliance exposes', async () => {
    const exposed = new Set((await scrape(server)).keys());
    const named = (text: string) =>
      new Set([...text.matchAll(/tiepsuc_[a-z_]+/g)].map((m) => m[0].replace(/_(bucket|count|sum)$/, '')));
    for (const file of ['alerts.yml', 'grafana-dashboard.json']) {
      const names = named(readFileSync(path.join(MONITORING, file), 'utf8'));
      expect(names.size).toBeGreaterThan(2);
      for (const name of names) expect(exposed, `${file}: ${name}`).toContain(name);
    }
    const dashboard = JSON.parse(readFileSync(path.join(MONITORING, 'grafana-dashboard.json'), 'utf8'));
    expect(dashboard.panels.length).toBeGreaterThan(5);
  });

  it("promtool accepts the alert rules, and Debian's Prometheus scrapes the appliance with its token", async () => {
    const { stdout } = await promisify(execFile)('promtool', [
      'check',
      'rules',
      path.join(MONITORING, 'alerts.yml'),
    ]);
    expect(stdout).toContain('SUCCESS: 4 rules found');

    const port = await freePort();
    const target = new URL(server.url).host;
    writeFileSync(path.join(temp.dir, 'token'), TOKEN);
    writeFileSync(
      path.join(temp.dir, 'prometheus.yml'),
      [
        'global: { scrape_interval: 1s }',
        'scrape_configs:',
        '  - job_name: tiepsuc',
        `    authorization: { type: Bearer, credentials_file: ${path.join(temp.dir, 'token')} }`,
        `    static_configs: [{ targets: ['${target}'], labels: { commune: 'Tân Kỳ' } }]`,
      ].join('\n'),
    );
    const prometheus: ChildProcess = spawn(
      'prometheus',
      [
        `--config.file=${path.join(temp.dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(temp.dir, 'tsdb')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: 'ignore' },
    );
    cleanups.push(() => {
      prometheus.kill();
    });
    const query = async (q: string) => {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(q)}`).catch(
        () => null,
      );
      const body = (await res?.json().catch(() => null)) as {
        data?: { result: { value: [number, string] }[] };
      } | null;
      return body?.data?.result ?? [];
    };
    const issued = await eventually(
      'Prometheus scraped the appliance',
      async () => {
        const r = await query('tiepsuc_tickets_issued_total{commune="Tân Kỳ",service="Hộ tịch"}');
        return r.length > 0 && r;
      },
      30_000,
    );
    expect(issued[0]?.value[1]).toBe('3');
    expect((await query('up{job="tiepsuc"}'))[0]?.value[1]).toBe('1');
  });
});
