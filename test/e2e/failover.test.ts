import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../server/app.js';
import { parseConfig } from '../../server/config.js';
import { type Db, openDatabase } from '../../server/db/open.js';
import { uiRoot } from '../../server/paths.js';
import { launchChromium, shot, tellPagesOnFailure } from '../helpers/browser.js';
import { qmsSimulator } from '../helpers/qms.js';
import { ADMIN_PASSWORD, call } from '../helpers/server.js';
import { tempDir } from '../helpers/temp.js';

const temp = tempDir();
let sim: Awaited<ReturnType<typeof qmsSimulator>>;
let db: Db;
let app: App;
let url = '';
let admin = '';
let browser: Browser;
tellPagesOnFailure(() => browser);
let kiosk: Page;

async function qms(mode: 'up' | 'down' | 'hang' | 'error' | 'flap'): Promise<void> {
  expect(await sim.mode(mode)).toBe(mode);
}

const state = async () => (await call(`${url}/api/failover`, 'GET', undefined, { cookie: admin })).body;
const issue = () => call(`${url}/api/tickets`, 'POST', { serviceId: 1 });

beforeAll(async () => {
  sim = await qmsSimulator();

  db = openDatabase(path.join(temp.dir, 'tiepsuc.sqlite'));
  app = await buildApp({
    config: parseConfig({
      qms: {
        probes: [{ type: 'http', url: `http://127.0.0.1:${sim.port}/`, timeoutMs: 800, bodyPattern: 'QMS' }],
        recoverThreshold: 3,
        recoverHoldMs: 2000,
      },
    }),
    db,
    adminPassword: ADMIN_PASSWORD,
    uiRoot,
  });
  url = await app.listen({ host: '127.0.0.1', port: 0 });
  const login = await call(`${url}/api/auth/login`, 'POST', { username: 'admin', password: ADMIN_PASSWORD });
  admin = login.headers.get('set-cookie')?.split(';')[0] as string;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  db?.close();
  await sim?.stop();
  temp.remove();
});

