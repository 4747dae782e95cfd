import http from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, shot, tellPagesOnFailure } from '../helpers/browser.js';
import { tcpPrinter } from '../helpers/printer-peers.js';
import { ADMIN_PASSWORD, addClerkLan, call, startServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
let browser: Browser;
tellPagesOnFailure(() => browser);
let peer: Awaited<ReturnType<typeof tcpPrinter>>;
/** The appliance by the name a center's Wi-Fi would give it, not "localhost". */
let center: string;

beforeAll(async () => {
  peer = await tcpPrinter();
  s = await startServer({
    config: {
      printers: [{ id: 'lan', transport: 'tcp', host: '127.0.0.1', port: peer.port, paperWidthMm: 80 }],
      printing: { statusIntervalMs: 300 },
    },
  });
  center = s.url.replace('127.0.0.1', 'tiepsuc.lan');
  browser = await launchChromium(['--host-resolver-rules=MAP tiepsuc.lan 127.0.0.1']);
});

afterAll(async () => {
  await browser?.close();
  await s?.close();
  await peer?.close();
});

/** The bytes a phone asking for gzip receives, as sent (not unpacked). */
function gzipped(url: string): Promise<{ bytes: number; encoding: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          resolve({
            bytes: raw.length,
            encoding: res.headers['content-encoding'],
            body: raw.toString('latin1'),
          });
        });
      })
      .on('error', reject);
  });
}

describe("a ticket's live page, from the printed QR to a phone", () => {
  it('the QR on the paper opens the page on a phone, which changes when the ticket is called', async () => {
    const kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await kiosk.goto(`${center}/kiosk?printer=lan`);
    await kiosk.getByRole('button', { name: /Hộ tịch/ }).click();
    const number = (await kiosk.locator('[data-testid=ticket-number]').textContent()) ?? '';
    await expect.poll(() => kiosk.locator('[data-testid=ticket-qr] svg').count()).toBe(1);
    await shot(kiosk, '90-kiosk-ticket-qr');

    await expect.poll(() => peer.printer.qrCodes.length, { timeout: 10_000 }).toBe(1);
    const link = peer.printer.qrCodes[0] as string;
    expect(link).toMatch(new RegExp(`^${center}/t/[A-Za-z0-9_-]{22}$`));
    await kiosk.close();

    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await phone.newPage();
    // What the page asks of the phone's vibrator, kept for the test to read.
    await page.addInitScript({
      content: 'window.vibrations = []; navigator.vibrate = (p) => (window.vibrations.push(p), true);',
    });
    const admin = await s.login('admin', ADMIN_PASSWORD);
    await addClerkLan(s.url, admin, s.db);
    const lan = await s.login('lan', '246813');
    await call(`${s.url}/api/counters/2/open`, 'POST', undefined, { cookie: lan });
    const opened = await page.goto(link);
    expect(opened?.status()).toBe(200);
    const live = page.locator('[data-testid=live]');
    await expect.poll(() => live.getAttribute('data-status')).toBe('waiting');
    expect(await page.locator('[data-testid=number]').textContent()).toBe(number);
    expect(await page.locator('[data-testid=state]').textContent()).toContain('Bạn là người tiếp theo');
    await page.getByRole('button', { name: /Bật rung và âm báo/ }).tap();
    await shot(page, '91-phone-waiting');

    await call(`${s.url}/api/counters/2/next`, 'POST', undefined, { cookie: lan });
    await expect.poll(() => live.getAttribute('data-status'), { timeout: 10_000 }).toBe('called');
    expect(await page.locator('[data-testid=called]').textContent()).toBe('Đến lượt bạn! Mời đến Quầy 2');
    // The tap that turned alerts on buzzed once; the call buzzes a long pattern.
    const vibrations = (await page.evaluate('window.vibrations')) as unknown[];
    expect(vibrations.at(-1)).toEqual([400, 200, 400, 200, 400]);
    await shot(page, '92-phone-called');
    await phone.close();
  });

  it('the ticket screen with its QR fits a landscape and a portrait kiosk, everything on screen', async () => {
    for (const [width, height] of [
      [1920, 1080],
      [1080, 1920],
      [1280, 800],
    ] as const) {
      const kiosk = await browser.newPage({ viewport: { width, height } });
      await kiosk.goto(`${center}/kiosk`);
      await kiosk.getByRole('button', { name: /Chứng thực/ }).click();
      await expect.poll(() => kiosk.locator('[data-testid=ticket-qr] svg').count()).toBe(1);
      const header = await kiosk.locator('header').boundingBox();
      for (const part of ['.label', '[data-testid=ticket-qr]', 'button.done', '.back']) {
        const box = await kiosk.locator(part).boundingBox();
        expect(box?.y, `${part} at ${width}×${height}`).toBeGreaterThanOrEqual(
          (header?.y ?? 0) + (header?.height ?? 0),
        );
        expect((box?.y ?? 0) + (box?.height ?? 0), `${part} at ${width}×${height}`).toBeLessThanOrEqual(
          height,
        );
      }
      await shot(kiosk, `94-kiosk-ticket-qr-${width}x${height}`);
      await kiosk.close();
    }
  });

  it('a wrong token answers a calm 404 page', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const opened = await page.goto(`${center}/t/khong-phai-ma-that`);
    expect(opened?.status()).toBe(404);
    await expect.poll(() => page.locator('[data-testid=missing]').count()).toBe(1);
    expect(await page.textContent('h1')).toBe('Không tìm thấy số này');
    await shot(page, '93-phone-unknown');
    await page.close();
  });

  it('weighs under 30 KB gzip, everything it loads included', async () => {
    const html = await gzipped(`${s.url}/t/anything`);
    const page = await browser.newPage();
    await page.goto(`${s.url}/t/anything`);
    const assets = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname),
    );
    await page.close();
    const loaded = assets.filter((p) => p.startsWith('/assets/') || p === '/favicon.svg');
    expect(loaded.some((p) => p.endsWith('.js'))).toBe(true);
    const sizes = await Promise.all(loaded.map((p) => gzipped(s.url + p)));
    for (const [i, size] of sizes.entries())
      if (loaded[i]?.endsWith('.js')) expect(size.encoding).toBe('gzip');
    const total = html.bytes + sizes.reduce((n, x) => n + x.bytes, 0);
    expect(total).toBeLessThan(30 * 1024);
  });
});
