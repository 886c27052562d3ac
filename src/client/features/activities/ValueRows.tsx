import { ActionIcon, Button, Fieldset, Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import { MAX_COUNT, type Indicator } from '../../../shared/schemas/activities.ts';
import { INDICATOR_FIELDS, indicatorUnitLabel } from '../../../shared/indicator-units.ts';
import { useLang, useT } from '../../i18n.ts';
import { fieldLabel, indicatorName } from '../indicators/labels.ts';
import { newValueRow, type DraftErrors, type ValueDraft } from './activity-draft.ts';

interface ValueRowsProps {
  value: ValueDraft[];
  onChange: (rows: ValueDraft[]) => void;
  indicators: Indicator[];
  errors: DraftErrors;
}

const MAX_ROWS = 30;

/** Indicator + count rows: each indicator once, grouped by field in the select. */
export function ValueRows({ value, onChange, indicators, errors }: ValueRowsProps) {
  const t = useT();
  const lang = useLang();
  const byCode = new Map(indicators.map((i) => [i.code, i] as const));
  const set = (key: number, patch: Partial<ValueDraft>) => onChange(value.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const optionsFor = (row: ValueDraft) => {
    const taken = new Set(value.filter((r) => r.key !== row.key).map((r) => r.indicator));
    return INDICATOR_FIELDS.map((field) => ({
      group: fieldLabel(field, lang),
      items: indicators
        .filter((i) => i.field === field && (!i.retired || i.code === row.indicator))
        .map((i) => ({ value: i.code, label: indicatorName(i, lang), disabled: taken.has(i.code) })),
    })).filter((g) => g.items.length > 0);
  };

  return (
    <Fieldset legend={t('activities.values')} variant="unstyled" p={0}>
      <Stack gap="xs">
        {errors.values && (
          <Text size="sm" c="red.8" role="alert">
            {errors.values}
          </Text>
        )}
        {value.map((row, i) => {
          const unit = row.indicator ? byCode.get(row.indicator)?.unit : undefined;
          return (
            <Group key={row.key} gap="xs" align="flex-start" wrap="wrap" style={{ rowGap: 4 }}>
              <Select
                style={{ flex: '1 1 240px', minWidth: 0 }}
                label={i === 0 ? t('activities.indicator') : undefined}
                aria-label={t('activities.indicator')}
                placeholder={t('activities.pickIndicator')}
                data={optionsFor(row)}
                value={row.indicator}
                onChange={(v) => set(row.key, { indicator: v })}
                searchable
                comboboxProps={{ withinPortal: true }}
                error={errors[`values.${row.key}`]}
              />
              <NumberInput
                w={{ base: 150, xs: 140 }}
                label={i === 0 ? t('activities.count') : undefined}
                aria-label={t('activities.count')}
                value={row.count}
                onChange={(v) => set(row.key, { count: v })}
                min={0}
                max={MAX_COUNT}
                allowDecimal={false}
                allowNegative={false}
                thousandSeparator={lang === 'en' ? ',' : '.'}
                decimalSeparator={lang === 'en' ? '.' : ','}
                rightSection={
                  unit ? (
                    <Text size="xs" c="dimmed">
                      {indicatorUnitLabel(unit, lang)}
                    </Text>
                  ) : undefined
                }
                rightSectionWidth={unit ? 56 : undefined}
                hideControls
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mt={i === 0 ? 26 : 4}
                onClick={() => onChange(value.filter((r) => r.key !== row.key))}
                disabled={value.length === 1}
                aria-label={t('activities.removeValue', { n: i + 1 })}
                title={t('activities.removeValue', { n: i + 1 })}
              >
                <span aria-hidden="true">✕</span>
              </ActionIcon>
            </Group>
          );
        })}
        <Group>
          <Button variant="light" size="xs" onClick={() => onChange([...value, newValueRow()])} disabled={value.length >= MAX_ROWS}>
            {t('activities.addValue')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
