/** Lowercase without diacritics, so "dang ky khai sinh" finds "Đăng ký khai sinh". */
export const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replaceAll('đ', 'd')
    .replaceAll('Đ', 'D')
    .toLowerCase();

/** Ascii words joined by dashes: "Hộ tịch" → "ho-tich", for codes and file names. */
export const slug = (s: string) =>
  fold(s)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
