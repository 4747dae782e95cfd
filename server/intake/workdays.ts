import { getSolarDate } from '@dqcai/vn-lunar';
import { DAY_MS } from '../day.js';

/** A local date, `YYYY-MM-DD`. */
export type Day = string;

export interface DayOff {
  date: Day;
  name: string;
}

/** A year's schedule as the government announced it: extra days off and working Saturdays. */
export interface Override {
  date: Day;
  kind: 'off' | 'work';
  note: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const dayOf = (y: number, m: number, d: number): Day => `${y}-${pad(m)}-${pad(d)}`;
const utc = (day: Day) => Date.parse(`${day}T00:00:00Z`);
const fromUtc = (ms: number): Day => new Date(ms).toISOString().slice(0, 10);

export const addDays = (day: Day, n: number): Day => fromUtc(utc(day) + n * DAY_MS);
export const isWeekend = (day: Day) => {
  const w = new Date(utc(day)).getUTCDay();
  return w === 0 || w === 6;
};

/** A lunar date of `year` as a solar day, by the Vietnamese calendar (UTC+7). */
function lunar(day: number, month: number, year: number): Day {
  const s = getSolarDate(day, month, year);
  return dayOf(s.year, s.month, s.day);
}

/**
 * The public holidays of the Labour Code (2019, art. 112) for `year`, with Vietnamese Culture
 * Day (24 November) from 2026, and a day in lieu on the next working day for each that falls
 * on a weekend. Tết is the last day of the lunar year and the first four of the new one, and
 * National Day is 2 September with the day before, as the government has mostly set them; a
 * technician enters each year's announced schedule as overrides.
 */
export function holidays(year: number): DayOff[] {
  const tet = lunar(1, 1, year);
  const list: DayOff[] = [
    { date: dayOf(year, 1, 1), name: 'Tết Dương lịch' },
    ...[-1, 0, 1, 2, 3].map((n) => ({ date: addDays(tet, n), name: 'Tết Nguyên đán' })),
    { date: lunar(10, 3, year), name: 'Giỗ Tổ Hùng Vương' },
    { date: dayOf(year, 4, 30), name: 'Ngày Chiến thắng' },
    { date: dayOf(year, 5, 1), name: 'Ngày Quốc tế Lao động' },
    { date: dayOf(year, 9, 1), name: 'Quốc khánh' },
    { date: dayOf(year, 9, 2), name: 'Quốc khánh' },
    ...(year >= 2026 ? [{ date: dayOf(year, 11, 24), name: 'Ngày Văn hóa Việt Nam' }] : []),
  ].sort((a, b) => a.date.localeCompare(b.date));
  const taken = new Set(list.map((h) => h.date));
  const inLieu: DayOff[] = [];
  for (const h of list) {
    if (!isWeekend(h.date)) continue;
    let d = addDays(h.date, 1);
    while (isWeekend(d) || taken.has(d)) d = addDays(d, 1);
    taken.add(d);
    inLieu.push({ date: d, name: `Nghỉ bù ${h.name}` });
  }
  return [...list, ...inLieu].sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * Working days as a commune office keeps them: Monday to Friday, less the public holidays and
 * days in lieu, with the year's announced schedule (days off moved, Saturdays worked) on top.
 */
export class WorkCalendar {
  readonly #overrides: Map<Day, Override>;
  readonly #years = new Map<number, Map<Day, string>>();

  constructor(overrides: Override[]) {
    this.#overrides = new Map(overrides.map((o) => [o.date, o]));
  }

  #holiday(day: Day): string | undefined {
    const year = Number(day.slice(0, 4));
    let days = this.#years.get(year);
    if (!days) {
      days = new Map(holidays(year).map((h) => [h.date, h.name]));
      this.#years.set(year, days);
    }
    return days.get(day);
  }

  /** Why `day` is not worked, or null when it is. */
  offBecause(day: Day): string | null {
    const o = this.#overrides.get(day);
    if (o) return o.kind === 'work' ? null : o.note || 'Nghỉ theo lịch công bố';
    return this.#holiday(day) ?? (isWeekend(day) ? 'Nghỉ cuối tuần' : null);
  }

  /** Why the day is off as opening hours see it: a holiday (or announced day off), a weekend, or not. */
  dayOff(day: Day): 'holiday' | 'weekend' | null {
    const o = this.#overrides.get(day);
    if (o) return o.kind === 'work' ? null : 'holiday';
    return this.#holiday(day) ? 'holiday' : isWeekend(day) ? 'weekend' : null;
  }

  isWorkingDay(day: Day): boolean {
    return this.offBecause(day) === null;
  }

  /** The `n`th working day after `day` (`n` ≥ 1); for 0, `day` itself if worked, else the next. */
  addWorkingDays(day: Day, n: number): Day {
    let d = day;
    if (n === 0) {
      while (!this.isWorkingDay(d)) d = addDays(d, 1);
      return d;
    }
    for (let left = n; left > 0; ) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /** Every day of `year` not worked on a weekday, and every Saturday or Sunday worked. */
  schedule(year: number): { date: Day; off: boolean; reason: string; announced: boolean }[] {
    const out: { date: Day; off: boolean; reason: string; announced: boolean }[] = [];
    for (let d = dayOf(year, 1, 1); d.startsWith(String(year)); d = addDays(d, 1)) {
      const reason = this.offBecause(d);
      const announced = this.#overrides.has(d);
      if (isWeekend(d) ? reason === null : reason !== null) {
        out.push({
          date: d,
          off: reason !== null,
          reason: reason ?? this.#overrides.get(d)?.note ?? 'Làm bù',
          announced,
        });
      }
    }
    return out;
  }
}

/** 2026 as the government announced it: the swaps around New Year and National Day. */
export const ANNOUNCED_2026: Override[] = [
  { date: '2026-01-02', kind: 'off', note: 'Nghỉ Tết Dương lịch (hoán đổi, làm bù thứ Bảy 10/01)' },
  { date: '2026-01-10', kind: 'work', note: 'Làm bù cho ngày nghỉ 02/01' },
  { date: '2026-08-22', kind: 'work', note: 'Làm bù cho ngày nghỉ 31/08' },
  { date: '2026-08-31', kind: 'off', note: 'Nghỉ Quốc khánh (hoán đổi, làm bù thứ Bảy 22/08)' },
];
