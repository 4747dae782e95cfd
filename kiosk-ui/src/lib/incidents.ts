export { duration, localStamp, ROMAN, STATUS_NAMES, typeNumber } from '../../../contract/format.js';

/** The year and quarter a moment falls in, in the center's time zone. */
export function quarterOf(ms: number, timeZone: string): { year: number; quarter: 1 | 2 | 3 | 4 } {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' })
    .format(new Date(ms))
    .split('-')
    .map(Number);
  return { year: y as number, quarter: (Math.floor(((m as number) - 1) / 3) + 1) as 1 | 2 | 3 | 4 };
}

/** A `tel:` link a phone or a softphone dials as it stands. */
export const tel = (number: string) => `tel:${number.replace(/[^\d+]/g, '')}`;
