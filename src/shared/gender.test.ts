import { describe, expect, it } from 'vitest';
import { proposeGender } from './gender.ts';

describe('proposeGender', () => {
  it('reads the middle name', () => {
    expect(proposeGender('Nguyễn Văn An')).toBe('male');
    expect(proposeGender('Trần Thị Bình')).toBe('female');
    expect(proposeGender('Lê Thị Thu Thảo')).toBe('female');
    expect(proposeGender('Phạm Đức Minh')).toBe('male');
    // NFD input, capitals.
    expect(proposeGender('HUỲNH VĂN HẬU'.normalize('NFD'))).toBe('male');
  });

  it('proposes nothing when the name does not tell', () => {
    expect(proposeGender('Lê Minh Cường')).toBeNull();
    expect(proposeGender('Võ Thanh Tâm')).toBeNull();
    // "Văn" as a given name, "Thị" as a family name: only middle names count.
    expect(proposeGender('Trần Minh Văn')).toBeNull();
    expect(proposeGender('Thị An')).toBeNull();
    expect(proposeGender('Nguyễn Văn Thị Hoa')).toBeNull();
  });
});
