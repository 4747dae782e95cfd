/**
 * Wording shared by the server's documents and the pages, so a time or a duration reads the
 * same on the screen, in the log book's export and in the quarterly report.
 */

/** "2 giờ 05 phút", "45 phút", "dưới 1 phút". */
export function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'dưới 1 phút';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} phút`;
  return rest === 0 ? `${hours} giờ` : `${hours} giờ ${String(rest).padStart(2, '0')} phút`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A moment's local parts (two-digit day, month, hour, minute; four-digit year). */
function parts(at: string | number, timeZone: string): Record<string, string> {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(new Date(at))) p[part.type] = part.value;
  return p;
}

/** A moment's clock ("08:30") and date ("23/11/2026") in the center's time zone, read at once. */
export function localMoment(at: string | number, timeZone: string): { clock: string; date: string } {
  const p = parts(at, timeZone);
  return { clock: `${p.hour}:${p.minute}`, date: `${p.day}/${p.month}/${p.year}` };
}

/** "08:30 23/11/2026" in the center's time zone. */
export function localStamp(iso: string, timeZone: string): string {
  const { clock, date } = localMoment(iso, timeZone);
  return `${clock} ${date}`;
}

/** "ngày 05 tháng 02 năm 2026": days and months below 10 (months below 3) written with a 0, as Decree 30 asks. */
export function vietnameseDate(at: string | number, timeZone: string): string {
  const p = parts(at, timeZone);
  const m = Number(p.month);
  return `ngày ${p.day} tháng ${m < 3 ? `0${m}` : m} năm ${p.year}`;
}

/** How the plan numbers its incident sections: "2.3", and "Khác" for anything else. */
export const typeNumber = (type: string) => (type === 'khac' ? 'Khác' : type);

export const STATUS_NAMES = {
  open: 'Đang xử lý',
  escalated: 'Đã chuyển tuyến',
  resolved: 'Đã khắc phục',
} as const satisfies Record<'open' | 'escalated' | 'resolved', string>;

/** Roman numerals as reports write them: quarters ("Quý IV/2026") and numbered sections. */
export const ROMAN = ['', 'I', 'II', 'III', 'IV', 'V', 'VI'] as const;

/** "09 giờ 41 phút, ngày 23 tháng 11 năm 2026": a moment as administrative forms write it. */
export function formalTime(at: string | number, timeZone: string): string {
  const p = parts(at, timeZone);
  return `${p.hour} giờ ${p.minute} phút, ngày ${p.day} tháng ${p.month} năm ${p.year}`;
}
