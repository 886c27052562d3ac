import { describe, expect, it } from 'vitest';
import { provinceSettingsSchema } from '../../../shared/schemas/settings.ts';
import { fieldErrors } from '../../components/use-schema-check.ts';
import { draftErrorsOf, type SettingsDraft } from './settings-draft.ts';

describe("the shared settings schema's messages on the draft's fields", () => {
  it('strips "composition." and keys a legal basis by its line', () => {
    const draft: SettingsDraft = {
      maxLeaders: 1,
      maxDeputies: 2,
      village: { minMembers: '', maxMembers: '' },
      commune: { minMembers: '', maxMembers: '' },
      departmentName: 'Sở Khoa học và Công nghệ',
      bases: [
        { key: 7, text: 'Căn cứ Luật' },
        { key: 9, text: 'x'.repeat(601) },
      ],
    };
    const parsed = provinceSettingsSchema.safeParse({
      composition: {
        maxLeaders: 1,
        maxDeputies: 2,
        village: { minMembers: -1, maxMembers: null },
        commune: { minMembers: null, maxMembers: null },
      },
      departmentName: 'Sở Khoa học và Công nghệ',
      decisionLegalBases: ['Căn cứ Luật', 'x'.repeat(601)],
    });
    expect(parsed.success).toBe(false);
    const errors = draftErrorsOf(fieldErrors(parsed.error!.issues), draft);
    expect(Object.keys(errors).sort()).toEqual(['bases.9', 'village.minMembers']);
    expect(errors['village.minMembers']).toBe('Giới hạn không được âm');
  });
});
