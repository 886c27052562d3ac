import { useState } from 'react';
import { Button, Group, MultiSelect, NumberInput, Paper, Select, Stack, Textarea, TextInput } from '@mantine/core';
import type { ReportPeriodType } from '../../../shared/schemas/reports.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n.ts';
import { useIndicators } from '../indicators/indicators-api.ts';
import { useCreateReportDefinition } from './reports-api.ts';
import { DateField } from '../../components/DateField.tsx';

const PERIOD_TYPES: ReportPeriodType[] = ['monthly', 'quarterly', 'yearly', 'one_off'];

/** The province's form for a new report definition; sections are one title per line. */
export function DefinitionForm({ structure, provinceCode, onCreated }: { structure: string; provinceCode: string; onCreated: () => void }) {
  const t = useT();
  const create = useCreateReportDefinition();
  const indicators = useIndicators(provinceCode);
  const [name, setName] = useState('');
  const [periodType, setPeriodType] = useState<ReportPeriodType>('monthly');
  const [dueDay, setDueDay] = useState<number>(5);
  const [dueOn, setDueOn] = useState('');
  const [firstPeriod, setFirstPeriod] = useState('');
  const [level, setLevel] = useState<'commune' | 'district'>('commune');
  const [codes, setCodes] = useState<string[]>([]);
  const [sections, setSections] = useState('Kết quả nổi bật\nKhó khăn, vướng mắc\nĐề xuất, kiến nghị');
  const submit = () =>
    create.mutate(
      {
        structure: structure as 'current',
        provinceCode,
        name,
        periodType,
        dueDay: periodType === 'one_off' ? null : dueDay,
        dueOn: periodType === 'one_off' ? dueOn || null : null,
        // Blank: the current period; nothing is due or late before the first period.
        firstPeriod: periodType === 'one_off' ? undefined : firstPeriod.trim() || undefined,
        submittingLevel: level,
        indicatorCodes: codes,
        sections: sections
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean)
          .map((title, i) => ({ key: `muc_${i + 1}`, title })),
      },
      { onSuccess: onCreated },
    );
  return (
    <Paper withBorder p="md">
      <Stack>
        <TextInput label={t('reports.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
        <Group grow>
          <Select
            label={t('reports.periodTypeLabel')}
            value={periodType}
            allowDeselect={false}
            onChange={(v) => setPeriodType((v ?? 'monthly') as ReportPeriodType)}
            data={PERIOD_TYPES.map((p) => ({ value: p, label: t(`reports.periodType.${p}`) }))}
          />
          {periodType === 'one_off' ? (
            <DateField label={t('reports.dueOn')} value={dueOn} onChange={setDueOn} />
          ) : (
            <NumberInput label={t('reports.dueDay')} value={dueDay} min={0} max={90} onChange={(v) => setDueDay(Number(v) || 0)} />
          )}
          {periodType !== 'one_off' && (
            <TextInput
              label={t('reports.firstPeriod')}
              description={t('reports.firstPeriodHint')}
              placeholder={periodType === 'monthly' ? '2026-12' : periodType === 'quarterly' ? '2026Q4' : '2026'}
              value={firstPeriod}
              onChange={(e) => setFirstPeriod(e.currentTarget.value)}
            />
          )}
          <Select
            label={t('reports.level')}
            value={level}
            allowDeselect={false}
            onChange={(v) => setLevel((v ?? 'commune') as 'commune' | 'district')}
            data={[
              { value: 'commune', label: t('reports.level.commune') },
              { value: 'district', label: t('reports.level.district') },
            ]}
          />
        </Group>
        <MultiSelect
          label={t('reports.indicators')}
          value={codes}
          onChange={setCodes}
          searchable
          data={(indicators.data?.items ?? []).map((i) => ({ value: i.code, label: i.name }))}
        />
        <Textarea
          label={t('reports.sections')}
          description={t('reports.sectionsHint')}
          autosize
          minRows={3}
          value={sections}
          onChange={(e) => setSections(e.currentTarget.value)}
        />
        {create.error ? <ErrorAlert error={create.error} /> : null}
        <Group>
          <Button onClick={submit} loading={create.isPending}>
            {t('reports.create')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
