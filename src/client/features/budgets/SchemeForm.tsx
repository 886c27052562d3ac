import { useState } from 'react';
import { ActionIcon, Button, Group, NumberInput, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { formatVnd, parseVnd } from '../../../shared/money.ts';
import type { FundingKind, FundingScheme } from '../../../shared/schemas/budgets.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n.ts';
import { useSaveScheme } from './budgets-api.ts';
import { DateField } from '../../components/DateField.tsx';

interface Props {
  structure: Structure;
  scheme: FundingScheme;
}

/** The province sets the year's funding: kind, amount (typed as "10.000.000"), months, deadline, checklist. */
export function SchemeForm({ structure, scheme }: Props) {
  const t = useT();
  const save = useSaveScheme(structure, scheme.provinceCode, scheme.year);
  const [kind, setKind] = useState<FundingKind>(scheme.kind);
  const [amount, setAmount] = useState(scheme.isSet ? formatVnd(scheme.amount).replace(' đ', '') : '');
  const [months, setMonths] = useState<number>(scheme.months);
  const [deadline, setDeadline] = useState(scheme.settlementDeadline);
  const [items, setItems] = useState(scheme.checklist);
  const [isSaved, setSaved] = useState(false);
  const parsed = parseVnd(amount);
  const amountError = amount !== '' && (parsed === null || parsed <= 0) ? t('budgets.amountInvalid') : null;

  const onSave = () => {
    if (parsed === null || parsed <= 0) return;
    setSaved(false);
    save.mutate(
      {
        kind,
        amount: parsed,
        months,
        settlementDeadline: deadline,
        checklist: items.filter((i) => i.label.trim()).map((i) => (i.code ? i : { label: i.label })),
      },
      { onSuccess: () => setSaved(true) },
    );
  };

  return (
    <Paper withBorder p="sm" radius="sm" component="section" aria-labelledby="scheme-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="scheme-title">
          {t('budgets.scheme', { year: scheme.year })}
        </Title>
        <Group align="flex-start" gap="sm">
          <Select
            label={t('budgets.kind')}
            data={(['per_team_year', 'per_team_month', 'per_member_month'] as const).map((k) => ({
              value: k,
              label: t(`budgets.kind.${k}`),
            }))}
            value={kind}
            onChange={(v) => v && setKind(v as FundingKind)}
            allowDeselect={false}
            w={240}
          />
          <TextInput
            label={t('budgets.amount')}
            placeholder={t('budgets.amountHint')}
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            error={amountError}
            w={180}
          />
          {kind !== 'per_team_year' && (
            <NumberInput
              label={t('budgets.months')}
              value={months}
              onChange={(v) => setMonths(Number(v) || 12)}
              min={1}
              max={12}
              allowDecimal={false}
              w={100}
            />
          )}
          <DateField label={t('budgets.deadline')} value={deadline} onChange={setDeadline} w={170} />
        </Group>
        <Text size="sm" fw={500}>
          {t('budgets.checklist')}
        </Text>
        {items.map((item, i) => (
          <Group key={item.code || `new-${i}`} gap="xs" wrap="nowrap">
            <TextInput
              aria-label={t('budgets.checklistItem', { n: i + 1 })}
              value={item.label}
              onChange={(e) => {
                const label = e.currentTarget.value;
                setItems((all) => all.map((x, j) => (j === i ? { ...x, label } : x)));
              }}
              style={{ flex: 1 }}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('budgets.checklistRemove')}
              onClick={() => setItems((all) => all.filter((_, j) => j !== i))}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group gap="sm">
          <Button variant="default" size="xs" onClick={() => setItems((all) => [...all, { code: '', label: '' }])}>
            {t('budgets.checklistAdd')}
          </Button>
        </Group>
        <ErrorAlert error={save.error} />
        <Group gap="sm">
          <Button onClick={onSave} loading={save.isPending} disabled={parsed === null || parsed <= 0}>
            {t('budgets.saveScheme')}
          </Button>
          {isSaved && (
            <Text size="sm" c="green.8" role="status">
              {t('budgets.schemeSaved')}
            </Text>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
