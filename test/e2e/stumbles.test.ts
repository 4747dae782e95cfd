import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, shot, tellPagesOnFailure } from '../helpers/browser.js';
import { READY } from '../helpers/fake-printer.js';
import { cable } from '../helpers/net.js';
import { tcpPrinter } from '../helpers/printer-peers.js';
import { type ServerProcess, spawnServer, stopServer } from '../helpers/process.js';
import { ADMIN_PASSWORD, addClerkLan, call, logIn } from '../helpers/server.js';
import { tempDir } from '../helpers/temp.js';

/**
 * What people stumbled on at the screens, tried again at real sizes against the appliance as
 * its own process: a server frozen with SIGSTOP (no goodbye on any link), a hall display
 * whose cable is pulled, a printer out of paper, a long list of services, a small counter screen.
 */
const temp = tempDir();
let server: ServerProcess;
let peer: Awaited<ReturnType<typeof tcpPrinter>>;
let browser: Browser;
tellPagesOnFailure(() => browser);
let url = '';
let admin = '';
let clerk = '';

async function open(where: string, width: number, height: number, base = url): Promise<Page> {
  const p = await browser.newPage({ viewport: { width, height } });
  await p.goto(base + where);
  return p;
}

async function signInAtCounter(p: Page, counter: string): Promise<void> {
  await p.getByLabel('Tên đăng nhập').fill('lan');
  await p.getByLabel('Mã PIN / mật khẩu').fill('246813');
  await p.getByLabel('Quầy làm việc').selectOption({ label: counter });
  await p.getByRole('button', { name: 'Đăng nhập' }).click();
  await p.getByText('Nguyễn Thị Lan').waitFor();
}

/** Whether every element matched lies inside the viewport (nothing cut off, nothing to scroll to). */
const allInside = (p: Page, selector: string) =>
  p.evaluate(`[...document.querySelectorAll(${JSON.stringify(selector)})].every((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight + 0.5 && r.right <= innerWidth + 0.5;
  })`);

beforeAll(async () => {
  peer = await tcpPrinter();
  writeFileSync(
    path.join(temp.dir, 'config.json'),
    JSON.stringify({
      printers: [{ id: 'kiosk', transport: 'tcp', host: '127.0.0.1', port: peer.port, paperWidthMm: 80 }],
      printing: { statusIntervalMs: 300 },
    }),
  );
  server = await spawnServer({ DATA_DIR: temp.dir, TIEPSUC_ADMIN_PASSWORD: ADMIN_PASSWORD });
  url = server.url;
  admin = await logIn(url, 'admin', ADMIN_PASSWORD);
  await call(`${url}/api/settings/setup-done`, 'POST', {}, { cookie: admin });
  // The appliance's own file, opened beside it as SQLite allows, to mark Lan's PIN her own.
  const db = new Database(path.join(temp.dir, 'tiepsuc.sqlite'));
  await addClerkLan(url, admin, db);
  db.close();
  clerk = await logIn(url, 'lan', '246813');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  server?.child.kill('SIGCONT');
  if (server) await stopServer(server);
  await peer?.close();
  temp.remove();
});

