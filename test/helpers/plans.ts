import type { Db } from '../../server/db/open.js';

/** The SQL of every statement `make` prepares on `db`. */
export function preparedBy(db: Db, make: () => void): string[] {
  const seen: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    seen.push(sql);
    return prepare(sql);
  }) as typeof db.prepare;
  try {
    make();
  } finally {
    db.prepare = prepare;
  }
  return seen;
}

/** SQLite's plan for `sql`, its parameters standing in as literals (a plan needs no values). */
export const planOf = (db: Db, sql: string) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql.replace(/\?|@\w+/g, '1')}`).all() as { detail: string }[])
    .map((r) => r.detail)
    .join(' | ');
