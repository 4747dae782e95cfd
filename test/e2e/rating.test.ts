import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, shot } from '../helpers/browser.js';
import { ADMIN_PASSWORD, addClerkLan, call, startServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
let browser: Browser;
let lan: string;

beforeAll(async () => {
  s = await startServer();
  await addClerkLan(s.url, await s.login('admin', ADMIN_PASSWORD), s.db);
  lan = await s.login('lan', '246813');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

const desk = (action: string) =>
  call(`${s.url}/api/counters/2/${action}`, 'POST', undefined, { cookie: lan });

/** The tablet at counter 2, signed in as its clerk, its timers under the test's hand. */
async function tablet(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, hasTouch: true });
  await page.clock.install();
  await page.goto(`${s.url}/rate/counter/2`);
  await page.getByLabel('Tên đăng nhập').fill('lan');
  await page.getByLabel('Mật khẩu').fill('246813');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  return page;
}

describe('the satisfaction tablet at a counter, end to end in Chromium', () => {
  it('shows the number served, asks when it is done, asks why below "Hài lòng", thanks, and the figures count it', async () => {
    await desk('open');
    const { body: ticket } = await call(`${s.url}/api/tickets`, 'POST', { serviceId: 2 });
    await desk('next');
    const page = await tablet();
    const rate = page.locator('[data-testid=rate]');
    await expect.poll(() => page.locator('[data-testid=serving]').textContent()).toBe(ticket.number);
    await shot(page, '95-rate-serving');

    await desk('done');
    await expect.poll(() => rate.getAttribute('data-step')).toBe('ask');
    expect(await page.textContent('h1')).toBe(
      `Quý khách số ${ticket.number} hài lòng thế nào với việc giải quyết thủ tục hôm nay?`,
    );
    await shot(page, '96-rate-ask');
    await page.getByRole('button', { name: 'Bình thường' }).tap();
    await expect.poll(() => rate.getAttribute('data-step')).toBe('reasons');
    await page.getByLabel('Phải chờ lâu').check();
    await page.getByLabel('Ý kiến khác (không bắt buộc)').fill('Nên có thêm ghế chờ');
    await shot(page, '97-rate-reasons');
    await page.getByRole('button', { name: 'Gửi đánh giá' }).tap();
    await expect.poll(() => rate.getAttribute('data-step')).toBe('thanks');
    await shot(page, '98-rate-thanks');
    await page.clock.fastForward(6_000);
    await expect.poll(() => rate.getAttribute('data-step')).toBe('idle');

    const stored = s.db.prepare('SELECT score, reasons, comment, counter_id, account_id FROM ratings').all();
    expect(stored).toEqual([
      {
        score: 2,
        reasons: '["wait"]',
        comment: 'Nên có thêm ghế chờ',
        counter_id: 2,
        account_id: (s.db.prepare("SELECT id FROM accounts WHERE username = 'lan'").get() as { id: number })
          .id,
      },
    ]);
    const admin = await s.login('admin', ADMIN_PASSWORD);
    const stats = await call(`${s.url}/api/stats?by=counter`, 'GET', undefined, { cookie: admin });
    expect(stats.body.rows.find((r: { key: string }) => r.key === '2')).toMatchObject({
      rated: 1,
      satisfactionPct: 100,
    });
    // And in the quarter's report, as the leader files it.
    // The quarter of today in the center's time zone, as the report counts it.
    const [year, month] = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Ho_Chi_Minh',
      year: 'numeric',
      month: '2-digit',
    })
      .format(Date.now())
      .split('-')
      .map(Number) as [number, number];
    const report = await call(
      `${s.url}/api/reports/quarterly?year=${year}&quarter=${Math.ceil(month / 3)}&format=json`,
      'GET',
      undefined,
      { cookie: admin },
    );
    expect(report.body.satisfaction.byCounter).toEqual([
      expect.objectContaining({
        label: 'Quầy 2',
        rated: 1,
        byScore: { 4: 0, 3: 0, 2: 1, 1: 0 },
        satisfactionPct: 100,
      }),
    ]);
    await page.close();
  });

  it('goes back to idle after 30 s untouched, and does not ask twice', async () => {
    await call(`${s.url}/api/tickets`, 'POST', { serviceId: 2 });
    await desk('next');
    const page = await tablet();
    const rate = page.locator('[data-testid=rate]');
    await expect.poll(() => page.locator('[data-testid=serving]').count()).toBe(1);
    await desk('done');
    await expect.poll(() => rate.getAttribute('data-step')).toBe('ask');
    await page.clock.fastForward(25_000);
    expect(await rate.getAttribute('data-step')).toBe('ask');
    // A touch keeps it up another 30 s from then.
    await page.locator('h1').tap();
    await page.clock.fastForward(25_000);
    expect(await rate.getAttribute('data-step')).toBe('ask');
    await page.clock.fastForward(6_000);
    await expect.poll(() => rate.getAttribute('data-step')).toBe('idle');
    await page.clock.fastForward(5_000);
    expect(await rate.getAttribute('data-step')).toBe('idle');
    await shot(page, '99-rate-idle');
    await page.close();
  });
});
