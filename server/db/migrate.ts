import type Database from 'better-sqlite3';
import { migrations } from './migrations.js';

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/**
 * Applies the numbered migrations not yet applied, each in its own transaction. The applied
 * ids must be a prefix of the known ones: a database written by a newer or different build
 * stops startup instead of being half-understood.
 */
export function migrate(db: Database.Database, known = migrations): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = db.prepare('SELECT id, name FROM schema_migrations ORDER BY id').all() as {
    id: number;
    name: string;
  }[];
  applied.forEach((row, i) => {
    const expected = known[i];
    if (!expected || expected.id !== row.id || expected.name !== row.name) {
      throw new MigrationError(
        `Cơ sở dữ liệu có bản cập nhật ${row.id} "${row.name}" mà phiên bản này không biết; hãy dùng đúng phiên bản phần mềm.`,
      );
    }
  });
  const record = db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)');
  for (const m of known.slice(applied.length)) {
    try {
      db.transaction(() => {
        db.exec(m.sql);
        record.run(m.id, m.name, new Date().toISOString());
      })();
    } catch (error) {
      throw new MigrationError(
        `Không áp dụng được bản cập nhật ${m.id} "${m.name}": ${(error as Error).message}`,
      );
    }
  }
}
