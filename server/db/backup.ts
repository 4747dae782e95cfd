import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Db } from './open.js';

const PATTERN = /^tiepsuc-\d{8}-\d{6}\.sqlite$/;

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/**
 * An online backup through SQLite's backup API. better-sqlite3 copies a bounded number of
 * pages per step and yields to the event loop between steps, so kiosks keep getting numbers
 * while it runs; the copy is consistent even while tickets are being written.
 */
export async function backupDatabase(db: Db, dir: string, now: number, keep: number): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `tiepsuc-${stamp(now)}.sqlite`);
  await db.backup(file, { progress: () => 64 });
  for (const old of listBackups(dir).slice(keep)) rmSync(path.join(dir, old), { force: true });
  return file;
}

/** Backup file names, newest first. */
export function listBackups(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => PATTERN.test(n))
    .sort()
    .reverse();
}

export function newestBackupAt(dir: string): number | null {
  const newest = listBackups(dir)[0];
  return newest ? statSync(path.join(dir, newest)).mtimeMs : null;
}
