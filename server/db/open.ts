import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { backupsDir, listBackups } from './backup.js';
import { MigrationError, migrate } from './migrate.js';

export type Db = Database.Database;

/** The database cannot be used: says which file, the newest good backup and how to restore it. */
export class DatabaseError extends Error {
  override name = 'DatabaseError';
}

/**
 * Opens the appliance database durably: WAL so displays can read while a kiosk writes,
 * `synchronous=FULL` so an acknowledged ticket survives a power cut, not just a crash. A
 * damaged file is found here, at start (`PRAGMA quick_check`), not in the middle of a day.
 */
export function openDatabase(file: string): Db {
  mkdirSync(path.dirname(file), { recursive: true });
  let db: Database.Database | null = null;
  try {
    db = new Database(file);
    const check = db.pragma('quick_check(1)', { simple: true });
    if (check !== 'ok') throw new Error(String(check));
    usePageSize(db, PAGE_SIZE);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // better-sqlite3 builds SQLite with a 16 MB page cache per connection, which fills as the
    // file grows and then stays resident (a saturated bench pushed the server's RSS from 99 to
    // 119 MB). SQLite's own default, 2 MB, holds every page a ticket touches; the rest is read
    // from the kernel's file cache, which the kernel can give back when memory is short.
    db.pragma('cache_size = -2000');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (err) {
    db?.close();
    if (err instanceof MigrationError) throw err;
    throw new DatabaseError(damaged(file, (err as Error).message));
  }
}

/**
 * A kiosk tap writes a dozen pages (the ticket, its print job, their indexes, the count and the
 * sequence), each wholly, to the log and again at the checkpoint, and `synchronous=FULL` waits
 * for them: 75 KB a tap with 4 KB pages, 40 KB with 1 KB ones, and a commit about 0.1 ms
 * shorter. A ticket's rows are far under a page. The size is set before the first table; a database
 * made with another size is rebuilt once, at start, by `VACUUM` (which must leave WAL to do it).
 */
const PAGE_SIZE = 1024;

function usePageSize(db: Db, size: number): void {
  if (db.pragma('page_size', { simple: true }) === size) return;
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma(`page_size = ${size}`);
    db.exec('VACUUM');
  } catch (err) {
    // Not the damaged-file message: its advice, restoring a backup, would lose what came after it.
    throw new MigrationError(
      `Không chuyển được cơ sở dữ liệu sang trang ${size} byte (${(err as Error).message}). Dữ liệu vẫn nguyên vẹn. Hãy kiểm tra chỗ trống trên đĩa (cần khoảng bằng cỡ tệp) và không có chương trình nào khác mở tệp, rồi khởi động lại Tiếp Sức.`,
    );
  }
}

function damaged(file: string, detail: string): string {
  const dir = backupsDir(path.dirname(file));
  const newest = listBackups(dir)[0];
  const backup = newest
    ? `Bản sao lưu tốt gần nhất: ${path.join(dir, newest)} (lúc ${statSync(path.join(dir, newest)).mtime.toLocaleString('vi-VN')}).`
    : `Không có bản sao lưu nào trong ${dir}.`;
  return `Cơ sở dữ liệu ${file} bị hỏng hoặc không đọc được (${detail}). ${backup} Dừng Tiếp Sức rồi chạy "npm run restore" để khôi phục bản sao lưu tốt gần nhất (hoặc "npm run restore -- TỆP" cho một bản chọn).`;
}

export const databaseFile = (dataDir: string) => path.join(dataDir, 'tiepsuc.sqlite');

/**
 * Runs bookkeeping whose loss in a power cut costs little (a print job's status: at worst a
 * ticket prints again) without waiting for the disk: a commit that survives a crash of the
 * process, and reaches the disk with the next durable commit. Tickets never go through here.
 */
export function relaxed<T>(db: Db, work: () => T): T {
  if (db.inTransaction) return work();
  db.pragma('synchronous = NORMAL');
  try {
    return work();
  } finally {
    db.pragma('synchronous = FULL');
  }
}

const runners = new WeakMap<Db, (work: () => unknown) => unknown>();

/**
 * Runs `work` in a transaction, or in a savepoint inside one already open. better-sqlite3's
 * `db.transaction(fn)` builds four wrappers of `fn` and defines twenty properties on them: built
 * for each use, that was 40 µs of a kiosk tap (twice: the batch and the ticket's savepoint). So
 * one runner is built per database and given the work.
 */
export function atomically<T>(db: Db, work: () => T): T {
  let run = runners.get(db);
  if (!run) {
    run = db.transaction((w: () => unknown) => w());
    runners.set(db, run);
  }
  return run(work) as T;
}
