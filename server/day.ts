/**
 * The center's business day. Numbers restart each local day at `dayStartsAt` in the center's
 * time zone, so a ticket taken at 00:30 with a reset hour of 01:00 still belongs to yesterday.
 */
export interface DayRule {
  timezone: string;
  dayStartsAt: string;
}

export const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timezone, f);
  }
  return f;
}

export interface LocalTime {
  date: string;
  time: string;
}

/** Local calendar date `YYYY-MM-DD` and time `HH:MM:SS` of an instant in a time zone. */
export function localTime(ms: number, timezone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timezone).formatToParts(ms)) parts[p.type] = p.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}:${parts.second}`,
  };
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

const lastDay = new Map<string, { minute: number; day: string }>();

/**
 * The business day an instant belongs to, as `YYYY-MM-DD`. Asked on every ticket, and Intl is
 * slow, so the answer is kept for the current minute: days start on a whole minute.
 */
export function businessDay(ms: number, rule: DayRule): string {
  const minute = Math.floor(ms / 60_000);
  const key = `${rule.timezone} ${rule.dayStartsAt}`;
  const last = lastDay.get(key);
  if (last?.minute === minute) return last.day;
  const day = localTime(ms - minutesOf(rule.dayStartsAt) * 60_000, rule.timezone).date;
  lastDay.set(key, { minute, day });
  return day;
}

export const DAY_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The instant a local calendar day `YYYY-MM-DD` begins (00:00) in a time zone. */
export function startOfLocalDay(day: string, timezone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(y, m - 1, d);
  let t = utcMidnight;
  // Twice: the zone's offset at the first guess may differ from the one at the answer (DST).
  for (let i = 0; i < 2; i++) {
    const local = localTime(t, timezone);
    t = utcMidnight - (Date.parse(`${local.date}T${local.time}Z`) - t);
  }
  return t;
}

/** The local day after `day`. */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