describe('where to go, and the printer before the tap', () => {
  it('the kiosk warns while the paper is out, names the counters, and is honest about closed ones', async () => {
    peer.printer.status = { ...READY, paperOut: true };
    const kiosk = await open('/kiosk', 1920, 1080);
    await kiosk.locator('[data-testid=printer-warning]').waitFor({ timeout: 10_000 });
    expect(await kiosk.textContent('.service:has-text("Hộ tịch") .counters')).toBe('Quầy đang đóng');
    await shot(kiosk, '30-kiosk-paper-out-before-tap');

    expect((await call(`${url}/api/counters/1/open`, 'POST', {}, { cookie: clerk })).status).toBe(200);
    await expect.poll(() => kiosk.textContent('.service:has-text("Hộ tịch") .counters')).toBe('Quầy 1, 2');
    peer.printer.status = { ...READY };
    await kiosk.locator('[data-testid=printer-warning]').waitFor({ state: 'detached', timeout: 10_000 });
    await kiosk.getByRole('button', { name: /Hộ tịch/ }).click();
    await kiosk.locator('[data-testid=ticket-number]').waitFor();
    expect(await kiosk.textContent('[data-testid=go-to]')).toBe('Khi được gọi, mời đến quầy 1, 2');
    expect(await kiosk.textContent('[data-testid=wait-note]')).toBe('Không có ai chờ trước bạn');
    await kiosk.getByRole('button', { name: 'Xong' }).click();
    // Land is served at counter 4 only, which nobody has opened.
    await kiosk.getByRole('button', { name: /Đất đai/ }).click();
    expect(await kiosk.textContent('[data-testid=go-to]')).toBe('Khi được gọi, mời đến quầy 4');
    expect(await kiosk.textContent('[data-testid=wait-note]')).toContain('đang đóng hoặc tạm dừng');
    await kiosk.close();
  });

  it('twelve services fit a landscape kiosk and sixteen a portrait one, long names inside their cards', async () => {
    const more = [
      'Chứng thực bản sao từ bản chính, chữ ký và hợp đồng, giao dịch',
      'Tư pháp – Hộ tịch (khai sinh, khai tử, kết hôn)',
      'Nông nghiệp và Phát triển nông thôn',
      'Tài nguyên và Môi trường',
      'Văn hóa – Thông tin',
      'Giáo dục và Đào tạo',
      'Y tế',
      'Bảo trợ xã hội',
      'Giao thông vận tải',
      'Công thương',
    ];
    const letters = 'GHIJKLMNOP';
    for (const [i, name] of more.slice(0, 6).entries()) {
      const res = await call(
        `${url}/api/services`,
        'POST',
        { name, nameEn: `Service ${letters[i]}`, prefix: letters[i] },
        { cookie: admin },
      );
      expect(res.status).toBe(201);
    }
    const landscape = await open('/kiosk', 1920, 1080);
    await expect.poll(() => landscape.locator('.service').count()).toBe(12);
    expect(await allInside(landscape, '.service')).toBe(true);
    // Every name sits inside its card.
    const namesInside = (p: Page) =>
      p.evaluate(`[...document.querySelectorAll('.service')].every((card) => {
        const c = card.getBoundingClientRect();
        const n = card.querySelector('.name').getBoundingClientRect();
        return n.top >= c.top && n.bottom <= c.bottom && n.right <= c.right;
      })`);
    expect(await namesInside(landscape)).toBe(true);
    await shot(landscape, '31-kiosk-12-services-landscape');

    for (const [i, name] of more.slice(6).entries()) {
      await call(
        `${url}/api/services`,
        'POST',
        { name, nameEn: `Service ${letters[i + 6]}`, prefix: letters[i + 6] },
        { cookie: admin },
      );
    }
    await expect.poll(() => landscape.locator('.service').count()).toBe(16);
    expect(await allInside(landscape, '.service')).toBe(true);
    expect(await namesInside(landscape)).toBe(true);
    const portrait = await open('/kiosk', 1080, 1920);
    await expect.poll(() => portrait.locator('.service').count()).toBe(16);
    expect(await allInside(portrait, '.service')).toBe(true);
    expect(await namesInside(portrait)).toBe(true);
    await shot(portrait, '32-kiosk-16-services-portrait');
    // Nothing to scroll: the page is the screen.
    expect(await portrait.evaluate('document.documentElement.scrollHeight <= innerHeight')).toBe(true);
    await landscape.close();
    await portrait.close();
  });
});

