import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('closing the app', () => {
  it('leaves no timer, socket, listener or child behind: the process ends by itself', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/close-cleanly.ts'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    const started = Date.now();
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(JSON.parse(out.trim().split('\n').at(-1) as string)).toEqual([]);
    // Nothing kept it alive after close: it ended well before any timer of ours would fire.
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 30_000);
});
