/** Plan 2.2: five wrong tries in a row lock the account for fifteen minutes. */
export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;

export interface LockState {
  failedAttempts: number;
  lockedUntil: number | null;
}

export const isLocked = (s: LockState, now: number) => s.lockedUntil !== null && s.lockedUntil > now;

/** Called only for an account that is not locked: a locked one is refused before any check. */
export function afterFailure(s: LockState, now: number): LockState {
  const failedAttempts = s.failedAttempts + 1;
  return failedAttempts >= MAX_FAILURES
    ? { failedAttempts: 0, lockedUntil: now + LOCK_MS }
    : { failedAttempts, lockedUntil: null };
}

export const afterSuccess = (): LockState => ({ failedAttempts: 0, lockedUntil: null });