describe('the counter, keyboard only, on small screens', () => {
  for (const [width, height] of [
    [800, 480],
    [1024, 600],
  ] as const) {
    it(`at ${width}×${height}: a wrong PIN is cleared, and F8's box takes the keyboard and fits`, async () => {
      const counter = await open('/counter', width, height);
      await counter.getByLabel('Tên đăng nhập').fill('lan');
      await counter.getByLabel('Mã PIN / mật khẩu').fill('000000');
      await counter.getByRole('button', { name: 'Đăng nhập' }).click();
      await counter.getByText('Sai tên đăng nhập hoặc mật khẩu').waitFor();
      expect(await counter.getByLabel('Mã PIN / mật khẩu').inputValue()).toBe('');
      await signInAtCounter(counter, 'Quầy 2');

      await counter.keyboard.press('F8');
      const dialog = counter.locator('[data-testid=dialog]');
      await dialog.waitFor();
      expect(await allInside(counter, '[data-testid=dialog]')).toBe(true);
      expect(await counter.evaluate(`document.activeElement.hasAttribute('data-first')`)).toBe(true);
      // Tab walks the box, never the buttons of the page behind it (past its last button it
      // goes to the browser's own bar, then back to the box).
      for (let i = 0; i < 4; i++) {
        await counter.keyboard.press('Tab');
        expect(
          await counter.evaluate(
            `!!document.activeElement.closest('dialog') || document.activeElement === document.body`,
          ),
        ).toBe(true);
      }
      await shot(counter, `33-counter-f8-${width}x${height}`);
      await counter.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await counter.close();
    });
  }
});

describe('dead links', () => {
  it('a hall whose cable is pulled says so within about 5 s, and shows the call made meanwhile once back', async () => {
    const wire = await cable(Number(new URL(url).port));
    try {
      const hall = await open('/display', 1920, 1080, `http://127.0.0.1:${wire.port}`);
      await hall.locator('[data-testid=counter-1]').waitFor();
      // Readable across a hall: the services under each counter at 30 px or more on a 1080p TV.
      const size = await hall.evaluate(
        `getComputedStyle(document.querySelector('.counter footer')).fontSize`,
      );
      expect(Number.parseFloat(String(size))).toBeGreaterThanOrEqual(30);
      await expect.poll(() => hall.textContent('[data-testid=waiting]')).toContain('Hộ tịch');

      // Every face of the font is in before the cable goes: the offline notice, in bold, must not
      // wait for a file it can no longer fetch (a screenshot once hung on one).
      await expect
        .poll(() =>
          hall.evaluate(
            `[...document.fonts].filter((f) => f.family.includes('Be Vietnam Pro')).map((f) => f.status)`,
          ),
        )
        .toEqual(Array(9).fill('loaded'));

      const pulledAt = Date.now();
      wire.pull();
      const called = await call(`${url}/api/counters/1/next`, 'POST', {}, { cookie: clerk });
      expect(called.body.ticket.number).toBe('A001');
      await hall.locator('[data-testid=offline]').waitFor({ timeout: 10_000 });
      const seenAfter = Date.now() - pulledAt;
      expect(seenAfter).toBeLessThan(8000);
      expect(await hall.textContent('[data-testid=current-1]')).not.toContain('A001');
      await shot(hall, '34-hall-cable-pulled');

      // Back only once the screen's own reconnect went into the dead cable and hangs there, as
      // one does when a screen notices first: it must give that up, not wait 20 s for it.
      await expect.poll(wire.swallowed, { timeout: 10_000 }).toBeGreaterThan(0);
      wire.plug();
      await hall.locator('[data-testid=offline]').waitFor({ state: 'detached', timeout: 12_000 });
      await expect.poll(() => hall.textContent('[data-testid=current-1]')).toContain('A001');
      await shot(hall, '35-hall-back');

      // A call made now is captioned as digits and counter while the counter flashes.
      await call(`${url}/api/tickets`, 'POST', { serviceId: 1 });
      await call(`${url}/api/counters/1/next`, 'POST', {}, { cookie: clerk });
      await expect.poll(() => hall.textContent('[data-testid=caption]')).toContain('A002 → Quầy 1');
      expect(await hall.getAttribute('[data-testid=counter-1]', 'class')).toContain('flash');
      await shot(hall, '36-hall-caption');
      await hall.close();
    } finally {
      await wire.close();
    }
  });

  it('a server frozen with SIGSTOP is seen dead on every screen; the counter refuses keys, the kiosk sends people to staff', async () => {
    const hall = await open('/display', 1920, 1080);
    const kiosk = await open('/kiosk', 1080, 1920);
    const counter = await open('/counter', 1366, 768);
    await signInAtCounter(counter, 'Quầy 1');
    await hall.locator('[data-testid=counter-1]').waitFor();
    await kiosk.getByText('Mời chọn lĩnh vực').waitFor();
    const waiting = await call(`${url}/api/tickets`, 'POST', { serviceId: 1 });
    expect(waiting.body.number).toBe('A003');

    const frozenAt = Date.now();
    server.child.kill('SIGSTOP');
    try {
      await Promise.all([
        hall.locator('[data-testid=offline]').waitFor({ timeout: 10_000 }),
        counter.locator('[data-testid=offline]').waitFor({ timeout: 10_000 }),
        kiosk.locator('[data-testid=kiosk-offline]').waitFor({ timeout: 10_000 }),
      ]);
      expect(Date.now() - frozenAt).toBeLessThan(8000);
      expect(await kiosk.textContent('[data-testid=kiosk-offline]')).toContain('hỏi cán bộ');
      await counter.keyboard.press('F1');
      await expect.poll(() => counter.textContent('[data-testid=error]')).toContain('CHƯA được thực hiện');
      await shot(hall, '37-hall-server-frozen');
      await shot(kiosk, '38-kiosk-server-frozen');
      await shot(counter, '39-counter-server-frozen');
    } finally {
      server.child.kill('SIGCONT');
    }
    await Promise.all([
      hall.locator('[data-testid=offline]').waitFor({ state: 'detached', timeout: 15_000 }),
      counter.locator('[data-testid=offline]').waitFor({ state: 'detached', timeout: 15_000 }),
      kiosk.getByText('Mời chọn lĩnh vực').waitFor({ timeout: 15_000 }),
    ]);
    // The refused F1 was never sent: A003 still waits, and counter 1 still has A002.
    const queue = await call(`${url}/api/queue`, 'GET');
    expect(queue.body.waiting.map((t: { number: string }) => t.number)).toContain('A003');
    expect(await counter.textContent('[data-testid=current-number]')).toBe('A002');
    await hall.close();
    await kiosk.close();
    await counter.close();
  });
});

