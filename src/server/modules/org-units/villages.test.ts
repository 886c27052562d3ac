import { describe, expect, it } from 'vitest';
import { villageCode, villageNames } from './villages.service.ts';

describe('village names and codes', () => {
  it('prefixes the type and strips it when typed twice', () => {
    expect(villageNames('ấp', 'Tân Hòa')).toEqual({ name: 'Ấp Tân Hòa', shortName: 'Tân Hòa' });
    expect(villageNames('khóm', 'KHÓM 2')).toEqual({ name: 'Khóm 2', shortName: '2' });
    expect(villageNames('tổ dân phố', 'to dan pho 5')).toEqual({ name: 'Tổ dân phố 5', shortName: '5' });
  });

  it('normalises NFD input to NFC', () => {
    const { name } = villageNames('thôn', 'Đông Hòa'.normalize('NFD'));
    expect(name).toBe('Thôn Đông Hòa');
    expect(name).toBe(name.normalize('NFC'));
  });

  it('builds codes from the commune code and a padded sequence', () => {
    expect(villageCode('29905', 7)).toBe('29905-007');
    expect(villageCode('29905', 1234)).toBe('29905-1234');
  });
});
