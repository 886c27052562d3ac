import { describe, expect, it } from 'vitest';
import { formatPhone, normalizePhone, zaloLink, NOT_ON_ZALO, readZaloMark } from './phone.ts';

describe('normalizePhone', () => {
  it.each([
    '0912345678',
    '0912 345 678',
    '0912.345.678',
    '0912-345-678',
    '  0912 345 678  ',
    '+84 912 345 678',
    '+84912345678',
    '+84 0912 345 678',
    '84912345678',
    '(+84) 912 345 678',
    '(+84) 912.345.678',
    '0084 912 345 678',
    '912345678',
    '912345678.0',
    '912345678.00',
    '84912345678.0',
  ])('accepts %j', (input) => {
    expect(normalizePhone(input)).toEqual({ ok: true, phone: '0912345678' });
  });

  it.each(['0312345678', '0512345678', '0712345678', '0812345678', '0987654321'])('accepts every mobile prefix (%s)', (input) => {
    expect(normalizePhone(input)).toEqual({ ok: true, phone: input });
  });

  it.each(['312345678', '512345678', '712345678', '812345678'])('restores the lost zero of %s', (input) => {
    expect(normalizePhone(input)).toEqual({ ok: true, phone: `0${input}` });
  });

  it.each([
    ['landline', '024 3825 1234'],
    ['landline without zero', '2838251234'],
    ['too short', '091234567'],
    ['too long', '09123456789'],
    ['prefix 01', '0112345678'],
    ['prefix 04', '0412345678'],
    ['prefix 06', '0612345678'],
    ['9 digits starting 1', '112345678'],
    ['foreign country code', '+1 912 345 678'],
    ['plus in the middle', '0912+345678'],
    ['letters', '0912 345 67a'],
    ['two numbers', '0912345678, 0987654321'],
    ['decimal that is not .0', '912345678.5'],
  ])('rejects %s', (_label, input) => {
    const result = normalizePhone(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toBe(
        `Số điện thoại di động "${input.trim()}" không hợp lệ: cần 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09`,
      );
    }
  });

  it('asks for a number when the input is empty', () => {
    expect(normalizePhone('   ')).toEqual({ ok: false, message: 'Chưa nhập số điện thoại' });
  });
});

describe('formatPhone', () => {
  it('groups as 4-3-3', () => {
    expect(formatPhone('0912345678')).toBe('0912 345 678');
  });

  it('leaves anything that is not 10 digits alone', () => {
    expect(formatPhone('12345')).toBe('12345');
    expect(formatPhone('')).toBe('');
  });
});

describe('zaloLink', () => {
  it('links to the normalised number', () => {
    expect(zaloLink('0912345678')).toBe('https://zalo.me/0912345678');
    expect(zaloLink('+84 912 345 678')).toBe('https://zalo.me/0912345678');
  });

  it('throws the Vietnamese message for an invalid number', () => {
    expect(() => zaloLink('024 3825 1234')).toThrow(/không hợp lệ/u);
  });
});

describe('readZaloMark', () => {
  it('reads the Mẫu 2 mark of a number not on Zalo, whatever its case and place', () => {
    expect(readZaloMark(`0912345678\n${NOT_ON_ZALO}`)).toEqual({ text: '0912345678', isZalo: false });
    expect(readZaloMark('0912 345 678 (CHƯA ĐĂNG KÝ ZALO)')).toEqual({ text: '0912 345 678', isZalo: false });
    expect(readZaloMark('0912345678')).toEqual({ text: '0912345678', isZalo: true });
  });
});