describe("the technician's glance", () => {
  it('a status strip names each screen by counter and the printer; a lost screen turns red; reprint by number', async () => {
    const counterScreen = await open('/display/counter/3', 1280, 720);
    await counterScreen.locator('[data-testid=counter-current]').waitFor();
    const tech = await open('/tech', 1366, 768);
    await tech.getByLabel('Tên đăng nhập').fill('admin');
    await tech.getByLabel('Mật khẩu').fill(ADMIN_PASSWORD);
    await tech.getByRole('button', { name: 'Đăng nhập' }).click();
    const chip = tech.locator('[data-testid="strip-screen-counter-display-3-"]');
    await expect.poll(() => chip.getAttribute('data-tone')).toBe('ok');
    expect(await chip.textContent()).toBe('Màn hình quầy 3');
    expect(await tech.textContent('[data-testid=strip-qms]')).toBe('QMS: chưa khai báo');
    expect(await tech.getAttribute('[data-testid=strip-printer-kiosk]', 'data-tone')).toBe('ok');
    expect(await tech.textContent('[data-testid=no-qms]')).toContain('Chưa khai báo QMS');

    await counterScreen.close();
    await expect.poll(() => chip.getAttribute('data-tone'), { timeout: 10_000 }).toBe('bad');
    expect(await chip.textContent()).toBe('Màn hình quầy 3: mất kết nối');
    peer.printer.status = { ...READY, paperOut: true };
    await expect
      .poll(() => tech.getAttribute('[data-testid=strip-printer-kiosk]', 'data-tone'), { timeout: 10_000 })
      .toBe('bad');
    await shot(tech, '40-tech-status-strip');
    peer.printer.status = { ...READY };

    await tech.getByLabel('In lại vé theo số').fill('a001');
    await tech.getByRole('button', { name: 'In lại', exact: true }).first().click();
    await tech.getByText('Đã gửi lệnh in lại vé A001.').waitFor();
    await tech.getByLabel('In lại vé theo số').fill('Z999');
    await tech.getByRole('button', { name: 'In lại', exact: true }).first().click();
    await tech.getByText('Hôm nay không có số Z999.').waitFor();
    await tech.close();
  });
});
