import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  failedLoginMessage,
  isLocked,
  LOCK_MS,
  type Throttle,
  UNTIL_UNLOCKED,
} from '../../server/auth/lockout.js';

const fail = (times: number, now: number, anywhere = false, from?: Throttle) => {
  let t = from;
  for (let i = 0; i < times; i++) t = afterFailure(t, now, anywhere);
  return t as Throttle;
};

describe('lockout (plan 2.2)', () => {
  it('locks a source for fifteen minutes on its fifth failure', () => {
    expect(isLocked(fail(4, 1000), 1000)).toBe(false);
    const t = fail(5, 1000);
    expect(isLocked(t, 1000 + LOCK_MS - 1)).toBe(true);
    expect(isLocked(t, 1000 + LOCK_MS)).toBe(false);
  });

  it('forgets a source’s failures when its lock runs out or fifteen minutes pass quietly', () => {
    expect(afterFailure(fail(5, 0), LOCK_MS, false).failures).toBe(1);
    expect(afterFailure(fail(3, 0), LOCK_MS, false).failures).toBe(1);
    expect(afterFailure(fail(3, 0), LOCK_MS - 1, false).failures).toBe(4);
  });

  it('locks from anywhere on the twentieth failure, until a technician unlocks', () => {
    expect(isLocked(fail(19, 0, true), 0)).toBe(false);
    const t = fail(20, 0, true);
    expect(t.lockedUntil).toBe(UNTIL_UNLOCKED);
    expect(isLocked(t, 10 * 365 * 86_400_000)).toBe(true);
  });

  it('words a failure from the counts alone, warning on the last two tries', () => {
    const checked = (sourceFailures: number) =>
      failedLoginMessage({ refused: false, sourceFailures, locks: [] });
    expect(checked(1)).toBe('Sai tên đăng nhập hoặc mật khẩu.');
    expect(checked(3)).toMatch(/Còn 2 lần thử/);
    expect(checked(4)).toMatch(/Còn 1 lần thử/);
    expect(failedLoginMessage({ refused: false, sourceFailures: 5, locks: ['source'] })).toMatch(
      /tạm khóa 15 phút/,
    );
    expect(failedLoginMessage({ refused: true, scope: 'source' })).toMatch(/tạm khóa 15 phút/);
    expect(failedLoginMessage({ refused: true, scope: 'account' })).toMatch(/cán bộ CNTT mở khóa/);
  });
});
