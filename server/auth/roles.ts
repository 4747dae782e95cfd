import type { Role } from '../../contract/screen.js';

export type { Role };
export const ROLES = ['staff', 'leader', 'technician'] as const satisfies readonly Role[];

/** Roles nest: a leader can do what staff can, a technician what a leader can. */
const RANK: Record<Role, number> = { staff: 1, leader: 2, technician: 3 };

export const hasRole = (held: Role, needed: Role) => RANK[held] >= RANK[needed];

export const roleNames: Record<Role, string> = {
  staff: 'cán bộ một cửa',
  leader: 'lãnh đạo',
  technician: 'cán bộ CNTT',
};

/** Passwords guessed first; compared without case, spaces, dots, dashes or underscores. */
const COMMON = new Set([
  'password',
  'password1',
  'password123',
  'passw0rd',
  'matkhau',
  'matkhau123',
  'matkhaumoi',
  'administrator',
  'admin12345',
  'admin123456',
  'qwertyuiop',
  'qwerty12345',
  'qwerty123456',
  '1q2w3e4r5t',
  'zaq12wsxcde',
  'abcdefghij',
  'abc1234567',
  'abcd123456',
  'iloveyou123',
  'tiepsuc123',
  'tiepsuc2026',
  'motcua12345',
  'vietnam123',
  'hanoi12345',
]);

/** 012345, 987654 and the like: each digit one more (or one less) than the one before. */
const isRun = (digits: string) =>
  [1, -1].some((step) => [...digits].every((d, i) => i === 0 || Number(d) - Number(digits[i - 1]) === step));

// Control and invisible formatting characters (zero-width spaces and joiners among them).
const INVISIBLE = /[\p{Cc}\p{Cf}]/u;

/**
 * Why a secret is too weak, or null. A PIN is 6 or more digits, not all the same and not a
 * run; a password is 10 or more characters, without surrounding spaces or invisible
 * characters, and not a common one. Technicians change the system, so they use passwords.
 */
export function secretProblem(role: Role, secret: string): string | null {
  if (INVISIBLE.test(secret)) return 'Mật khẩu không được chứa ký tự điều khiển hay ký tự vô hình.';
  if (/^\d+$/.test(secret)) {
    if (role === 'technician') return 'Cán bộ CNTT phải dùng mật khẩu (ít nhất 10 ký tự), không dùng mã PIN.';
    if (secret.length < 6) return 'Mã PIN phải có ít nhất 6 chữ số.';
    if (/^(\d)\1*$/.test(secret) || isRun(secret))
      return 'Mã PIN quá dễ đoán (các số giống nhau hoặc liên tiếp); hãy chọn mã khác.';
    return secret.length <= 64 ? null : 'Mã PIN không được dài quá 64 chữ số.';
  }
  if (secret.length < 10 || secret.length > 128)
    return 'Mật khẩu phải có từ 10 đến 128 ký tự (hoặc mã PIN từ 6 chữ số).';
  if (secret.trim() !== secret) return 'Mật khẩu không được bắt đầu hay kết thúc bằng khoảng trắng.';
  if (COMMON.has(secret.toLowerCase().replace(/[\s._-]/g, '')))
    return 'Mật khẩu này quá phổ biến; hãy chọn mật khẩu khác.';
  return null;
}
