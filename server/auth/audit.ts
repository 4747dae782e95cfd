import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import type { Actor } from './actor.js';

export interface AuditEntry {
  id: number;
  at: string;
  username: string | null;
  action: string;
  detail: unknown;
  ip: string | null;
}

/** Every privileged action, who did it, when and from where; the table refuses edits. */
export function auditLog(db: Db, clock: Clock) {
  const insert = db.prepare(
    'INSERT INTO audit_log (at, account_id, username, action, detail, ip) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const recent = db.prepare<
    [number],
    {
      id: number;
      at: number;
      username: string | null;
      action: string;
      detail: string | null;
      ip: string | null;
    }
  >('SELECT id, at, username, action, detail, ip FROM audit_log ORDER BY id DESC LIMIT ?');
  return {
    record(actor: Actor, action: string, detail: Record<string, unknown> = {}): void {
      insert.run(clock.now(), actor.accountId, actor.username, action, JSON.stringify(detail), actor.ip);
    },
    recent(limit: number): AuditEntry[] {
      return recent.all(limit).map((r) => ({
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