describe('failover with the QMS simulator as a real process', () => {
  it('while QMS serves, the kiosk API refuses and the kiosk page says to use the main machine', async () => {
    await expect.poll(async () => (await state()).state, { timeout: 5000 }).toBe('standby');
    const refused = await issue();
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('standby');
    kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await kiosk.goto(`${url}/kiosk`);
    await kiosk.locator('[data-testid=standby]').waitFor();
    await shot(kiosk, '20-kiosk-standby');
  });

  it('QMS stops: the kiosk API issues tickets within 5 s and the kiosk page switches live', async () => {
    const stoppedAt = Date.now();
    await qms('down');
    let first: Awaited<ReturnType<typeof issue>> | null = null;
    while (!first && Date.now() - stoppedAt < 10_000) {
      const r = await issue();
      if (r.status === 201) first = r;
      else await new Promise((res) => setTimeout(res, 100));
    }
    expect(first?.body.number).toBe('A001');
    expect(Date.now() - stoppedAt).toBeLessThan(5000);
    await kiosk.getByText('Mời chọn lĩnh vực').waitFor({ timeout: 3000 });
    await shot(kiosk, '21-kiosk-active');
    const s = await state();
    expect(s.state).toBe('active');
    expect(s.probes[0].last).toMatchObject({ ok: false, error: 'ECONNREFUSED' });
    expect(s.transitions.map((t: { to: string }) => t.to)).toEqual(['suspect', 'active']);
  });

  it('QMS returns: draining until the last fallback ticket is done, then standby', async () => {
    await qms('up');
    await expect.poll(async () => (await state()).state, { timeout: 10_000 }).toBe('draining');
    expect((await issue()).status).toBe(409);
    await kiosk.locator('[data-testid=standby]').waitFor({ timeout: 3000 });
    // The hall tells those holding fallback numbers that they will still be called.
    const hall = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await hall.goto(`${url}/display`);
    await expect.poll(() => hall.textContent('[data-testid=banner]')).toContain('vẫn sẽ được gọi');
    await shot(hall, '21-hall-handover');
    await hall.close();
    // Counters go on calling the appliance's waiting tickets.
    const staff = await call(`${url}/api/counters/1/next`, 'POST', {}, { cookie: admin });
    expect(staff.body.ticket.number).toBe('A001');
    await call(`${url}/api/counters/1/done`, 'POST', {}, { cookie: admin });
    await expect.poll(async () => (await state()).state, { timeout: 5000 }).toBe('standby');
    const audit = await call(`${url}/api/audit?limit=200`, 'GET', undefined, { cookie: admin });
    const transitions = audit.body.filter((e: { action: string }) => e.action === 'failover.transition');
    expect(transitions.map((e: { detail: { to: string } }) => e.detail.to).reverse()).toEqual([
      'suspect',
      'active',
      'draining',
      'standby',
    ]);
  });

  it('a hanging QMS is taken over too', async () => {
    const hungAt = Date.now();
    await qms('hang');
    await expect.poll(async () => (await state()).state, { timeout: 12_000, interval: 200 }).toBe('active');
    expect(Date.now() - hungAt).toBeLessThan(8000 + 1000);
    await qms('up');
    await expect.poll(async () => (await state()).state, { timeout: 10_000 }).toBe('standby');
  });

  it('a technician forces a mode only with a reason, and runs a timed drill', async () => {
    const noReason = await call(
      `${url}/api/failover/mode`,
      'POST',
      { mode: 'force-active' },
      { cookie: admin },
    );
    expect(noReason.status).toBe(400);
    const drill = await call(
      `${url}/api/failover/drill`,
      'POST',
      { note: 'Diễn tập quý IV', participants: ['Nguyễn Thị Lan', 'Trần Văn Minh'] },
      { cookie: admin },
    );
    expect(drill.status).toBe(200);
    expect((await state()).lastDrill).toMatchObject({ note: 'Diễn tập quý IV', endedAt: null });
    await kiosk.getByText('Mời chọn lĩnh vực').waitFor({ timeout: 3000 });
    expect((await issue()).status).toBe(201);
    await call(`${url}/api/counters/2/next`, 'POST', {}, { cookie: admin });
    const ended = await call(`${url}/api/failover/drill/end`, 'POST', {}, { cookie: admin });
    expect(ended.body).toMatchObject({
      participants: ['Nguyễn Thị Lan', 'Trần Văn Minh'],
      secondsToFirstTicket: expect.any(Number),
      secondsToFirstCall: expect.any(Number),
      endedBy: 'admin',
    });
    expect(ended.body.secondsToFirstCall).toBeGreaterThanOrEqual(ended.body.secondsToFirstTicket);
    await expect.poll(async () => (await state()).state, { timeout: 5000 }).not.toBe('active');
  });

  it('the technician page shows probes and the day, and switches mode with a reason', async () => {
    const tech = await browser.newPage({ viewport: { width: 1366, height: 1100 } });
    await tech.goto(`${url}/tech`);
    await tech.getByLabel('Tên đăng nhập').fill('admin');
    await tech.getByLabel('Mật khẩu').fill(ADMIN_PASSWORD);
    await tech.getByRole('button', { name: 'Đăng nhập' }).click();
    await tech.getByRole('button', { name: /Bỏ qua, dùng trung tâm mẫu/ }).click();
    await tech.getByText('Kiểm tra kết nối (vài phút gần đây)').waitFor();
    await expect.poll(() => tech.textContent('.timeline')).toContain('Chờ → Nghi ngờ');
    expect(await tech.textContent('.timeline')).toContain('QMS không trả lời');
    await tech.getByRole('button', { name: 'bắt buộc dự phòng' }).click();
    await tech.getByLabel(/Lý do chuyển sang/).fill('QMS bảo trì theo lịch');
    await tech.getByRole('button', { name: 'Xác nhận' }).click();
    await expect.poll(async () => (await state()).state).toBe('active');
    await expect
      .poll(() => tech.textContent('[data-testid=failover]'))
      .toContain('Dự phòng: Tiếp Sức đang cấp số');
    // The timeline says who moved it and the reason they typed.
    await expect.poll(() => tech.textContent('.timeline')).toContain('Quản trị: “QMS bảo trì theo lịch”');
    await shot(tech, '22-tech-failover');
    await tech.getByRole('button', { name: 'tự động' }).click();
    await tech.getByLabel(/Lý do chuyển sang/).fill('QMS đã bảo trì xong');
    await tech.getByRole('button', { name: 'Xác nhận' }).click();
    await expect.poll(async () => (await state()).mode).toBe('auto');
    await tech.close();
  });
});
