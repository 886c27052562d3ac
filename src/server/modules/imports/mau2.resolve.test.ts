import { describe, expect, it } from 'vitest';
import { matchCommune, type CommuneCandidate } from './mau2.resolve.ts';

const legacyTraVinh: CommuneCandidate[] = [
  { code: '28756', shortName: '1', type: 'phường', parentShortName: 'Trà Vinh' },
  { code: '29461', shortName: '1', type: 'phường', parentShortName: 'Duyên Hải' },
  { code: '28800', shortName: 'Long Đức', type: 'xã', parentShortName: 'Trà Vinh' },
  { code: '29000', shortName: 'Long Đức', type: 'thị trấn', parentShortName: 'Càng Long' },
];

describe('matchCommune', () => {
  it('uses the legacy district to tell apart communes with the same name', () => {
    expect(matchCommune('UBND phường 1, thành phố Trà Vinh', legacyTraVinh)).toEqual({ ok: true, code: '28756' });
    expect(matchCommune('Phường 1, thị xã Duyên Hải', legacyTraVinh)).toEqual({ ok: true, code: '29461' });
  });

  it('asks for the district when the name is ambiguous', () => {
    const res = matchCommune('phường 1', legacyTraVinh);
    expect(res).toMatchObject({ ok: false, code: 'COMMUNE_AMBIGUOUS' });
  });

  it('uses the type, and ignores diacritics and case', () => {
    expect(matchCommune('XA LONG DUC', legacyTraVinh)).toEqual({ ok: true, code: '28800' });
    expect(matchCommune('Thị trấn Long Đức'.normalize('NFD'), legacyTraVinh)).toEqual({ ok: true, code: '29000' });
  });

  it('prefers the exact spelling when two names fold alike', () => {
    const dongThap: CommuneCandidate[] = [
      { code: '1', shortName: 'Tân Thành', type: 'xã', parentShortName: 'Đồng Tháp' },
      { code: '2', shortName: 'Tân Thạnh', type: 'xã', parentShortName: 'Đồng Tháp' },
    ];
    expect(matchCommune('UBND xã Tân Thạnh', dongThap)).toEqual({ ok: true, code: '2' });
    expect(matchCommune('xa tan thanh', dongThap)).toMatchObject({ ok: false, code: 'COMMUNE_AMBIGUOUS' });
  });

  it('reports unknown communes and wrong types', () => {
    expect(matchCommune('xã Không Có', legacyTraVinh)).toMatchObject({ ok: false, code: 'COMMUNE_NOT_FOUND' });
    expect(matchCommune('xã 1, thành phố Trà Vinh', legacyTraVinh)).toMatchObject({ ok: false, code: 'COMMUNE_NOT_FOUND' });
  });
});
