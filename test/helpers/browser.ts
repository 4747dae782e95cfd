import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { beforeEach } from 'vitest';

export const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts');

/** Debian's Chromium, headless, with the flags these machines need; sound may play unprompted. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--autoplay-policy=no-user-gesture-required',
      ...extraArgs,
    ],
  });
}

/** Saves a screenshot under test-artifacts/screens, to look at after the run. */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = path.join(ARTIFACTS, 'screens');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

/** Signs in on a leader's or technician's page (the log book, /tech). */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/**
 * On a failed test, prints what each open page shows: on CI a timeout says only that a wait
 * ran out, not whether the page showed an error, a dialog or the offline banner.
 */
export function tellPagesOnFailure(browser: () => Browser | undefined): void {
  beforeEach(({ onTestFailed }) => {
    onTestFailed(async () => {
      for (const page of browser()
        ?.contexts()
        .flatMap((c) => c.pages()) ?? []) {
        const text = await page.innerText('body', { timeout: 1000 }).catch(() => '(no answer)');
        console.error(`--- what ${page.url()} showed:\n${text.slice(0, 2000)}`);
      }
    });
  });
}
