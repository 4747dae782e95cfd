import { describe, expect, it } from 'vitest';
import { decoyHash, derivationMs, hashSecret } from '../../server/auth/passwords.js';
import { secretProblem } from '../../server/auth/roles.js';

describe('secrets', () => {
  it('refuses the weak secrets accepted before', () => {
    for (const pin of ['0000', '1234', '    ', '\u200b\u200b\u200b\u200b']) {
      expect(secretProblem('staff', pin), JSON.stringify(pin)).not.toBeNull();
    }
    expect(secretProblem('technician', 'password')).not.toBeNull();
  });

  it('takes a PIN of six or more digits that is neither all alike nor a run', () => {
    for (const pin of ['123456', '654321', '012345', '111111', '98765']) {
      expect(secretProblem('staff', pin), pin).not.toBeNull();
    }
    for (const pin of ['582914', '24681357', '100200']) expect(secretProblem('staff', pin), pin).toBeNull();
    expect(secretProblem('leader', '582914')).toBeNull();
  });

  it('makes technicians use a password of ten or more characters, not a common one', () => {
    expect(secretProblem('technician', '582914')).toMatch(/không dùng mã PIN/);
    expect(secretProblem('technician', 'ngan-qua')).toMatch(/10 đến 128/);
    expect(secretProblem('technician', ' mat-khau-dai ')).toMatch(/khoảng trắng/);
    expect(secretProblem('technician', 'Que-Huong-2026')).toBeNull();
    expect(secretProblem('technician', 'Mat-Khau-123')).toMatch(/phổ biến/);
    expect(secretProblem('technician', 'MatKhau 123')).toMatch(/phổ biến/);
    expect(secretProblem('technician', 'Password123')).toMatch(/phổ biến/);
    expect(secretProblem('technician', 'mat\u200bkhau-dai-qua')).toMatch(/vô hình/);
    expect(secretProblem('technician', 'cây đa giếng nước sân đình')).toBeNull();
  });

  it('pads a login answer to a typical derivation, not to one a busy machine stalled', async () => {
    await decoyHash;
    const stalled = hashSecret('582914');
    await new Promise(setImmediate); // its turn in line has come and scrypt runs
    // The thread busy elsewhere: the derivation is done, but its answer is heard 1.5 s late.
    const until = performance.now() + 1500;
    while (performance.now() < until) {
      // busy
    }
    await stalled;
    await hashSecret('100200');
    expect(derivationMs()).toBeLessThan(1000);
  });
});
