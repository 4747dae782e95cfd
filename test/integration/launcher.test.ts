import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/server.js';
import { tempDir } from '../helpers/temp.js';

const temp = tempDir();
afterAll(() => temp.remove());

describe('kiosk launcher', () => {
  it('opens the page in kiosk mode and restarts the browser when it dies', async () => {
    const log = path.join(temp.dir, 'runs.log');
    const fake = path.join(temp.dir, 'chromium');
    // A browser that "crashes" at once, recording how it was started.
    writeFileSync(fake, `#!/bin/sh\necho "$@" >> ${log}\nexit 1\n`);
    chmodSync(fake, 0o755);
    const child = spawn('bash', ['scripts/kiosk-launcher.sh', 'http://127.0.0.1:8080/display'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...process.env, PATH: `${temp.dir}:${process.env.PATH}`, HOME: temp.dir, DISPLAY: '' },
      stdio: 'ignore',
      detached: true,
    });
    const runs = await eventually(
      'the browser started again after dying',
      () =>
        existsSync(log) &&
        readFileSync(log, 'utf8').trim().split('\n').length >= 2 &&
        readFileSync(log, 'utf8').trim().split('\n'),
      15_000,
    );
    process.kill(-(child.pid as number), 'SIGKILL');
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs[0]).toContain('--kiosk');
    expect(runs[0]).toContain('--autoplay-policy=no-user-gesture-required');
    expect(runs[0]).toMatch(/http:\/\/127\.0\.0\.1:8080\/display$/);
  });
});
