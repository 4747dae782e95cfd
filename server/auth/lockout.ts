/**
 * Plan 2.2, login errors. Failures are counted for the username as typed, whether or not an
 * account has it (so the answers tell nothing about which usernames exist): five from one
 * source address lock that address out of it for fifteen minutes; twenty from anywhere lock
 * it until a technician unlocks. Each attempt is counted before its secret is checked.
 */
export const SOURCE_LIMIT = 5;
export const ANYWHERE_LIMIT = 20;
export const LOCK_MS = 15 * 60_000;
/** The source of the count kept across all addresses. */
export const ANYWHERE = '*';
/** A lock lifted only by a technician. */
export const UNTIL_UNLOCKED = Number.MAX_SAFE_INTEGER;

export interface Throttle {
  failures: number;
  lockedUntil: number | null;
  lastFailureAt: number;
}

export const isLocked = (t: Throttle | undefined, now: number) =>
  t !== undefined && t.lockedUntil !== null && t.lockedUntil > now;

/**
 * One more failure from a source (or from anywhere). A source's old failures are forgotten
 * once its lock has run out or a lock's length has passed since the last one.
 */
export function afterFailure(t: Throttle | undefined, now: number, anywhere: boolean): Throttle {
  const stale =
    !anywhere &&
    t !== undefined &&
    (t.lockedUntil !== null ? t.lockedUntil <= now : now - t.lastFailureAt >= LOCK_MS);
  const failures = (t === undefined || stale ? 0 : t.failures) + 1;
  const limit = anywhere ? ANYWHERE_LIMIT : SOURCE_LIMIT;
  const lockedUntil = failures >= limit ? (anywhere ? UNTIL_UNLOCKED : now + LOCK_MS) : null;
  return { failures, lockedUntil, lastFailureAt: now };
}

/** What an attempt was allowed: refused outright (locked), or checked with this many failures counted. */
export type Attempt =
  | { refused: true; scope: 'source' | 'account' }
  | { refused: false; sourceFailures: number; locks: ('source' | 'account')[] };

/**
 * The one answer to a failed login, from the counts alone: the same for a username that does
 * not exist, a wrong secret and a lock, so only what the caller typed shapes it.
 */
export function failedLoginMessage(attempt: Attempt): string {
  const scope = attempt.refused
    ? attempt.scope
    : attempt.locks.includes('account')
      ? 'account'
      : attempt.locks[0];
  if (scope === 'account') {
    return 'Đăng nhập bị khóa vì nhập sai quá nhiều lần; nhờ cán bộ CNTT mở khóa.';
  }
  if (scope === 'source') {
    return 'Nhập sai 5 lần: đăng nhập từ máy này tạm khóa 15 phút. Nhờ cán bộ CNTT mở khóa nếu cần gấp.';
  }
  const left = SOURCE_LIMIT - (attempt.refused ? SOURCE_LIMIT : attempt.sourceFailures);
  return left <= 2
    ? `Sai tên đăng nhập hoặc mật khẩu. Còn ${left} lần thử, sau đó đăng nhập từ máy này tạm khóa 15 phút.`
    : 'Sai tên đăng nhập hoặc mật khẩu.';
}
