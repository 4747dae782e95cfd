import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Statement } from 'better-sqlite3';
import type { AccountView } from '../../contract/screen.js';
import type { Clock } from '../clock.js';
import { atomically, type Db } from '../db/open.js';
import { AppError, badRequest, conflict, notFound } from '../errors.js';
import type { DomainBus } from '../events.js';
import type { Actor } from './actor.js';
import type { AuditLog } from './audit.js';
import { failedLoginMessage } from './lockout.js';
import { decoyHash, derivationMs, hashSecret, verifySecret } from './passwords.js';
import { type Role, secretProblem } from './roles.js';
import { type LoginThrottle, loginThrottle } from './throttle.js';

interface AccountRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string | null;
  active: number;
  must_change: number;
}

export type Account = AccountView;

/** A live session: its account, the stored hash of its token, and when it ends. */
export interface SessionInfo {
  account: Account;
  tokenHash: string;
  expiresAt: number;
}

export const SESSION_MS = 12 * 60 * 60_000;
/** Expired sessions are ended (and their screens and counters released) this often. */
const SESSION_SWEEP_MS = 60_000;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

export interface AccountsDeps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
  bus: DomainBus;
}

/**
 * Accounts, sessions and lockout. Session tokens are random and only their hashes are stored,
 * so a copy of the database cannot be used to log in.
 */
export class Accounts {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #audit: AuditLog;
  readonly #bus: DomainBus;
  readonly #throttle: LoginThrottle;
  /** Looked up on every staff request and socket: prepared once (a prepare costs 20 µs, a lookup 3). */
  readonly #bySession: Statement<[string, number], AccountRow & { session_expires_at: number }>;
  #setupToken: string | null = null;
  #sweep: NodeJS.Timeout | null = null;

