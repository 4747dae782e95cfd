import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MigrationError, migrate } from '../../server/db/migrate.js';
import { migrations } from '../../server/db/migrations.js';
import { openDatabase } from '../../server/db/open.js';
import { tempDir } from '../helpers/temp.js';

const temp = tempDir();
afterEach(() => temp.remove());

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
