/**
 * Vietnamese words for numbers and ticket numbers, as the displays speak them:
 * 1005 "một nghìn không trăm linh năm", 15 "mười lăm", 21 "hai mươi mốt".
 */
export const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;
export const GROUPS = ['', 'nghìn', 'triệu', 'tỷ'] as const;

const digit = (d: number) => DIGITS[d] as string;

/** 0–999; `inner` when a higher group precedes, which spells out "không trăm" and "linh". */
function hundreds(n: number, inner: boolean): string[] {
  const h = Math.floor(n / 100);
  const t = Math.floor(n / 10) % 10;
  const u = n % 10;
  const words: string[] = [];
  if (h > 0 || inner) words.push(digit(h), 'trăm');
  if (t === 0) {
    if (u > 0) words.push(...(h > 0 || inner ? ['linh', digit(u)] : [digit(u)]));
  } else {
    words.push(...(t === 1 ? ['mười'] : [digit(t), 'mươi']));
    if (u === 5) words.push('lăm');
    else if (u === 1 && t > 1) words.push('mốt');
    else if (u > 0) words.push(digit(u));
  }
  return words;
}

export function numberToWords(value: number): string {
  if (!Number.isInteger(value) || value < 0 || value >= 1e12) {
    throw new RangeError(`numberToWords: ${value} is not an integer from 0 to 999 999 999 999`);
  }
  if (value === 0) return digit(0);
  const groups: number[] = [];
  for (let n = value; n > 0; n = Math.floor(n / 1000)) groups.push(n % 1000);
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i] as number;
    if (g === 0) continue;
    words.push(...hundreds(g, i < groups.length - 1), GROUPS[i] as string);
  }
  return words.filter(Boolean).join(' ');
}

export const LETTERS: Record<string, string> = {
  A: 'a',
  B: 'bê',
  C: 'xê',
  D: 'dê',
  E: 'e',
  F: 'ép',
  G: 'giê',
  H: 'hát',
  I: 'i',
  J: 'gi',
  K: 'ca',
  L: 'e lờ',
  M: 'em mờ',
  N: 'en nờ',
  O: 'o',
  P: 'pê',
  Q: 'quy',
  R: 'e rờ',
  S: 'ét xì',
  T: 'tê',
  U: 'u',
  V: 'vê',
  W: 'vê kép',
  X: 'ích xì',
  Y: 'i dài',
  Z: 'dét',
};

/** `B014` → "bê mười bốn"; `1005` → "một nghìn không trăm linh năm". */
export function ticketNumberToWords(number: string): string {
  const m = /^([A-Za-z]*)(\d*)$/.exec(number.trim());
  if (!m) return number;
  const letters = [...(m[1] ?? '').toUpperCase()].map((c) => LETTERS[c] ?? c);
  const digits = m[2] ? [numberToWords(Number(m[2]))] : [];
  return [...letters, ...digits].join(' ');
}

export const CALL_OPENING = 'Mời công dân có số thứ tự';
export const CALL_COUNTER = 'đến quầy số';

/** The exact phrase every display speaks and shows as a caption. */
export function callAnnouncement(ticketNumber: string, counterNumber: number): string {
  return `${CALL_OPENING} ${ticketNumberToWords(ticketNumber)} ${CALL_COUNTER} ${numberToWords(counterNumber)}`;
}

/** Every piece an announcement is made of, so a voice can be recorded for each. */
export const SPOKEN_PIECES: readonly string[] = [
  CALL_OPENING,
  CALL_COUNTER,
  ...DIGITS,
  ...GROUPS.filter(Boolean),
  'mười',
  'mươi',
  'trăm',
  'linh',
  'lăm',
  'mốt',
  ...new Set(Object.values(LETTERS)),
];