  constructor(deps: AccountsDeps) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#audit = deps.audit;
    this.#bus = deps.bus;
    this.#throttle = loginThrottle(deps.db);
    this.#bySession = deps.db.prepare(
      `SELECT a.*, s.expires_at AS session_expires_at FROM sessions s JOIN accounts a ON a.id = s.account_id
       WHERE s.token_hash = ? AND s.expires_at > ? AND a.active = 1`,
    );
  }

  start(): void {
    this.#sweep = setInterval(() => this.endExpiredSessions(), SESSION_SWEEP_MS);
    this.#sweep.unref();
  }

  stop(): void {
    if (this.#sweep) clearInterval(this.#sweep);
  }

  /** Deletes sessions past their end and tells the modules that hold things for them. */
  endExpiredSessions(): void {
    const expired = this.#db
      .prepare('DELETE FROM sessions WHERE expires_at <= ? RETURNING account_id, token_hash')
      .all(this.#clock.now()) as { account_id: number; token_hash: string }[];
    for (const s of expired) {
      this.#bus.emit('auth.session_ended', {
        accountId: s.account_id,
        tokenHash: s.token_hash,
        reason: 'expired',
      });
    }
  }

  #row(where: 'id' | 'username', value: number | string): AccountRow | undefined {
    return this.#db.prepare(`SELECT * FROM accounts WHERE ${where} = ?`).get(value) as AccountRow | undefined;
  }

  #view(r: AccountRow): Account {
    const lock = this.#throttle.lockOf(r.username, this.#clock.now());
    return {
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      role: r.role,
      locked: lock.locked,
      lockedUntil: lock.until === null ? null : new Date(lock.until).toISOString(),
      active: r.active === 1,
      hasPassword: r.password_hash !== null,
      mustChange: r.must_change === 1,
    };
  }

  /**
   * Checks a username and secret. Every attempt is counted before its secret is checked, and
   * every answer (unknown username, wrong secret, locked) has the same status, its message
   * shaped only by the counts of what was typed, and takes at least as long as checking a
   * secret: neither the answer nor its time tells which usernames exist.
   */
  async login(username: string, secret: string, ip: string): Promise<{ account: Account; token: string }> {
    const started = performance.now();
    const typed = username.trim();
    const now = this.#clock.now();
    const attempt = this.#throttle.reserve(typed, ip, now);
    const row = this.#row('username', typed);
    const actor: Actor = { accountId: row?.id ?? null, username: typed, ip };
    let ok = false;
    if (!attempt.refused) {
      const hash = row?.active === 1 && row.password_hash ? row.password_hash : null;
      // Unknown and disabled accounts are checked against a decoy, so they take as long.
      const matches = await verifySecret(secret, hash ?? (await decoyHash));
      ok = hash !== null && matches;
    }
    if (ok && row) {
      this.#throttle.succeeded(typed, ip);
      const token = randomBytes(32).toString('base64url');
      this.#db
        .prepare(
          'INSERT INTO sessions (token_hash, account_id, created_at, expires_at, ip) VALUES (?, ?, ?, ?, ?)',
        )
        .run(tokenHash(token), row.id, now, now + SESSION_MS, ip);
      this.#audit.record(actor, 'auth.login');
      await this.#evenly(started);
      return { account: this.#view(row), token };
    }
    this.#failed(actor, row, attempt);
    await this.#evenly(started);
    throw new AppError(401, 'invalid_credentials', failedLoginMessage(attempt));
  }

  /** Pads an answer to a little over the time a secret check takes, whether one ran or not. */
  async #evenly(started: number): Promise<void> {
    const left = Math.max(200, derivationMs() * 1.5) - (performance.now() - started);
    if (left > 0) await sleep(left);
  }

  #failed(
    actor: Actor,
    row: AccountRow | undefined,
    attempt: Parameters<typeof failedLoginMessage>[0],
  ): void {
    const locks = attempt.refused ? [] : attempt.locks;
    this.#audit.record(
      actor,
      attempt.refused ? 'auth.login_refused' : locks.length > 0 ? 'auth.locked' : 'auth.login_failed',
      {
        ...(row ? {} : { unknownUser: true }),
        ...(locks.length > 0 ? { locks } : {}),
      },
    );
    if (!row) return;
    const lock = this.#throttle.lockOf(row.username, this.#clock.now());
    for (const scope of locks) {
      this.#bus.emit('auth.locked', {
        accountId: row.id,
        username: row.username,
        scope,
        ip: actor.ip,
        until: lock.until,
      });
    }
    // Locked from anywhere: whoever is working under this account is signed out too.
    if (locks.includes('account')) {
      this.#db.prepare('DELETE FROM sessions WHERE account_id = ?').run(row.id);
      this.#bus.emit('auth.session_ended', { accountId: row.id, tokenHash: null, reason: 'locked' });
    }
  }

  /** The account behind a session token, or null when it is unknown, expired or disabled. */
  session(token: string | undefined): Account | null {
    return this.sessionInfo(token)?.account ?? null;
  }

  sessionInfo(token: string | undefined): SessionInfo | null {
    if (!token) return null;
    const hash = tokenHash(token);
    const row = this.#bySession.get(hash, this.#clock.now());
    return row ? { account: this.#view(row), tokenHash: hash, expiresAt: row.session_expires_at } : null;
  }

  logout(token: string, actor: Actor): void {
    const hash = tokenHash(token);
    this.#db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hash);
    this.#audit.record(actor, 'auth.logout');
    if (actor.accountId !== null) {
      this.#bus.emit('auth.session_ended', { accountId: actor.accountId, tokenHash: hash, reason: 'logout' });
    }
  }

  list(): Account[] {
    return (this.#db.prepare('SELECT * FROM accounts ORDER BY username').all() as AccountRow[]).map((r) =>
      this.#view(r),
    );
  }

  async create(
    actor: Actor,
    input: { username: string; displayName: string; role: Role; password: string },
  ): Promise<Account> {
    const username = input.username.trim();
    if (!/^[a-zA-Z0-9._-]{2,32}$/.test(username)) {
      throw badRequest(
        'invalid_username',
        'Tên đăng nhập gồm 2–32 chữ cái không dấu, chữ số, dấu chấm, gạch.',
      );
    }
    const problem = secretProblem(input.role, input.password);
    if (problem) throw badRequest('weak_password', problem);
    if (this.#row('username', username))
      throw conflict('username_taken', `Tên đăng nhập "${username}" đã có.`);
    const hash = await hashSecret(input.password);
    const { id } = this.#db
      .prepare(
        `INSERT INTO accounts (username, display_name, role, password_hash, created_at, must_change)
         VALUES (?, ?, ?, ?, ?, 1) RETURNING id`,
      )
      .get(username, input.displayName.trim(), input.role, hash, this.#clock.now()) as { id: number };
    this.#audit.record(actor, 'account.create', { username, role: input.role });
    return this.#view(this.#row('id', id) as AccountRow);
  }

  unlock(actor: Actor, id: number): Account {
    const row = this.#existing(id);
    this.#throttle.unlock(row.username);
    this.#audit.record(actor, 'account.unlock', { username: row.username });
    return this.#view(this.#row('id', id) as AccountRow);
  }

  /** Sets a new secret, unlocks, and ends the account's sessions everywhere. */
  async resetPassword(actor: Actor, id: number, password: string): Promise<Account> {
    const row = this.#existing(id);
    const problem = secretProblem(row.role, password);
    if (problem) throw badRequest('weak_password', problem);
    const hash = await hashSecret(password);
    atomically(this.#db, () => {
      this.#db.prepare('UPDATE accounts SET password_hash = ?, must_change = 1 WHERE id = ?').run(hash, id);
      this.#db.prepare('DELETE FROM sessions WHERE account_id = ?').run(id);
    });
    this.#throttle.unlock(row.username);
    this.#audit.record(actor, 'account.reset_password', { username: row.username });
    this.#bus.emit('auth.session_ended', { accountId: id, tokenHash: null, reason: 'secret_changed' });
    return this.#view(this.#row('id', id) as AccountRow);
  }

  /**
   * The owner sets their own secret, proving the current one: clears the change asked at a
   * first login, and ends the account's other sessions (whoever else knew the old secret).
   */
  async changeOwnSecret(actor: Actor, id: number, current: string, next: string): Promise<Account> {
    const row = this.#existing(id);
    if (!row.password_hash || !(await verifySecret(current, row.password_hash)))
      throw badRequest('wrong_secret', 'Mật khẩu (PIN) hiện tại không đúng.');
    if (next === current) throw badRequest('same_secret', 'Mật khẩu (PIN) mới phải khác mật khẩu hiện tại.');
    const problem = secretProblem(row.role, next);
    if (problem) throw badRequest('weak_password', problem);
    const hash = await hashSecret(next);
    atomically(this.#db, () => {
      this.#db.prepare('UPDATE accounts SET password_hash = ?, must_change = 0 WHERE id = ?').run(hash, id);
      this.#db
        .prepare('DELETE FROM sessions WHERE account_id = ? AND token_hash IS NOT ?')
        .run(id, actor.session ?? null);
    });
    this.#audit.record(actor, 'account.change_secret', { username: row.username });
    return this.#view(this.#row('id', id) as AccountRow);
  }

  setActive(actor: Actor, id: number, active: boolean): Account {
    const row = this.#existing(id);
    if (!active && row.id === actor.accountId) {
      throw conflict('self_disable', 'Không thể tự khóa tài khoản của chính mình.');
    }
    atomically(this.#db, () => {
      this.#db.prepare('UPDATE accounts SET active = ? WHERE id = ?').run(active ? 1 : 0, id);
      if (!active) this.#db.prepare('DELETE FROM sessions WHERE account_id = ?').run(id);
    });
    this.#audit.record(actor, active ? 'account.enable' : 'account.disable', { username: row.username });
    if (!active) this.#bus.emit('auth.session_ended', { accountId: id, tokenHash: null, reason: 'disabled' });
    return this.#view(this.#row('id', id) as AccountRow);
  }

  #existing(id: number): AccountRow {
    const row = this.#row('id', id);
    if (!row) throw notFound(`tài khoản ${id}`);
    return row;
  }

  /**
   * The first technician, `admin`. With `TIEPSUC_ADMIN_PASSWORD` it gets that password; without
   * it, an account with no password gets a one-time setup token, new at every start.
   */
  async ensureAdmin(password: string | undefined): Promise<string | null> {
    let row = this.#row('username', 'admin');
    if (!row) {
      this.#db
        .prepare(
          `INSERT INTO accounts (username, display_name, role, password_hash, created_at)
           VALUES ('admin', 'Quản trị', 'technician', NULL, ?)`,
        )
        .run(this.#clock.now());
      row = this.#row('username', 'admin') as AccountRow;
    }
    if (row.password_hash) return null;
    if (password) {
      const problem = secretProblem('technician', password);
      if (problem) throw badRequest('weak_password', `TIEPSUC_ADMIN_PASSWORD: ${problem}`);
      this.#db
        .prepare('UPDATE accounts SET password_hash = ? WHERE id = ?')
        .run(await hashSecret(password), row.id);
      this.#audit.record({ accountId: row.id, username: 'admin', ip: null }, 'account.admin_from_env');
      return null;
    }
    this.#setupToken = randomBytes(24).toString('base64url');
    return this.#setupToken;
  }

  async completeSetup(token: string, password: string, ip: string): Promise<Account> {
    const row = this.#row('username', 'admin');
    if (!this.#setupToken || !row || row.password_hash || !sameSecret(token, this.#setupToken)) {
      throw new AppError(403, 'setup_invalid', 'Liên kết cài đặt không đúng hoặc đã được dùng.');
    }
    const problem = secretProblem('technician', password);
    if (problem) throw badRequest('weak_password', problem);
    this.#db
      .prepare('UPDATE accounts SET password_hash = ? WHERE id = ?')
      .run(await hashSecret(password), row.id);
    this.#setupToken = null;
    this.#audit.record({ accountId: row.id, username: 'admin', ip }, 'account.admin_setup');
    return this.#view(this.#row('id', row.id) as AccountRow);
  }
}

/** Compares two secrets in constant time: their hashes are compared, whatever their lengths. */
function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}
