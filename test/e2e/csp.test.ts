import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../server/app.js';
import { parseConfig } from '../../server/config.js';
import { type Db, openDatabase } from '../../server/db/open.js';
import { uiRoot } from '../../server/paths.js';
import { launchChromium, tellPagesOnFailure } from '../helpers/browser.js';
import { ADMIN_PASSWORD } from '../helpers/server.js';
import { tempDir } from '../helpers/temp.js';

const temp = tempDir();
let db: Db;
let app: App;
let url = '';
let browser: Browser;
tellPagesOnFailure(() => browser);

beforeAll(async () => {
  db = openDatabase(path.join(temp.dir, 'tiepsuc.sqlite'));
  app = await buildApp({ config: parseConfig({}), db, adminPassword: ADMIN_PASSWORD, uiRoot });
  url = await app.listen({ host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app.close();
  db.close();
  temp.remove();
});

describe('the Content-Security-Policy', () => {
  it('every page loads, signs in and talks to the appliance without a single violation', async () => {
    const context = await browser.newContext();
    const violations: string[] = [];
    context.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    for (const [page, ready] of [
      ['/', 'text=Tiếp Sức'],
      ['/kiosk', 'text=Mời chọn lĩnh vực'],
      ['/display', 'text=Quầy 1'],
      ['/display/counter/1', 'text=Quầy 1'],
      ['/setup', 'text=Đặt mật khẩu'],
    ] as const) {
      const p = await context.newPage();
      await p.goto(url + page);
      await p.locator(ready).first().waitFor();
      await p.close();
    }
    const tech = await context.newPage();
    await tech.goto(`${url}/tech`);
    await tech.getByLabel('Tên đăng nhập').fill('admin');
    await tech.getByLabel('Mật khẩu').fill(ADMIN_PASSWORD);
    await tech.getByRole('button', { name: 'Đăng nhập' }).click();
    await tech.getByRole('button', { name: /Bỏ qua, dùng trung tâm mẫu/ }).click();
    await tech.locator('text=Máy in').first().waitFor();
    // The kiosk's ticket, the tech page's live printer and job news, over the socket.
    const kiosk = await context.newPage();
    await kiosk.goto(`${url}/kiosk`);
    await kiosk.getByRole('button', { name: /Hộ tịch/ }).click();
    await kiosk.locator('text=Số thứ tự của bạn').waitFor();
    await tech.locator('text=Đã in').first().waitFor({ timeout: 10_000 });
    expect(violations).toEqual([]);
    await context.close();
  });
});
