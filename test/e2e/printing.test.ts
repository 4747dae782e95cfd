import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, shot, tellPagesOnFailure } from '../helpers/browser.js';
import { READY } from '../helpers/fake-printer.js';
import { tcpPrinter } from '../helpers/printer-peers.js';
import { ADMIN_PASSWORD, startServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
let browser: Browser;
tellPagesOnFailure(() => browser);
let peer: Awaited<ReturnType<typeof tcpPrinter>>;

beforeAll(async () => {
  peer = await tcpPrinter();
  s = await startServer({
    config: {
      printers: [
        { id: 'lan', transport: 'tcp', host: '127.0.0.1', port: peer.port, paperWidthMm: 80 },
        { id: 'ao', transport: 'virtual', paperWidthMm: 58 },
      ],
      printing: { statusIntervalMs: 300, retryBaseMs: 200, maxAttempts: 40 },
    },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await s?.close();
  await peer?.close();
});

async function page(path: string, width: number, height: number): Promise<Page> {
  const p = await browser.newPage({ viewport: { width, height } });
  await p.goto(s.url + path);
  return p;
}

describe('printing, end to end in Chromium', () => {
  it('the kiosk says the ticket printed, or to remember the number when the paper is out', async () => {
    const kiosk = await page('/kiosk?printer=lan', 1080, 1920);
    await kiosk.getByRole('button', { name: /Hộ tịch/ }).click();
    const state = kiosk.locator('[data-testid=print-state]');
    await expect.poll(() => state.getAttribute('data-state')).toBe('printed');
    expect(await state.textContent()).toContain('Mời nhận vé in bên dưới');
    expect(peer.printer.tickets).toHaveLength(1);
    await shot(kiosk, '20-kiosk-printed');
    await kiosk.getByRole('button', { name: 'Xong' }).click();

    peer.printer.status = { ...READY, paperOut: true, offline: true };
    await expect.poll(async () => (await s.app.printers.list())[0]?.paper).toBe('out');
    await kiosk.getByRole('button', { name: /Chứng thực/ }).click();
    await expect.poll(() => state.getAttribute('data-state')).toBe('trouble');
    expect(await state.textContent()).toContain('xin ghi nhớ số thứ tự');
    // Up long enough to write the number down, not the usual 12 s.
    expect(await kiosk.textContent('.back')).toMatch(/sau (3\d|40) giây/);
    await shot(kiosk, '21-kiosk-paper-out');
    await kiosk.close();
  });

  it('the technician sees each printer, the reason it stopped, its jobs and the last ticket as printed', async () => {
    const tech = await page('/tech', 1366, 1000);
    await tech.getByLabel('Tên đăng nhập').fill('admin');
    await tech.getByLabel('Mật khẩu').fill(ADMIN_PASSWORD);
    await tech.getByRole('button', { name: 'Đăng nhập' }).click();
    const lan = tech.locator('[data-testid=printer-lan]');
    await expect.poll(() => lan.textContent()).toContain('Hết giấy: thay cuộn giấy mới.');
    await expect.poll(() => lan.textContent()).toMatch(/Chờ in: Hết giấy/);
    await shot(tech, '22-tech-printer-paper-out');

    // Paper back: the waiting ticket prints by itself and the page follows without a reload.
    peer.printer.status = { ...READY };
    await expect.poll(() => lan.textContent(), { timeout: 10_000 }).toContain('Sẵn sàng');
    await expect.poll(() => peer.printer.tickets.length, { timeout: 10_000 }).toBe(2);
    await expect.poll(() => lan.locator('tbody tr').first().textContent()).toContain('Đã in');
    const preview = tech.locator('[data-testid=preview-lan]');
    await expect.poll(() => preview.evaluate((img) => img.complete && img.naturalWidth)).toBe(576);

    const ao = tech.locator('[data-testid=printer-ao]');
    await ao.getByRole('button', { name: 'In thử' }).click();
    await expect.poll(() => ao.locator('tbody tr').first().textContent()).toMatch(/In thử.*Đã in/);
    await expect
      .poll(() => tech.locator('[data-testid=preview-ao]').evaluate((img) => img.naturalWidth))
      .toBe(384);
    await shot(tech, '23-tech-printers');
    await tech.close();
  });
});
