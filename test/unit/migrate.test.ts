import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MigrationError, migrate } from '../../server/db/migrate.js';
import { migrations } from '../../server/db/migrations.js';
import { openDatabase } from '../../server/db/open.js';
import { tempDir } from '../helpers/temp.js';

const temp = tempDir();
afterEach(() => temp.remove());

/** A database as builds before 1 KB pages made it, still empty. */
function madeWith4KbPages(name: string): { file: string; db: Database.Database } {
  mkdirSync(temp.dir, { recursive: true });
  const file = path.join(temp.dir, name);
  const db = new Database(file);
  db.pragma('page_size = 4096');
  return { file, db };
}

describe('migrations', () => {
  it('applies every migration once and opens durably', () => {
    const file = path.join(temp.dir, 'a.sqlite');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(db.prepare('SELECT id FROM schema_migrations ORDER BY id').all()).toEqual(
      migrations.map((m) => ({ id: m.id })),
    );
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    // 2 MB of page cache, not better-sqlite3's 16 MB, which stayed resident in the server.
    expect(db.pragma('cache_size', { simple: true })).toBe(-2000);
    // 1 KB pages: a tap logs 40 KB, not the 75 KB of 4 KB pages.
    expect(db.pragma('page_size', { simple: true })).toBe(1024);
    db.close();
  });

  it('rebuilds a database an earlier build made with 4 KB pages, losing nothing', () => {
    const { file, db: old } = madeWith4KbPages('old.sqlite');
    old.pragma('journal_mode = WAL');
    migrate(old);
    old.exec('CREATE TABLE kept (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
    old.exec(
      'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO kept (body) SELECT randomblob(300) FROM n',
    );
    const before = old
      .prepare('SELECT count(*) AS n, sum(length(body)) AS bytes, hex(max(body)) AS top FROM kept')
      .get();
    // Left in the log, not yet in the file: what a power cut leaves behind.
    old.pragma('wal_autocheckpoint = 0');
    old.prepare("INSERT INTO kept (body) VALUES (x'00')").run();
    expect(old.pragma('page_size', { simple: true })).toBe(4096);
    const copy = path.join(temp.dir, 'cut.sqlite');
    copyFileSync(file, copy);
    copyFileSync(`${file}-wal`, `${copy}-wal`);
    old.close();

    const db = openDatabase(copy);
    expect(db.pragma('page_size', { simple: true })).toBe(1024);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT count(*) AS n FROM kept').get()).toEqual({ n: 2001 });
    expect(
      db
        .prepare(
          'SELECT count(*) AS n, sum(length(body)) AS bytes, hex(max(body)) AS top FROM kept WHERE id <= 2000',
        )
        .get(),
    ).toEqual(before);
    expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: migrations.length });
    db.close();
    const again = openDatabase(copy);
    expect(again.pragma('page_size', { simple: true })).toBe(1024);
    again.close();
  });

  it('a rebuild that cannot run says so, not that the file is damaged, and runs at the next start', () => {
    const { file, db: old } = madeWith4KbPages('busy.sqlite');
    migrate(old);
    old.close();
    // Another program reading the file: the rebuild cannot take it.
    const reader = new Database(file, { readonly: true });
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM schema_migrations').get();
    expect(() => openDatabase(file)).toThrow(MigrationError);
    expect(() => openDatabase(file)).toThrow(/Dữ liệu vẫn nguyên vẹn/);
    reader.exec('COMMIT');
    reader.close();
    const db = openDatabase(file);
    expect(db.pragma('page_size', { simple: true })).toBe(1024);
    expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: migrations.length });
    db.close();
  });

  it('stops on a database from an unknown build', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.prepare("INSERT INTO schema_migrations VALUES (999, 'from the future', 'x')").run();
    expect(() => migrate(db)).toThrow(MigrationError);
  });

  it('rolls a failed migration back whole and stops', () => {
    const db = new Database(':memory:');
    const broken = [
      ...migrations,
      { id: 99, name: 'broken', sql: 'CREATE TABLE half (x); SELECT * FROM missing;' },
    ];
    expect(() => migrate(db, broken)).toThrow(/broken/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    expect(db.prepare('SELECT max(id) AS id FROM schema_migrations').get()).toEqual({
      id: migrations.length,
    });
  });
});
