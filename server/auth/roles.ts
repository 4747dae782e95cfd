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

/** Staff type a PIN at the counter; the accounts that change the system need a real password. */
export function secretProblem(role: Role, secret: string): string | null {
  if (role === 'staff')
    return /^.{4,64}$/u.test(secret) ? null : 'Mã PIN hoặc mật khẩu phải có từ 4 đến 64 ký tự.';
  return secret.length >= 8 && secret.length <= 128 ? null : 'Mật khẩu phải có từ 8 đến 128 ký tự.';
}
