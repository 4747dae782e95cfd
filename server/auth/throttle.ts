import { DAY_MS } from '../day.js';
import type { Db } from '../db/open.js';
import { ANYWHERE, type Attempt, afterFailure, isLocked, type Throttle, UNTIL_UNLOCKED } from './lockout.js';

interface ThrottleRow {
  failures: number;
  locked_until: number | null;
  last_failure_at: number;
}

const throttleOf = (r: ThrottleRow | undefined): Throttle | undefined =>
  r && { failures: r.failures, lockedUntil: r.locked_until, lastFailureAt: r.last_failure_at };

/** The failed-login counts in SQLite: one row per username as typed and source, plus '*'. */
export function loginThrottle(db: Db) {
  const q = {
    get: db.prepare<[string, string], ThrottleRow>(
      'SELECT failures, locked_until, last_failure_at FROM login_throttle WHERE username = ? AND source = ?',
    ),
    put: db.prepare(
      `INSERT INTO login_throttle (username, source, failures, locked_until, last_failure_at)
       VALUES (@username, @source, @failures, @lockedUntil, @lastFailureAt)
       ON CONFLICT (username, source) DO UPDATE SET failures = excluded.failures,
         locked_until = excluded.locked_until, last_failure_at = excluded.last_failure_at`,
    ),
    clear: db.prepare('DELETE FROM login_throttle WHERE username = ? AND source IN (?, ?)'),
    unlock: db.prepare('DELETE FROM login_throttle WHERE username = ?'),
    locks: db.prepare<[string, number], { locked_until: number }>(
      'SELECT locked_until FROM login_throttle WHERE username = ? AND locked_until > ?',
    ),
    // Counts of typed usernames nobody has tried for a day, unless still locked.
    prune: db.prepare(
      'DELETE FROM login_throttle WHERE last_failure_at < ? AND (locked_until IS NULL OR locked_until < ?)',
    ),
  };

  return {
    /**
     * Counts one attempt as a failure before its secret is checked, in one transaction, so a
     * burst cannot all be checked against a stale count: refused when either count is locked.
     */
    reserve: db.transaction((username: string, source: string, now: number): Attempt => {
      const here = throttleOf(q.get.get(username, source));
      const anywhere = throttleOf(q.get.get(username, ANYWHERE));
      if (isLocked(anywhere, now)) return { refused: true, scope: 'account' };
      if (isLocked(here, now)) return { refused: true, scope: 'source' };
      const nextHere = afterFailure(here, now, false);
      const nextAnywhere = afterFailure(anywhere, now, true);
      q.put.run({ username, source, ...nextHere });
      q.put.run({ username, source: ANYWHERE, ...nextAnywhere });
      q.prune.run(now - DAY_MS, now);
      const locks: ('source' | 'account')[] = [];
      if (nextHere.lockedUntil !== null) locks.push('source');
      if (nextAnywhere.lockedUntil !== null) locks.push('account');
      return { refused: false, sourceFailures: nextHere.failures, locks };
    }),
    /** The right secret: what this source and everyone counted against the username is forgiven. */
    succeeded(username: string, source: string): void {
      q.clear.run(username, source, ANYWHERE);
    },
    unlock(username: string): void {
      q.unlock.run(username);
    },
    /** Whether the username is locked anywhere, and until when (null: until a technician unlocks). */
    lockOf(username: string, now: number): { locked: boolean; until: number | null } {
      const until = q.locks.all(username, now).map((r) => r.locked_until);
      if (until.length === 0) return { locked: false, until: null };
      const last = Math.max(...until);
      return { locked: true, until: last === UNTIL_UNLOCKED ? null : last };
    },
  };
}

export type LoginThrottle = ReturnType<typeof loginThrottle>;
