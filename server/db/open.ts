import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrate.js';

export type Db = Database.Database;

/**
 * Opens the appliance database durably: WAL so displays can read while a kiosk writes,
 * `synchronous=FULL` so an acknowledged ticket survives a power cut, not just a crash.
 */
export function openDatabase(file: string): Db {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
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
