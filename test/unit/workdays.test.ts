import { describe, expect, it } from 'vitest';
import { ANNOUNCED_2026, holidays, WorkCalendar } from '../../server/intake/workdays.js';

const calendar = new WorkCalendar(ANNOUNCED_2026);
const off = (year: number) =>
  calendar
    .schedule(year)
    .filter((d) => d.off)
    .map((d) => d.date);
const worked = (year: number) =>
  calendar
    .schedule(year)
    .filter((d) => !d.off)
    .map((d) => d.date);

describe('the working-day calendar', () => {
  it('gives 2026 as the government announced it', () => {
    expect(off(2026)).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
      '2026-08-31',
      '2026-09-01',
      '2026-09-02',
      '2026-11-24',
    ]);
    expect(worked(2026)).toEqual(['2026-01-10', '2026-08-22']);
    expect(calendar.offBecause('2026-04-27')).toBe('Nghỉ bù Giỗ Tổ Hùng Vương');
    expect(calendar.offBecause('2026-11-24')).toBe('Ngày Văn hóa Việt Nam');
  });

  it('computes later years from the rules with the Vietnamese lunar calendar', () => {
    const h2027 = holidays(2027);
    const named = (name: string) => h2027.filter((h) => h.name === name).map((h) => h.date);
    // Tết 2027 falls on Saturday 6 February: the last day of the year and four days of the new.
    expect(named('Tết Nguyên đán')).toEqual([
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
    ]);
    expect(named('Nghỉ bù Tết Nguyên đán')).toEqual(['2027-02-10', '2027-02-11']);
    // 10th of the 3rd lunar month, 2027: Friday 16 April.
    expect(named('Giỗ Tổ Hùng Vương')).toEqual(['2027-04-16']);
    // Vietnamese, not Chinese, lunar dates: Tết 2030 is 2 February in Vietnam (3 in China).
    expect(holidays(2030).find((h) => h.name === 'Tết Nguyên đán')?.date).toBe('2030-02-01');
  });

  it('counts working days after the day a dossier was received, skipping weekends and holidays', () => {
    // Friday 13 Feb 2026, 3 working days: Mon 16 – Fri 20 are Tết, so Wed 25 Feb.
    expect(calendar.addWorkingDays('2026-02-13', 3)).toBe('2026-02-25');
    expect(calendar.addWorkingDays('2026-02-13', 1)).toBe('2026-02-23');
    // Friday 9 Jan 2026, 1 day: Saturday 10 Jan is worked.
    expect(calendar.addWorkingDays('2026-01-09', 1)).toBe('2026-01-10');
    // Within the day on a holiday: the next working day.
    expect(calendar.addWorkingDays('2026-11-24', 0)).toBe('2026-11-25');
    expect(calendar.addWorkingDays('2026-11-23', 0)).toBe('2026-11-23');
  });

  it('lets a technician’s entries win over the rules', () => {
    const edited = new WorkCalendar([
      ...ANNOUNCED_2026,
      { date: '2027-02-11', kind: 'work', note: 'Làm việc theo lịch công bố' },
      { date: '2027-02-04', kind: 'off', note: 'Nghỉ Tết theo lịch công bố' },
    ]);
    expect(edited.isWorkingDay('2027-02-11')).toBe(true);
    expect(edited.offBecause('2027-02-04')).toBe('Nghỉ Tết theo lịch công bố');
  });
});
