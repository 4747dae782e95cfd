import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Spool } from '../../server/printing/spool.js';
import { tempDir } from '../helpers/temp.js';

const temp = tempDir();
afterEach(() => temp.remove());

describe('the spool', () => {
  it('keeps the newest 300 jobs, preview and bytes together, and leaves other files alone', async () => {
    const spool = new Spool(temp.dir);
    for (let id = 1; id <= 320; id++) {
      writeFileSync(path.join(temp.dir, `job-${id}.bin`), 'x');
      await spool.savePreview(id, Uint8Array.of(1));
    }
    writeFileSync(path.join(temp.dir, 'notes.txt'), 'x');
    await spool.prune();
    const names = readdirSync(temp.dir);
    expect(names.filter((n) => n.endsWith('.png'))).toHaveLength(300);
    expect(names.filter((n) => n.endsWith('.bin'))).toHaveLength(300);
    expect(existsSync(spool.previewPath(20))).toBe(false);
    expect(existsSync(spool.previewPath(21))).toBe(true);
    expect(existsSync(path.join(temp.dir, 'notes.txt'))).toBe(true);
  });
});
