import { describe, expect, it } from 'vitest';
import { businessDay, localTime } from '../../server/day.js';

const vn = { timezone: 'Asia/Ho_Chi_Minh', dayStartsAt: '00:00' };

describe('business day', () => {
  it('follows the center time zone, not UTC', () => {
    // 23:30 UTC on the 21st is 06:30 on the 22nd in Hà Nội (UTC+7).
    expect(businessDay(Date.parse('2026-11-21T23:30:00Z'), vn)).toBe('2026-11-22');
    expect(businessDay(Date.parse('2026-11-21T16:59:59Z'), vn)).toBe('2026-11-21');
    expect(businessDay(Date.parse('2026-11-21T17:00:00Z'), vn)).toBe('2026-11-22');
  });

  it('rolls over at the configured hour', () => {
    const rule = { timezone: 'Asia/Ho_Chi_Minh', dayStartsAt: '03:30' };
    // 03:29 local on the 22nd still belongs to the 21st.
    expect(businessDay(Date.parse('2026-11-21T20:29:00Z'), rule)).toBe('2026-11-21');
    expect(businessDay(Date.parse('2026-11-21T20:30:00Z'), rule)).toBe('2026-11-22');
  });

  it('formats local time', () => {
    expect(localTime(Date.parse('2026-01-01T01:02:03Z'), 'Asia/Ho_Chi_Minh')).toEqual({
      date: '2026-01-01',
      time: '08:02:03',
    });
  });
});
