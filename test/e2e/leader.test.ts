import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, shot, signIn, tellPagesOnFailure } from '../helpers/browser.js';
import { call, startServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
let browser: Browser;
tellPagesOnFailure(() => browser);
let page: Page;
let clerk: string;

const send = (method: string, p: string, body: unknown = {}, cookie = clerk) =>
  call(`${s.url}${p}`, method, body, { cookie });

beforeAll(async () => {
  s = await startServer({ config: { limits: { ticketsPerMinutePerClient: 10_000 } } });
  clerk = await s.account('lan', 'staff');
  await s.account('tam', 'leader');
  for (const serviceId of [1, 1, 1, 2, 2, 3]) {
    expect((await send('POST', '/api/tickets', { serviceId }, '')).status).toBe(201);
  }
  await send('POST', '/api/counters/1/open');
  await send('POST', '/api/counters/1/next');
  await send('POST', '/api/counters/1/done');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  await page.goto(`${s.url}/leader`);
});

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

describe('the leader’s page, in Chromium', () => {
  it('is not for counter clerks', async () => {
    await signIn(page, 'lan', '246813');
    await page.getByText('Trang số liệu dành cho lãnh đạo').waitFor();
  });

  it('shows today at a glance, and follows the queue without a reload', async () => {
    await signIn(page, 'tam', 'mat-khau-dai');
    await expect.poll(() => page.getByTestId('served-today').locator('strong').textContent()).toBe('1');
    await expect.poll(() => page.getByTestId('waiting-now').locator('strong').textContent()).toBe('5');
    const services = page.getByTestId('today-services');
    await services.getByRole('row', { name: /Hộ tịch/ }).waitFor();
    await expect
      .poll(() => services.getByRole('row', { name: /Tổng cộng/ }).textContent())
      .toMatch(/^Tổng cộng6/);
    await shot(page, 'leader-01-today');

    await send('POST', '/api/counters/1/next');
    await send('POST', '/api/counters/1/next');
    await expect
      .poll(() => page.getByTestId('served-today').locator('strong').textContent(), { timeout: 10_000 })
      .toBe('2');
    await expect.poll(() => page.getByTestId('waiting-now').locator('strong').textContent()).toBe('3');
    await page
      .getByTestId('today-counters')
      .getByRole('row', { name: /Quầy 1/ })
      .waitFor();
  });

  it('draws a range of days as charts and tables, and exports it to Excel', async () => {
    await page.getByRole('button', { name: 'Theo khoảng ngày' }).click();
    await page
      .getByTestId('range-services')
      .getByRole('row', { name: /Chứng thực/ })
      .waitFor();
    await page.getByTestId('range-staff').getByRole('row', { name: /lan/i }).waitFor();
    // Each chart has painted something: its canvas is not blank.
    const painted = await page.evaluate(`[...document.querySelectorAll('canvas')].map((c) =>
      c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some((v) => v !== 0))`);
    expect(painted).toEqual([true, true, true]);
    await shot(page, 'leader-02-range');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    const sheet = book.getWorksheet('Theo lĩnh vực') as ExcelJS.Worksheet;
    expect(sheet.getRow(2).getCell(1).value).toBe('Hộ tịch');
    expect(sheet.getRow(sheet.rowCount).getCell(2).value).toBe(6);
  });

  it('speaks English as its second language', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Range of days' }).waitFor();
    await page.getByText('Visits per day').waitFor();
  });
});
