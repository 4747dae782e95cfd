import type { SessionHours, WeekHours } from '../../contract/setup.js';
import { localTime, nextDay, startOfLocalDay } from '../day.js';

export interface ExtraSession {
  opensAt: number;
  closesAt: number;
  reason: string;
}

/** Why the Government's calendar takes a day off: a holiday closes even a Saturday with hours. */
export type DayOff = 'holiday' | 'weekend' | null;

export interface HoursRules {
  week: WeekHours;
  extras: readonly ExtraSession[];
  timezone: string;
  dayOff: (day: string) => DayOff;
}

export type Opening = { open: true; since: number; until: number } | { open: false; next: number | null };

/** How far ahead the next opening is looked for: past a Tết holiday and its weekends. */
const LOOKAHEAD_DAYS = 21;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** ISO weekday of a `YYYY-MM-DD`: 1 Monday … 7 Sunday. */
function weekday(day: string): number {
  return new Date(`${day}T12:00:00Z`).getUTCDay() || 7;
}

/** The sessions worked on a day, with their instants. */
export function sessionsOn(day: string, rules: HoursRules): { since: number; until: number }[] {
  const wd = weekday(day);
  const off = rules.dayOff(day);
  let hours: SessionHours[] = [];
  if (off === null && wd <= 6) {
    const own = rules.week[wd as 1 | 2 | 3 | 4 | 5 | 6] ?? [];
    // An announced working Saturday keeps a weekday's hours when Saturday has none of its own.
    hours = own.length > 0 || wd !== 6 ? own : (rules.week[1] ?? []);
  } else if (off === 'weekend' && wd === 6) hours = rules.week[6] ?? [];
  const start = startOfLocalDay(day, rules.timezone);
  return hours.map((h) => ({
    since: start + minutes(h.opens) * 60_000,
    until: start + minutes(h.closes) * 60_000,
  }));
}

/** Whether any hours are set at all: a center that has set none is always open. */
export const hasHours = (week: WeekHours) => Object.values(week).some((s) => (s?.length ?? 0) > 0);

/**
 * Whether the kiosk gives numbers at `now`, since when (what a cap counts from), or when it
 * opens next. Null when no hours are set.
 */
export function opening(now: number, rules: HoursRules): Opening | null {
  if (!hasHours(rules.week) && rules.extras.length === 0) return null;
  const extra = rules.extras.find((e) => e.opensAt <= now && now < e.closesAt);
  if (extra) return { open: true, since: extra.opensAt, until: extra.closesAt };
  let day = localTime(now, rules.timezone).date;
  const today = sessionsOn(day, rules).find((s) => s.since <= now && now < s.until);
  if (today) return { open: true, since: today.since, until: today.until };
  const starts = rules.extras.map((e) => e.opensAt).filter((t) => t > now);
  for (let i = 0; i < LOOKAHEAD_DAYS; i++, day = nextDay(day)) {
    const next = sessionsOn(day, rules).find((s) => s.since > now);
    if (next) {
      starts.push(next.since);
      break;
    }
  }
  return { open: false, next: starts.length > 0 ? Math.min(...starts) : null };
}

const WEEKDAYS = ['', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy', 'Chủ nhật'];

/** The kiosk's calm words when closed: when it opens next. */
export function closedMessage(next: number | null, timezone: string): string {
  if (next === null) return 'Ngoài giờ làm việc, chưa có lịch mở cửa. Xin quý khách liên hệ cán bộ trực.';
  const { date, time } = localTime(next, timezone);
  const [y, m, d] = date.split('-');
  return `Ngoài giờ làm việc. Trung tâm nhận số từ ${Number(time.slice(0, 2))} giờ ${time.slice(3, 5)}, ${WEEKDAYS[weekday(date)]} ngày ${d}/${m}/${y}. Xin cảm ơn quý khách.`;
}
