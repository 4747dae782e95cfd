import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** How many jobs' files a printer's spool keeps; older ones are removed as new ones come. */
const KEEP = 300;
const jobFile = /^job-(\d+)\./;

/** A printer's folder under DATA_DIR/spool: each job's preview PNG (and, if virtual, its bytes). */
export class Spool {
  #written = 0;

  constructor(readonly dir: string) {}

  label(jobId: number): string {
    return `job-${jobId}`;
  }

  previewPath(jobId: number): string {
    return path.join(this.dir, `${this.label(jobId)}.png`);
  }

  async savePreview(jobId: number, png: Uint8Array): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFile(this.previewPath(jobId), png);
    if (++this.#written % 50 === 0) await this.prune();
  }

  async prune(): Promise<void> {
    const names = await readdir(this.dir);
    const ids = [...new Set(names.map((n) => Number(jobFile.exec(n)?.[1])).filter((id) => id > 0))].sort(
      (a, b) => b - a,
    );
    const cutoff = ids[KEEP - 1];
    if (cutoff === undefined) return;
    await Promise.all(
      names
        .filter((n) => Number(jobFile.exec(n)?.[1]) < cutoff)
        .map((n) => rm(path.join(this.dir, n), { force: true })),
    );
  }
}
