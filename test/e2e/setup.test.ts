import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, shot, signIn, tellPagesOnFailure } from '../helpers/browser.js';
import { qmsSimulator } from '../helpers/qms.js';
import { ADMIN_PASSWORD, call, startServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
let browser: Browser;
tellPagesOnFailure(() => browser);
let tech: Page;
let kiosk: Page;
let qms: Awaited<ReturnType<typeof qmsSimulator>>;

beforeAll(async () => {
  s = await startServer({ firstSetup: true });
  qms = await qmsSimulator();
  browser = await launchChromium();
  tech = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  await kiosk.goto(`${s.url}/kiosk`);
  await kiosk.getByText('Mời chọn lĩnh vực').waitFor();
  await tech.goto(`${s.url}/tech`);
  await signIn(tech, 'admin', ADMIN_PASSWORD);
});

afterAll(async () => {
  await qms?.stop();
  await browser?.close();
  await s?.close();
});

describe('setting the center up from /tech, in Chromium', () => {
  it('a fresh center starts with the guided setup; what it adds shows on the open kiosk without a reload', async () => {
    const next = (title: string) => tech.getByRole('button', { name: `Tiếp theo: ${title}` }).click();
    await tech.getByRole('heading', { name: /Thiết lập trung tâm lần đầu/ }).waitFor();
    const center = tech.getByRole('region', { name: /^Trung tâm/ });
    await center.getByLabel('Tên trung tâm').fill('Trung tâm PVHCC xã Hòa Bình');
    await center.getByRole('button', { name: 'Lưu thông tin trung tâm' }).click();
    await center.getByRole('status').getByText('Đã lưu.').waitFor();
    await shot(tech, 'setup-00-wizard-center');

    await next('Giờ làm việc');
    await tech.getByRole('region', { name: 'Giờ làm việc' }).waitFor();
    await next('Lĩnh vực');
    const services = tech.getByRole('region', { name: 'Lĩnh vực' });
    await services.getByRole('button', { name: 'Thêm lĩnh vực' }).click();
    await services.getByLabel('Tên (tiếng Việt)').fill('Tư pháp');
    await services.getByLabel('Tên tiếng Anh').fill('Justice');
    await services.getByLabel('Chữ cái').fill('G');
    await services.getByRole('button', { name: 'Lưu' }).click();
    await services.getByRole('cell', { name: /Tư pháp/ }).waitFor();
    await kiosk.getByRole('button', { name: /Tư pháp/ }).waitFor();

    await next('Quầy');
    const counters = tech.getByRole('region', { name: 'Quầy' });
    await counters.getByRole('button', { name: 'Thêm quầy' }).click();
    await counters.getByLabel('Tư pháp').check();
    await counters.getByRole('button', { name: 'Lưu' }).click();
    await counters.getByRole('cell', { name: 'Quầy 7' }).waitFor();
    await shot(tech, 'setup-01-services-counters');
    await shot(kiosk, 'setup-02-kiosk-new-service');

    await next('Tài khoản');
    await tech.getByRole('region', { name: 'Tài khoản' }).waitFor();
    await next('Máy in');
    const printers = tech.getByRole('region', { name: /Kết nối máy in/ });
    await printers.getByRole('button', { name: 'In thử' }).click();
    await printers.getByRole('status').getByText('Đã gửi trang in thử tới máy in "kiosk".').waitFor();

    await next('QMS');
    const probes = tech.getByRole('region', { name: /Theo dõi QMS/ });
    await probes.getByText(/Chưa khai báo QMS/).waitFor();
    await probes.getByRole('button', { name: 'Thêm địa chỉ QMS' }).click();
    await probes.getByLabel('Địa chỉ QMS').fill(`http://127.0.0.1:${qms.port}/health`);
    await probes.getByRole('button', { name: 'Thử ngay' }).click();
    await probes
      .getByRole('status')
      .getByText(/^Trả lời sau \d+ ms$/)
      .waitFor();
    await shot(tech, 'setup-00-wizard-qms');
    // This center stays the queue system: the address was only tried, not saved.
    await probes.getByRole('button', { name: 'Bỏ' }).click();
    await tech.getByRole('button', { name: 'Hoàn tất thiết lập' }).click();
    await tech.getByText('Thiết bị đang kết nối').waitFor();
    await tech.getByRole('region', { name: /Kết nối máy in/ }).scrollIntoViewIfNeeded();
    await shot(tech, 'setup-00-tech-center-printers');
    expect(await kiosk.getByText('Trung tâm PVHCC xã Hòa Bình').count()).toBeGreaterThan(0);
  });

  it('outside the working hours the kiosk says calmly when numbers start again', async () => {
    const hours = tech.getByRole('region', { name: 'Giờ làm việc' });
    // Hours on one weekday that is not today (in Hà Nội): now is outside them, whatever the time.
    const days = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
    const today = new Date().toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', weekday: 'long' });
    const day = days.find((d) => d.toLowerCase() !== today.toLowerCase()) as string;
    await hours.getByLabel(`${day} Sáng mở`).fill('07:30');
    await hours.getByLabel(`${day} Sáng đóng`).fill('11:30');
    await hours.getByRole('button', { name: 'Lưu giờ làm việc' }).click();
    await hours.getByRole('status').getByText('Đã lưu.').waitFor();
    await shot(tech, 'setup-03-hours');
    await kiosk.getByRole('button', { name: /Hộ tịch/ }).click();
    const note = kiosk.getByTestId('kiosk-error');
    await note.waitFor();
    expect(await note.textContent()).toMatch(
      new RegExp(`^Ngoài giờ làm việc\\. Trung tâm nhận số từ 7 giờ 30, ${day.replace('Thứ', 'thứ')} ngày `),
    );
    expect(
      await note.evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).backgroundColor),
    ).not.toBe('rgb(179, 38, 30)');
    await shot(kiosk, 'setup-04-kiosk-closed');
  });

  it('a new clerk logs in with the PIN they were given, must choose their own, then calls at their counter', async () => {
    const accounts = tech.getByRole('region', { name: 'Tài khoản' });
    await accounts.getByRole('button', { name: 'Thêm tài khoản' }).click();
    await accounts.getByLabel('Tên đăng nhập').fill('hoa');
    await accounts.getByLabel('Họ và tên').fill('Trần Thị Hoa');
    await accounts.getByLabel('Mã PIN tạm').fill('580317');
    await accounts.getByRole('button', { name: 'Tạo' }).click();
    await accounts.getByRole('cell', { name: /Chờ đổi mật khẩu/ }).waitFor();
    await shot(tech, 'setup-05-accounts');

    const counter = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await counter.goto(`${s.url}/counter`);
    await counter.getByLabel('Tên đăng nhập').fill('hoa');
    await counter.getByLabel('Mã PIN / mật khẩu').fill('580317');
    await counter.getByLabel('Quầy làm việc').selectOption({ label: 'Quầy 1' });
    await counter.getByRole('button', { name: 'Đăng nhập' }).click();
    await counter.getByLabel('Mã PIN mới').fill('906142');
    await counter.getByLabel('Nhập lại').fill('906142');
    await shot(counter, 'setup-06-new-pin');
    await counter.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
    await counter.getByRole('button', { name: /Gọi số tiếp theo/ }).waitFor();
    // Back within the hours, a citizen takes a number and the new clerk calls it with F1.
    const admin = await s.login('admin', ADMIN_PASSWORD);
    await call(`${s.url}/api/settings`, 'PATCH', { hours: {} }, { cookie: admin });
    const taken = await call(`${s.url}/api/tickets`, 'POST', { serviceId: 1 });
    await counter.keyboard.press('F1');
    await counter.getByTestId('current-number').getByText(taken.body.number).waitFor();
    await shot(counter, 'setup-07-first-call');
    await counter.close();
    const login = await fetch(`${s.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'hoa', password: '580317' }),
    });
    expect(login.status).toBe(401);

    const audit = tech.getByRole('region', { name: 'Nhật ký thao tác' });
    await audit.getByLabel(/^Thao tác/).fill('account');
    await audit.getByTestId('audit').getByText('account.change_secret').waitFor();
    await audit.scrollIntoViewIfNeeded();
    await shot(tech, 'setup-08-audit');
  });

  it('the setup goes out as one file and comes back in through the page', async () => {
    const transfer = tech.getByRole('region', { name: 'Sao chép thiết lập' });
    const [download] = await Promise.all([
      tech.waitForEvent('download'),
      transfer.getByRole('link', { name: 'Xuất tệp thiết lập' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('thiet-lap-trung-tam.json');
    const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(file.services.map((x: { name: string }) => x.name)).toContain('Tư pháp');
    await transfer.locator('input[type=file]').setInputFiles({
      name: 'thiet-lap-trung-tam.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(file)),
    });
    await transfer
      .getByRole('status')
      .getByText(/^Đã nhập 7 lĩnh vực, 7 quầy/)
      .waitFor();
    await transfer.scrollIntoViewIfNeeded();
    await shot(tech, 'setup-09-transfer');
  });
});
