import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from './open.js';

const PATTERN = /^tiepsuc-\d{8}-\d{6}\.sqlite$/;
/** A copy still being written (or cut off): it gets its name only once checked. */
const PARTIAL = '.partial';
/** A partial this old belongs to no backup still running: a leftover of one that was killed. */
const ABANDONED_MS = 3_600_000;
/** The most pages better-sqlite3 copies in one backup step: all of them. */
const ALL_PAGES = 0x7fffffff;

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

export const backupsDir = (dataDir: string) => path.join(dataDir, 'backups');

/** Why a database file is not a sound copy, or null when `PRAGMA integrity_check` passes. */
export function integrityProblem(file: string): string | null {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const result = db.pragma('integrity_check', { simple: true });
    return result === 'ok' ? null : String(result);
  } catch (err) {
    return (err as Error).message;
  } finally {
    db?.close();
  }
}

/** Starts like a SQLite database: the header checked cheaply, for files already checked when made. */
function looksLikeSqlite(file: string): boolean {
  const header = Buffer.alloc(16);
  try {
    const fd = openSync(file, 'r');
    try {
      return readSync(fd, header, 0, 16, 0) === 16 && header.toString('latin1') === 'SQLite format 3\0';
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

/**
 * An online backup through SQLite's backup API, made in one step from a connection of its
 * own: the step reads one consistent snapshot beside the WAL writer, which keeps committing
 * (a copy made in small steps starts over whenever the writer commits, and on a busy morning
 * might never end). It is made in a process of its own (`backup-process.ts`, `npm run backup`),
 * so the queue server never waits for it. The copy is written under a temporary name, checked
 * whole (`PRAGMA integrity_check`), and only then renamed to a backup's name, so a backup cut
 * off by a crash or a full disk can never pass for a good one, nor push a good one out when
 * pruning.
 */
export async function backupDatabase(db: Db, dir: string, now: number, keep: number): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `tiepsuc-${stamp(now)}.sqlite`);
  const partial = `${file}${PARTIAL}`;
  try {
    rmSync(partial, { force: true });
    await db.backup(partial, { progress: () => ALL_PAGES });
    selfContained(partial);
    const problem = integrityProblem(partial);
    if (problem) throw new Error(`bản sao lưu không toàn vẹn (${problem})`);
    renameSync(partial, file);
    syncDir(dir);
  } catch (err) {
    rmSync(partial, { force: true });
    rmSync(`${partial}-journal`, { force: true });
    throw err;
  }
  prune(dir, keep, now);
  return file;
}

export interface BackupRequest {
  databaseFile: string;
  dir: string;
  now: number;
  keep: number;
}

/** A backup of the database file made through a connection of its own; returns the copy's path. */
export async function backupFile({ databaseFile, dir, now, keep }: BackupRequest): Promise<string> {
  const db = new Database(databaseFile, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return await backupDatabase(db, dir, now, keep);
  } finally {
    db.close();
  }
}

/**
 * The copy carries the live database's WAL mode, and checking it would leave a `-wal` and a
 * `-shm` beside it under the temporary name. A backup is one file: in rollback mode it opens
 * with nothing beside it, and a restored copy is put back in WAL mode when the appliance opens it.
 */
function selfContained(file: string): void {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/** The rename is only durable once the directory is. */
function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Keeps the newest `keep` good backups and removes the rest, and removes what killed backups
 * left: partial copies, their journals, and files under a backup's name that are no database.
 */
export function prune(dir: string, keep: number, now: number): void {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (PATTERN.test(name)) {
      if (!looksLikeSqlite(file)) rmSync(file, { force: true });
    } else if (name.startsWith('tiepsuc-') && now - statSync(file).mtimeMs > ABANDONED_MS) {
      // A partial copy or journal no running backup still writes.
      rmSync(file, { force: true });
    }
  }
  for (const old of listBackups(dir).slice(keep)) rmSync(path.join(dir, old), { force: true });
}

/** Good backup file names, newest first. */
export function listBackups(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => PATTERN.test(n) && looksLikeSqlite(path.join(dir, n)))
    .sort()
    .reverse();
}

export function newestBackupAt(dir: string): number | null {
  const newest = listBackups(dir)[0];
  return newest ? statSync(path.join(dir, newest)).mtimeMs : null;
}
