/**
 * What the structure of Vietnamese identity numbers rules out. A CCCD (căn cước công dân, 12
 * digits) is the province code of the place of birth registration (Circular 07/2016/TT-BCA and
 * its successors), a digit for century and sex, the last two digits of the birth year and six
 * random digits. There is no check digit, so a number that passes may still be wrong; one
 * that fails cannot be right.
 */

/** The 63 province codes the Ministry of Public Security assigns, 001–096 with gaps. */
const PROVINCES = new Set([
  1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37, 38, 40, 42,
  44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86,
  87, 89, 91, 92, 93, 94, 95, 96,
]);

/** The century the fourth digit names: 0/1 the 1900s (male/female), 2/3 the 2000s, … 8/9 the 1800s. */
const CENTURY: Record<string, number> = {
  '0': 1900,
  '1': 1900,
  '2': 2000,
  '3': 2000,
  '4': 2100,
  '5': 2100,
  '6': 2200,
  '7': 2200,
  '8': 1800,
  '9': 1800,
};

/** Why a CCCD number cannot be right, in Vietnamese; null when its structure holds. */
export function idNumberProblem(value: string, currentYear: number): string | null {
  if (!/^\d{12}$/.test(value)) return 'số CCCD phải gồm đúng 12 chữ số';
  if (!PROVINCES.has(Number(value.slice(0, 3)))) {
    return `số CCCD không hợp lệ: ${value.slice(0, 3)} không phải mã tỉnh, thành phố`;
  }
  const year = (CENTURY[value[3] as string] as number) + Number(value.slice(4, 6));
  if (year > currentYear) return `số CCCD không hợp lệ: năm sinh ${year} chưa tới`;
  return null;
}

/** Why a tax code (mã số thuế) cannot be right: 10 digits, or 13 for a branch (10, a dash or not, 3). */
export function taxCodeProblem(value: string): string | null {
  return /^\d{10}(-?\d{3})?$/.test(value) ? null : 'mã số thuế phải gồm 10 hoặc 13 chữ số';
}

/** A Vietnamese phone number as people write it: 0 or +84 and 9–10 digits, spaces and dots allowed. */
export function phoneProblem(value: string): string | null {
  const digits = value.replace(/[\s.()-]/g, '');
  return /^(0\d{9,10}|\+84\d{9,10})$/.test(digits) ? null : 'số điện thoại không đúng (ví dụ 0912 345 678)';
}
