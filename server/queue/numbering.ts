/** `B` + 14 at width 3 → `B014`. A sequence past the width keeps all its digits (`B1000`). */
export function formatNumber(prefix: string, sequence: number, width: number): string {
  return prefix + String(sequence).padStart(width, '0');
}

export const PREFIX_PATTERN = /^[A-Z]{1,2}$/;

/** A number typed at the counter, in the form the appliance stores: trimmed, upper case. */
export function normalizeNumber(input: string): string {
  return input.trim().toUpperCase().replace(/\s+/g, '');
}

/** The shape of any ticket number, ours or QMS's: up to three letters, then one to six digits. */
export const isTicketNumber = (number: string) => /^[A-Z]{0,3}\d{1,6}$/.test(number);

/** Whether a typed number looks like one of ours (`prefix` then digits) rather than QMS's. */
export function matchesPrefix(number: string, prefixes: readonly string[]): boolean {
  const m = /^([A-Z]+)\d+$/.exec(number);
  return m !== null && prefixes.includes(m[1] as string);
}
