import { useState } from 'react';
import { Checkbox, Select, SimpleGrid, TextInput } from '@mantine/core';
import { proposeGender } from '../../../shared/gender.ts';
import { useT } from '../../i18n.ts';
import { affiliationOptions, type PersonDraft } from './person-draft.ts';
import { lengthError } from '../../components/length-error.ts';
import type { FieldErrors } from '../../components/use-schema-check.ts';

interface PersonFieldsProps {
  value: PersonDraft;
  onChange: (draft: PersonDraft) => void;
  /** Hint under the CCCD field (e.g. "leave blank to keep"). */
  cccdHint?: string;
  /** The shared schema's messages per person field ("fullName", "phone"…). */
  errors?: FieldErrors;
}

/**
 * Inputs for a person: Họ tên, Số điện thoại di động, Zalo, giới tính, năm sinh, đơn vị công tác,
 * CCCD. While no gender is chosen, the middle name proposes one ("Văn" → Nam, "Thị" → Nữ), shown
 * as a proposal to check.
 */
export function PersonFields({ value, onChange, cccdHint, errors = {} }: PersonFieldsProps) {
  const t = useT();
  const [isProposed, setProposed] = useState(false);
  const set = <K extends keyof PersonDraft>(key: K, v: PersonDraft[K]) => onChange({ ...value, [key]: v });
  const setName = (fullName: string) => {
    if (value.gender !== '' && !isProposed) return set('fullName', fullName);
    const proposal = proposeGender(fullName);
    setProposed(proposal !== null);
    onChange({ ...value, fullName, gender: proposal ?? '' });
  };
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
      <TextInput
        label={t('person.fullName')}
        value={value.fullName}
        onChange={(e) => setName(e.currentTarget.value)}
        required
        error={errors.fullName ?? lengthError(t, t('person.fullName'), value.fullName, 120)}
        autoComplete="off"
      />
      <TextInput
        label={t('person.phone')}
        type="tel"
        inputMode="tel"
        value={value.phone}
        onChange={(e) => set('phone', e.currentTarget.value)}
        error={errors.phone ?? lengthError(t, t('person.phone'), value.phone, 30)}
        autoComplete="off"
      />
      <Checkbox
        label={t('person.isZalo')}
        checked={value.isZalo}
        onChange={(e) => set('isZalo', e.currentTarget.checked)}
        error={errors.isZalo}
        mt={{ base: 0, sm: 'lg' }}
      />
      <Select
        label={t('person.gender')}
        data={[
          { value: 'male', label: t('person.male') },
          { value: 'female', label: t('person.female') },
        ]}
        value={value.gender || null}
        onChange={(v) => {
          setProposed(false);
          set('gender', (v ?? '') as PersonDraft['gender']);
        }}
        description={isProposed && value.gender ? t('person.genderProposed') : undefined}
        error={errors.gender}
        clearable
      />
      <TextInput
        label={t('person.birthYear')}
        type="number"
        inputMode="numeric"
        min={1920}
        max={2020}
        value={value.birthYear}
        onChange={(e) => set('birthYear', e.currentTarget.value)}
        error={errors.birthYear}
      />
      <Select
        label={t('person.affiliation')}
        data={affiliationOptions(t)}
        value={value.affiliation || null}
        onChange={(v) => set('affiliation', v ?? '')}
        error={errors.affiliation}
        clearable
      />
      {(value.affiliation === 'telecom_business' || value.affiliation === 'other' || value.affiliationDetail !== '') && (
        <TextInput
          label={value.affiliation === 'telecom_business' ? t('person.businessName') : t('person.affiliationDetail')}
          value={value.affiliationDetail}
          onChange={(e) => set('affiliationDetail', e.currentTarget.value)}
          error={
            errors.affiliationDetail ??
            lengthError(
              t,
              value.affiliation === 'telecom_business' ? t('person.businessName') : t('person.affiliationDetail'),
              value.affiliationDetail,
              200,
            )
          }
        />
      )}
      <TextInput
        label={t('person.cccd')}
        description={cccdHint}
        value={value.cccd}
        onChange={(e) => set('cccd', e.currentTarget.value)}
        inputMode="numeric"
        error={errors.cccd ?? lengthError(t, t('person.cccd'), value.cccd, 20)}
        autoComplete="off"
      />
    </SimpleGrid>
  );
}
