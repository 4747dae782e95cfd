import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchChromium, shot, signIn, tellPagesOnFailure } from '../helpers/browser.js';
import { ADMIN_PASSWORD, call, startServer, type TestServer } from '../helpers/server.js';

const run = promisify(execFile);
let s: TestServer;
let browser: Browser;
tellPagesOnFailure(() => browser);

async function page(p: string, width = 1400, height = 900): Promise<Page> {
  const tab = await browser.newPage({ viewport: { width, height } });
  await tab.goto(s.url + p);
  return tab;
}

beforeAll(async () => {
  s = await startServer();
  await s.account('lan', 'staff', '246813');
  await s.account('lanhdao', 'leader', 'mat-khau-dai');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

describe('notices on the screens (plan 2.9)', () => {
  it('a leader’s notice shows on the hall display and the kiosk, with texts to copy, and leaves when ended', async () => {
    const hall = await page('/display', 1920, 1080);
    const kiosk = await page('/kiosk', 1080, 1920);
    await hall.getByText('Số vừa gọi').waitFor();
    await kiosk.getByText('Mời chọn lĩnh vực').waitFor();
    expect(await hall.getByTestId('notice').count()).toBe(0);

    const book = await page('/logbook');
    await signIn(book, 'lanhdao', 'mat-khau-dai');
    await book.getByRole('button', { name: /Thông báo cho người dân/ }).click();
    const text =
      'Hệ thống lấy số chính gặp sự cố; Trung tâm cấp số dự phòng, xin công dân giữ trật tự chờ gọi';
    await book.getByLabel('Nội dung').fill(text);
    await book.getByLabel(/Khẩn/).check();
    await book.getByRole('button', { name: 'Đăng thông báo' }).click();

    for (const screen of [hall, kiosk]) {
      await screen.getByTestId('notice').filter({ hasText: text }).waitFor();
      expect(await screen.getByTestId('notice').getAttribute('data-level')).toBe('urgent');
    }
    await shot(hall, 'logbook-01-hall-notice');
    await shot(kiosk, 'logbook-02-kiosk-notice');

    const texts = book.getByTestId('notice-texts');
    await texts.waitFor();
    expect(await book.locator('#text-loudspeaker').inputValue()).toMatch(/^Thông báo khẩn! Thông báo khẩn!/);
    expect(await book.locator('#text-zalo').inputValue()).toMatch(/^\[KHẨN\]/);
    expect(await book.locator('#text-facebook').inputValue()).toMatch(/^THÔNG BÁO KHẨN\n/);
    await texts.getByRole('button', { name: 'Sao chép' }).first().click();
    await texts.getByRole('button', { name: 'Đã sao chép ✓' }).waitFor();
    await shot(book, 'logbook-03-notice-texts');

    await book.getByRole('button', { name: 'Kết thúc' }).click();
    for (const screen of [hall, kiosk]) await screen.getByTestId('notice').waitFor({ state: 'detached' });
    await Promise.all([hall.close(), kiosk.close(), book.close()]);
  });
});

describe('reporting and keeping the log book', () => {
  it('a clerk reports with F10 and one key; it reaches the technician’s page at once and opens its playbook', async () => {
    const tech = await page('/tech');
    await signIn(tech, 'admin', ADMIN_PASSWORD);
    await tech.getByText('Sự cố kỹ thuật').waitFor();
    await tech.getByText('Không có sự cố nào đang mở.').waitFor();

    const counter = await page('/counter');
    await counter.getByLabel('Tên đăng nhập').fill('lan');
    await counter.getByLabel('Mã PIN / mật khẩu').fill('246813');
    await counter.getByLabel('Quầy làm việc').selectOption({ label: 'Quầy 1' });
    await counter.getByRole('button', { name: 'Đăng nhập' }).click();
    await counter.getByRole('button', { name: /Gọi số tiếp theo/ }).waitFor();

    await counter.keyboard.press('F10');
    await counter.getByRole('dialog', { name: 'Báo sự cố' }).locator('button[data-type="2.1"]').waitFor();
    await shot(counter, 'logbook-04-counter-report');
    await counter.keyboard.press('1');
    const incident = counter.getByTestId('incident');
    await incident.waitFor();
    expect(await incident.getByTestId('incident-status').textContent()).toBe('Đang xử lý');
    await incident.getByRole('button', { name: 'Đã làm' }).first().click();
    await incident.getByTestId('step-done').waitFor();
    const phone = incident.locator('a[href^="tel:"]').first();
    if ((await phone.count()) > 0) expect(await phone.getAttribute('href')).toMatch(/^tel:\+?\d+$/);
    await shot(counter, 'logbook-05-counter-playbook');

    const open = tech.getByTestId('open-incidents');
    await open.getByText('2.1').waitFor();
    await tech.getByTestId('quarter-by-type').getByText(/2\.1/).waitFor();
    await shot(tech, 'logbook-06-tech-glance');
    await Promise.all([counter.close(), tech.close()]);
  });

  it('the log book lists it in the paper register’s columns, resolves it, exports and prints', async () => {
    const book = await page('/logbook');
    await signIn(book, 'lanhdao', 'mat-khau-dai');
    const table = book.getByTestId('logbook');
    await table.locator('tbody tr[data-id]').first().waitFor();
    expect(await table.locator('thead th').allTextContents()).toEqual([
      'STT',
      'Thời gian phát hiện',
      'Loại sự cố',
      'Biểu hiện',
      'Người phát hiện',
      'Xử lý',
      'Người xử lý',
      'Thời gian khắc phục',
      'Kết quả',
      'Ghi chú',
    ]);
    const row = table.locator('tbody tr[data-id]').first();
    expect(await row.locator('td').nth(3).textContent()).toMatch(/^Quầy 1: /);
    expect(await row.locator('td').nth(4).textContent()).toBe('lan');

    // Another type filtered out, this one kept.
    await book.getByLabel('Loại sự cố').selectOption('2.8');
    await table.getByText('Chưa có sự cố nào trong sổ.').waitFor();
    await book.getByLabel('Loại sự cố').selectOption('2.1');
    await row.waitFor();

    await row.click();
    const incident = book.getByTestId('incident');
    await incident.getByLabel('Kết quả khắc phục').fill('Đã thay cuộn giấy mới, in thử bình thường');
    await incident.getByRole('button', { name: 'Đã khắc phục' }).click();
    await book.locator('[data-testid=incident][data-status=resolved]').waitFor();
    await incident.getByRole('button', { name: 'Đóng' }).click();
    await row.locator('td').nth(8).getByText('Đã thay cuộn giấy mới').waitFor();
    await shot(book, 'logbook-07-register');

    const [download] = await Promise.all([
      book.waitForEvent('download'),
      book.getByRole('link', { name: 'Xuất CSV' }).click(),
    ]);
    const csv = await (await download.createReadStream()).toArray();
    expect(Buffer.concat(csv).toString('utf8')).toMatch(/Đã thay cuộn giấy mới/);

    const dir = path.join(ARTIFACTS, 'reports');
    mkdirSync(dir, { recursive: true });
    await book.emulateMedia({ media: 'print' });
    const pdf = path.join(dir, 'logbook-register.pdf');
    writeFileSync(pdf, await book.pdf({ preferCSSPageSize: true }));
    await run('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      pdf,
      path.join(dir, 'logbook-register'),
    ]);
    const { stdout } = await run('pdfinfo', [pdf]);
    // A4 landscape: 842 × 595 points.
    expect(stdout).toMatch(/Page size:\s+841\.\d+ x 59[45]\.\d+ pts \(A4\)/);
    const { stdout: words } = await run('pdftotext', [pdf, '-']);
    expect(words).toMatch(/SỔ THEO DÕI SỰ CỐ KỸ THUẬT/);
    expect(words).not.toMatch(/Đăng xuất/);
    await book.close();
  });

  it('staff cannot open the log book; technicians edit contacts whose numbers can be tapped', async () => {
    const clerk = await page('/logbook');
    await signIn(clerk, 'lan', '246813');
    await clerk.getByText(/dành cho lãnh đạo và cán bộ CNTT/).waitFor();
    await clerk.close();

    const tech = await page('/logbook#directory');
    await signIn(tech, 'admin', ADMIN_PASSWORD);
    const contacts = tech.getByTestId('contacts');
    await contacts.getByText('VNPT Nghệ An').first().waitFor();
    await tech.getByRole('button', { name: 'Thêm liên hệ' }).click();
    await tech.getByLabel('Người liên hệ').fill('Anh Minh');
    await tech.getByLabel('Đơn vị').fill('Viettel Tân Kỳ');
    await tech.getByLabel(/Số điện thoại/).fill('0912 345 678 (di động)');
    await tech.getByRole('button', { name: 'Lưu', exact: true }).click();
    const link = contacts.locator('a[href="tel:0912345678"]');
    await link.waitFor();
    expect(await link.textContent()).toContain('(di động)');
    await shot(tech, 'logbook-08-directory');
    const saved = await call(`${s.url}/api/contacts`, 'GET', undefined, {
      cookie: await s.login('admin', ADMIN_PASSWORD),
    });
    expect(saved.body.at(-1)).toMatchObject({
      unit: 'Viettel Tân Kỳ',
      phones: [{ number: '0912345678', label: 'di động' }],
    });
    await tech.close();
  });
});
