import { describe, expect, it } from 'vitest';
import { duration, formalTime, localMoment, localStamp, vietnameseDate } from '../../contract/format.js';

const TZ = 'Asia/Ho_Chi_Minh';

describe('wording of times', () => {
  it('writes a moment in the center’s time zone, not the machine’s', () => {
    const at = Date.parse('2026-11-22T02:41:00Z');
    expect(localMoment(at, TZ)).toEqual({ clock: '09:41', date: '22/11/2026' });
    expect(localStamp('2026-11-22T02:41:00Z', TZ)).toBe('09:41 22/11/2026');
    expect(formalTime(at, TZ)).toBe('09 giờ 41 phút, ngày 22 tháng 11 năm 2026');
  });

  it('counts hours from 00 after midnight, and the date turns with the local day', () => {
    const at = Date.parse('2026-11-22T17:05:00Z');
    expect(localMoment(at, TZ)).toEqual({ clock: '00:05', date: '23/11/2026' });
  });

  it('writes days below 10 and months below 3 with a 0, as Decree 30 asks', () => {
    expect(vietnameseDate(Date.parse('2026-02-05T03:00:00Z'), TZ)).toBe('ngày 05 tháng 02 năm 2026');
    expect(vietnameseDate(Date.parse('2026-11-05T03:00:00Z'), TZ)).toBe('ngày 05 tháng 11 năm 2026');
  });

  it('says a duration in hours and minutes', () => {
    expect(duration(20_000)).toBe('dưới 1 phút');
    expect(duration(45 * 60_000)).toBe('45 phút');
    expect(duration(125 * 60_000)).toBe('2 giờ 05 phút');
    expect(duration(120 * 60_000)).toBe('2 giờ');
  });
});
