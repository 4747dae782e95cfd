import { describe, expect, it } from 'vitest';
import { idNumberProblem, phoneProblem, taxCodeProblem } from '../../server/intake/identity.js';

describe('identity numbers', () => {
  it('takes a CCCD whose province, century and birth year hold', () => {
    expect(idNumberProblem('040190012345', 2026)).toBeNull(); // Nghệ An, male, 1990
    expect(idNumberProblem('001305012345', 2026)).toBeNull(); // Hà Nội, female, 2005
    expect(idNumberProblem('040226012345', 2026)).toBeNull(); // born 2026
  });

  it('says what the structure rules out', () => {
    expect(idNumberProblem('04019001234', 2026)).toMatch(/12 chữ số/);
    expect(idNumberProblem('04019001234a', 2026)).toMatch(/12 chữ số/);
    expect(idNumberProblem('003190012345', 2026)).toMatch(/003 không phải mã tỉnh/);
    expect(idNumberProblem('097190012345', 2026)).toMatch(/097 không phải mã tỉnh/);
    expect(idNumberProblem('040230012345', 2026)).toMatch(/năm sinh 2030 chưa tới/);
    expect(idNumberProblem('040490012345', 2026)).toMatch(/năm sinh 2190/);
  });

  it('checks tax codes and phone numbers by their shape', () => {
    expect(taxCodeProblem('2901234567')).toBeNull();
    expect(taxCodeProblem('2901234567-001')).toBeNull();
    expect(taxCodeProblem('2901234567001')).toBeNull();
    expect(taxCodeProblem('29012345')).toMatch(/10 hoặc 13/);
    expect(phoneProblem('0912 345 678')).toBeNull();
    expect(phoneProblem('+84 912.345.678')).toBeNull();
    expect(phoneProblem('12345')).toMatch(/số điện thoại/);
  });
});
