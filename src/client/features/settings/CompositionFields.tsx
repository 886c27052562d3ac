import { Fieldset, NumberInput, SimpleGrid, Stack } from '@mantine/core';
import { useT } from '../../i18n.ts';
import type { DraftErrors, LimitsDraft, NumberDraft, SettingsDraft } from './settings-draft.ts';

interface CompositionFieldsProps {
  value: SettingsDraft;
  onChange: (patch: Partial<SettingsDraft>) => void;
  errors: DraftErrors;
  readOnly: boolean;
}

interface CountInputProps {
  label: string;
  value: NumberDraft;
  onChange: (v: NumberDraft) => void;
  min: number;
  max: number;
  error?: string;
  readOnly: boolean;
  /** Blank allowed (= no limit). */
  nullable?: boolean;
}

function CountInput({ label, value, onChange, min, max, error, readOnly, nullable }: CountInputProps) {
  const t = useT();
  return (
    <NumberInput
      label={label}
      value={value}
      onChange={onChange}
      min={min}
      max={max}
      allowDecimal={false}
      allowNegative={false}
      clampBehavior="none"
      required={!nullable && !readOnly}
      description={nullable && !readOnly ? t('settings.noLimit') : undefined}
      placeholder={nullable ? t('settings.noLimitShort') : undefined}
      error={error}
      readOnly={readOnly}
      hideControls={readOnly}
    />
  );
}

function LevelLimits(props: {
  legend: string;
  level: 'village' | 'commune';
  value: LimitsDraft;
  onChange: (v: LimitsDraft) => void;
  errors: DraftErrors;
  readOnly: boolean;
}) {
  const t = useT();
  const { legend, level, value, onChange, errors, readOnly } = props;
  return (
    <Fieldset legend={legend} variant="filled" p="sm">
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
        <CountInput
          label={t('settings.minMembers')}
          value={value.minMembers}
          onChange={(v) => onChange({ ...value, minMembers: v })}
          min={0}
          max={100}
          error={errors[`${level}.minMembers`]}
          readOnly={readOnly}
          nullable
        />
        <CountInput
          label={t('settings.maxMembers')}
          value={value.maxMembers}
          onChange={(v) => onChange({ ...value, maxMembers: v })}
          min={0}
          max={100}
          error={errors[`${level}.maxMembers`]}
          readOnly={readOnly}
          nullable
        />
      </SimpleGrid>
    </Fieldset>
  );
}

/** Team composition rules: max leaders and deputies, and member limits of village and commune teams (blank = no limit). */
export function CompositionFields({ value, onChange, errors, readOnly }: CompositionFieldsProps) {
  const t = useT();
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
        <CountInput
          label={t('settings.maxLeaders')}
          value={value.maxLeaders}
          onChange={(v) => onChange({ maxLeaders: v })}
          min={1}
          max={5}
          error={errors.maxLeaders}
          readOnly={readOnly}
        />
        <CountInput
          label={t('settings.maxDeputies')}
          value={value.maxDeputies}
          onChange={(v) => onChange({ maxDeputies: v })}
          min={0}
          max={10}
          error={errors.maxDeputies}
          readOnly={readOnly}
        />
      </SimpleGrid>
      <LevelLimits
        legend={t('settings.villageTeams')}
        level="village"
        value={value.village}
        onChange={(v) => onChange({ village: v })}
        errors={errors}
        readOnly={readOnly}
      />
      <LevelLimits
        legend={t('settings.communeTeams')}
        level="commune"
        value={value.commune}
        onChange={(v) => onChange({ commune: v })}
        errors={errors}
        readOnly={readOnly}
      />
    </Stack>
  );
}
