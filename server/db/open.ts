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
