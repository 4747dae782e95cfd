import type { AuditEntry } from '../../contract/setup.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { Where } from '../db/where.js';
import type { Actor } from './actor.js';

export interface AuditFilter {
  username?: string;
  action?: string;
  /** Epoch milliseconds, from included, to excluded. */
  from?: number;
  to?: number;
  limit: number;
}

/** Every privileged action, who did it, when and from where; the table refuses edits. */
export function auditLog(db: Db, clock: Clock) {
  const insert = db.prepare(
    'INSERT INTO audit_log (at, account_id, username, action, detail, ip) VALUES (?, ?, ?, ?, ?, ?)',
  );
  return {
    record(actor: Actor, action: string, detail: Record<string, unknown> = {}): void {
      insert.run(clock.now(), actor.accountId, actor.username, action, JSON.stringify(detail), actor.ip);
    },
    /** Newest first, narrowed by who, by what (an action or its family, `intake.`) and by when. */
    search(filter: AuditFilter): AuditEntry[] {
      const where = new Where();
      if (filter.username) where.and('username = ?', filter.username);
      if (filter.action) {
        const family = `${filter.action.replace(/[\\%_]/g, '\\$&')}.%`;
        where.and("(action = ? OR action LIKE ? ESCAPE '\\')", filter.action, family);
      }
      if (filter.from !== undefined) where.and('at >= ?', filter.from);
      if (filter.to !== undefined) where.and('at < ?', filter.to);
      const rows = db
        .prepare(
          `SELECT id, at, username, action, detail, ip FROM audit_log
           ${where} ORDER BY id DESC LIMIT ?`,
        )
        .all(...where.args, filter.limit) as {
        id: number;
        at: number;
        username: string | null;
        action: string;
        detail: string | null;
        ip: string | null;
      }[];
      return rows.map((r) => ({
        id: r.id,
        at: new Date(r.at).toISOString(),
        username: r.username,
        action: r.action,
        detail: r.detail === null ? null : JSON.parse(r.detail),
        ip: r.ip,
      }));
    },
  };
}

export type AuditLog = ReturnType<typeof auditLog>;
