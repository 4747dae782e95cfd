/**
 * CSV (RFC 4180) with a byte-order mark, so Excel opens the Vietnamese right. A cell that
 * starts like a formula (=, +, -, @) is given a leading apostrophe: staff type these cells,
 * and Excel would otherwise run what they typed.
 */
export function csv(head: readonly string[], rows: string[][]): string {
  const cell = (raw: string) => {
    const s = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return `\uFEFF${[head, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
