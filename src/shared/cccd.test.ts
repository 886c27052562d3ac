import { describe, expect, it } from 'vitest';
import { maskCccd, validateCccd } from './cccd.ts';

const VALID_PROVINCES =
  '01 02 04 06 08 10 11 12 14 15 17 19 20 22 24 25 26 27 30 31 33 34 35 36 37 38 40 42 44 45 46 48 49 51 52 ' +
  '54 56 58 60 62 64 66 67 68 70 72 74 75 77 79 80 82 83 84 86 87 89 91 92 93 94 95 96';

describe('validateCccd', () => {
  it('decodes province, sex and birth year', () => {
    expect(validateCccd('001087012345')).toEqual({
      ok: true,
      cccd: '001087012345',
      provinceCode: '001',
      gender: 'male',
      birthYear: 1987,
    });
    expect(validateCccd('087123456723')).toEqual({
      ok: true,
      cccd: '087123456723',
      provinceCode: '087',
      gender: 'female',
      birthYear: 1923,
    });
  });

  it('decodes the 2000s (digits 2 and 3)', () => {
    expect(validateCccd('079205000001')).toMatchObject({ ok: true, gender: 'male', birthYear: 2005 });
    expect(validateCccd('096310000001')).toMatchObject({ ok: true, gender: 'female', birthYear: 2010 });
  });

  it('ignores spaces and dots', () => {
    expect(validateCccd(' 001 087 012 345 ')).toMatchObject({ ok: true, cccd: '001087012345' });
    expect(validateCccd('001.087.012.345')).toMatchObject({ ok: true, cccd: '001087012345' });
  });

  it('restores the leading zero lost in a spreadsheet', () => {
    expect(validateCccd('87123456723')).toMatchObject({ ok: true, cccd: '087123456723' });
    expect(validateCccd('87123456723.0')).toMatchObject({ ok: true, cccd: '087123456723' });
  });

  it.each(VALID_PROVINCES.split(' '))('accepts province code 0%s', (code) => {
    expect(validateCccd(`0${code}090000001`)).toMatchObject({ ok: true, provinceCode: `0${code}` });
  });

  it.each(['003', '005', '007', '009', '013', '016', '050', '061', '090', '097', '099', '100', '101'])(
    'rejects unknown province code %s',
    (code) => {
      expect(validateCccd(`${code}090000001`)).toEqual({
        ok: false,
        message: `Mã tỉnh "${code}" ở đầu số CCCD không tồn tại`,
      });
    },
  );

  it.each(['00108701234', '0010870123456', '123456789', '00108701234a', '001-087-012-345'])('rejects %j as not 12 digits', (input) => {
    expect(validateCccd(input)).toEqual({ ok: false, message: 'Số CCCD phải có 12 chữ số' });
  });

  it('asks for a number when the input is empty', () => {
    expect(validateCccd('  ')).toEqual({ ok: false, message: 'Chưa nhập số CCCD' });
  });

  it.each(['001487012345', '001587012345', '001687012345', '001787012345', '001887012345', '001987012345'])(
    'rejects %s whose birth year lies in the future',
    (input) => {
      const result = validateCccd(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/^Số CCCD không hợp lệ: chữ số thứ 4–6 cho năm sinh 2[1-3]87/u);
    },
  );

  it('rejects a 2000s year that has not happened yet', () => {
    expect(validateCccd('001299012345').ok).toBe(false);
  });

  it('accepts matching declared birth year and sex', () => {
    expect(validateCccd('001087012345', { birthYear: 1987, gender: 'male' }).ok).toBe(true);
    expect(validateCccd('087123456723', { gender: 'female' }).ok).toBe(true);
  });

  it('reports a birth year mismatch in Vietnamese', () => {
    expect(validateCccd('001087012345', { birthYear: 1990 })).toEqual({
      ok: false,
      message: 'Năm sinh theo số CCCD (1987) không khớp với năm sinh đã khai (1990)',
    });
  });

  it('reports a sex mismatch in Vietnamese', () => {
    expect(validateCccd('001087012345', { gender: 'female' })).toEqual({
      ok: false,
      message: 'Giới tính theo số CCCD (nam) không khớp với giới tính đã khai (nữ)',
    });
  });
});

describe('maskCccd', () => {
  it('keeps the first 4 and last 2 digits', () => {
    expect(maskCccd('087123456723')).toBe('0871••••••23');
  });

  it('masks a formatted number the same way', () => {
    expect(maskCccd('087 123 456 723')).toBe('0871••••••23');
  });

  it('masks everything when the value is too short to hide anything', () => {
    expect(maskCccd('123456')).toBe('••••••');
    expect(maskCccd('')).toBe('');
  });
});
