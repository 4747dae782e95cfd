import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../server/app.js';
import { parseConfig } from '../../server/config.js';
import { type Db, openDatabase } from '../../server/db/open.js';
import { uiRoot } from '../../server/paths.js';
import { launchChromium, shot, tellPagesOnFailure } from '../helpers/browser.js';
import { ADMIN_PASSWORD, addClerkLan, call, logIn } from '../helpers/server.js';
import { tempDir } from '../helpers/temp.js';

const temp = tempDir();
const dbFile = path.join(temp.dir, 'tiepsuc.sqlite');
let db: Db;
let app: App;
let port = 0;
let url = '';
let browser: Browser;
tellPagesOnFailure(() => browser);

/** The appliance, built but not yet reachable: what it does before `listen` no screen can see. */
async function buildAppliance(): Promise<void> {
  db = openDatabase(dbFile);
  app = await buildApp({ config: parseConfig({}), db, adminPassword: ADMIN_PASSWORD, uiRoot });
}

/** On a fixed port, so a restart comes back where the screens look for it. */
async function listen(): Promise<void> {
  url = await app.listen({ host: '127.0.0.1', port });
  port = (app.server.address() as { port: number }).port;
}

async function stopAppliance(): Promise<void> {
  await app.close();
  db.close();
}

async function page(path: string, width: number, height: number): Promise<Page> {
  const p = await browser.newPage({ viewport: { width, height } });
  await p.goto(url + path);
  return p;
}

const phrase = (number: string, counter: string) =>
  `Mời công dân có số thứ tự ${number} đến quầy số ${counter}`;

beforeAll(async () => {
  await buildAppliance();
  await listen();
  browser = await launchChromium();
  await addClerkLan(url, await logIn(url, 'admin', ADMIN_PASSWORD), db);
});

afterAll(async () => {
  await browser?.close();
  await stopAppliance();
  temp.remove();
});

