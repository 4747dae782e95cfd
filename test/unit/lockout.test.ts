import { describe, expect, it } from 'vitest';
import { afterFailure, afterSuccess, isLocked, LOCK_MS } from '../../server/auth/lockout.js';

describe('lockout', () => {
  it('locks for fifteen minutes on the fifth failure in a row', () => {
    let s = afterSuccess();
    for (let i = 0; i < 4; i++) s = afterFailure(s, 1000);
    expect(isLocked(s, 1000)).toBe(false);
    s = afterFailure(s, 1000);
    expect(isLocked(s, 1000)).toBe(true);
    expect(isLocked(s, 1000 + LOCK_MS - 1)).toBe(true);
    expect(isLocked(s, 1000 + LOCK_MS)).toBe(false);
  });

  it('starts counting again after a success', () => {
    let s = afterSuccess();
    for (let i = 0; i < 4; i++) s = afterFailure(s, 0);
    s = afterSuccess();
    s = afterFailure(s, 0);
    expect(s.failedAttempts).toBe(1);
    expect(isLocked(s, 0)).toBe(false);
  });
});