describe('the screens, end to end in Chromium', () => {
  let kiosk: Page;
  let counter: Page;
  let hall: Page;
  let counterScreen: Page;
  const spokenCount = async (p: Page) => Number(await p.getAttribute('[data-testid=spoken]', 'data-count'));

  it('the kiosk issues a number with one tap, in Vietnamese or English', async () => {
    kiosk = await page('/kiosk', 1080, 1920);
    await kiosk.getByText('Mời chọn lĩnh vực').waitFor();
    await shot(kiosk, '01-kiosk-portrait');
    await kiosk.getByRole('button', { name: 'English' }).click();
    await kiosk.getByText('Please choose a service').waitFor();
    await kiosk.getByRole('button', { name: 'Tiếng Việt' }).click();
    // A double tap gives one ticket: the second tap lands while the first is pending or shown.
    await kiosk.getByRole('button', { name: /Hộ tịch/ }).dblclick();
    await expect.poll(() => kiosk.textContent('[data-testid=ticket-number]')).toBe('A001');
    // Where to go, and honest that no counter of the service is open yet.
    expect(await kiosk.textContent('[data-testid=go-to]')).toBe('Khi được gọi, mời đến quầy 1, 2');
    expect(await kiosk.textContent('[data-testid=wait-note]')).toContain('đang đóng hoặc tạm dừng');
    await shot(kiosk, '02-kiosk-ticket');
    const tickets = await call(`${url}/api/queue`, 'GET');
    expect(tickets.body.waiting.map((t: { number: string }) => t.number)).toEqual(['A001']);

    const landscape = await page('/kiosk', 1920, 1080);
    await landscape.getByText('Mời chọn lĩnh vực').waitFor();
    // No scrollbars: the page fits the screen (evaluated in the browser, hence the string).
    const overflow = await landscape.evaluate('document.documentElement.scrollHeight > window.innerHeight');
    expect(overflow).toBe(false);
    await shot(landscape, '03-kiosk-landscape');
    await landscape.close();
  });

  it('the displays are open before the call', async () => {
    hall = await page('/display', 1920, 1080);
    await hall.locator('[data-testid=counter-1]').waitFor();
    counterScreen = await page('/display/counter/1', 1280, 720);
    await counterScreen.locator('[data-testid=counter-current]').waitFor();
    expect(await hall.locator('[data-testid=enable-sound]').count()).toBe(0);
    await shot(hall, '04-hall-before');
  });

  it('the counter logs in with a PIN and calls the next number with one key', async () => {
    counter = await page('/counter', 1366, 768);
    await counter.getByLabel('Tên đăng nhập').fill('lan');
    await counter.getByLabel('Mã PIN / mật khẩu').fill('246813');
    await counter.getByLabel('Quầy làm việc').selectOption({ label: 'Quầy 1' });
    await counter.getByRole('button', { name: 'Đăng nhập' }).click();
    await counter.getByText('Nguyễn Thị Lan').waitFor();
    // At once, as a quick clerk would: the page is reconnecting its socket with the new session.
    await counter.keyboard.press('F1');
    await expect.poll(() => counter.textContent('[data-testid=current-number]')).toBe('A001');
    expect(await counter.locator('[data-testid=offline]').count()).toBe(0);
    await shot(counter, '05-counter-called');
  }, 90_000); // five steps, each of which may wait up to Playwright's 30 s on a loaded CI machine

  it('the hall and the counter display show the call, flash, and speak it', async () => {
    await expect.poll(() => hall.textContent('[data-testid=current-1]')).toContain('A001');
    expect(await hall.getAttribute('[data-testid=counter-1]', 'class')).toContain('flash');
    await expect.poll(() => hall.textContent('[data-testid=spoken]')).toBe(phrase('a một', 'một'));
    await expect.poll(() => counterScreen.textContent('[data-testid=counter-current]')).toContain('A001');
    expect(await counterScreen.getAttribute('.screen', 'class')).toContain('flash');
    await shot(hall, '06-hall-called');
    await shot(counterScreen, '07-counter-display-called');
    // The phrase is said twice after the chime; then the announcement counts as spoken.
    await expect.poll(() => spokenCount(hall), { timeout: 20_000 }).toBe(1);
  });

  it('recall announces again; done clears the counter', async () => {
    await counter.keyboard.press('F2');
    await expect.poll(() => hall.textContent('[data-testid=spoken]')).toBe(phrase('a một', 'một'));
    await expect.poll(() => spokenCount(hall), { timeout: 20_000 }).toBe(2);
    await counter.keyboard.press('F4');
    await expect.poll(() => counterScreen.textContent('[data-testid=counter-current]')).toContain('—');
    await expect.poll(() => hall.textContent('[data-testid=current-1]')).toContain('—');
    await expect.poll(() => counter.textContent('[data-testid=served]')).toBe('1');
    await shot(counter, '08-counter-done');
  });

  it('the counter explains refusals in plain Vietnamese', async () => {
    await counter.keyboard.press('F1');
    await counter.getByText('Không còn ai đang chờ.').waitFor();
    await counter.keyboard.press('F8');
    await counter.getByLabel(/Số thứ tự/).fill('A999');
    await counter.getByRole('button', { name: 'Gọi số này' }).click();
    await expect.poll(() => counter.textContent('[data-testid=error]')).toContain('Không tìm thấy số A999');
    await shot(counter, '09-counter-error');
  });

  it('F8 puts the cursor in its box, refuses a typo, and a box opens empty', async () => {
    await counter.keyboard.press('Escape');
    await counter.keyboard.press('F8');
    await counter.keyboard.type('10O5');
    await counter.keyboard.press('Enter');
    await expect
      .poll(() => counter.textContent('[data-testid=error]'))
      .toContain('"10O5" không phải số thứ tự');
    await counter.keyboard.press('Escape');
    await counter.keyboard.press('F8');
    expect(await counter.getByLabel(/Số thứ tự/).inputValue()).toBe('');
    await counter.keyboard.type('A998');
    await counter.keyboard.press('Enter');
    await expect.poll(() => counter.textContent('[data-testid=error]')).toContain('Không tìm thấy số A998');
    await counter.keyboard.press('Escape');
  });

  it('the technician page shows the fallback state, printers, screens and the day', async () => {
    const tech = await page('/tech', 1366, 900);
    await tech.getByLabel('Tên đăng nhập').fill('admin');
    await tech.getByLabel('Mật khẩu').fill(ADMIN_PASSWORD);
    await tech.getByRole('button', { name: 'Đăng nhập' }).click();
    // A fresh appliance offers the guided setup first; the demo center is kept.
    await tech.getByRole('button', { name: /Bỏ qua, dùng trung tâm mẫu/ }).click();
    await expect.poll(() => tech.textContent('[data-testid=failover]')).toContain('Độc lập');
    await expect.poll(() => tech.textContent('[data-testid=count-done]')).toBe('1');
    expect(await tech.textContent('main')).toContain('Màn hình sảnh');
    await shot(tech, '12-tech');
    await tech.close();
  });

  it('a display recovers by itself after a server restart, without replaying old calls', async () => {
    const spokenBefore = await spokenCount(hall);
    await stopAppliance();
    await hall.locator('[data-testid=offline]').waitFor();
    await shot(hall, '10-hall-reconnecting');
    // While the display is still away, a citizen takes a number and counter 2 calls it: done
    // before the restarted appliance listens, so the display cannot have come back first.
    await buildAppliance();
    const asked = (method: 'GET' | 'POST', path: string, payload: object, cookie?: string) =>
      app.inject({ method, url: path, payload, headers: cookie ? { cookie } : {} });
    const login = await asked('POST', '/api/auth/login', { username: 'lan', password: '246813' });
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
    expect((await asked('POST', '/api/tickets', { serviceId: 2 })).json().number).toBe('B001');
    expect((await asked('POST', '/api/counters/2/next', {}, cookie)).json().ticket.number).toBe('B001');
    await listen();
    await hall.locator('[data-testid=offline]').waitFor({ state: 'detached', timeout: 15_000 });
    await expect
      .poll(() => hall.textContent('[data-testid=current-2]'), { timeout: 15_000 })
      .toContain('B001');
    // A call made after the recovery is the next thing the hall says: B001, called while it
    // was away, comes from the snapshot and is not replayed before it.
    expect(await hall.textContent('[data-testid=spoken]')).toBe('');
    expect((await call(`${url}/api/tickets`, 'POST', { serviceId: 2 })).body.number).toBe('B002');
    await call(`${url}/api/counters/2/next`, 'POST', {}, { cookie });
    await expect.poll(() => hall.textContent('[data-testid=spoken]')).toBe(phrase('bê hai', 'hai'));
    await expect.poll(() => spokenCount(hall), { timeout: 20_000 }).toBe(spokenBefore + 1);
    await shot(hall, '11-hall-recovered');
  });
});
