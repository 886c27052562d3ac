import { useState, type FormEvent } from 'react';
import { Button, Group, List, MultiSelect, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { villageLineageSchema, type CommuneReestablishmentDetail } from '../../../shared/schemas/reorganisation.ts';
import { DateField } from '../../components/DateField.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorsUnder, formLevelError, useSchemaCheck } from '../../components/use-schema-check.ts';
import { useT } from '../../i18n.ts';
import { formatDate, vnToday } from '../../../shared/dates.ts';
import { useDeclareLineage, useVillageLineage } from './reorganisation-api.ts';

type Kind = 'merge' | 'split' | 'rename';

/**
 * "Thôn/ấp cũ và mới": what the commune has declared, and the form to declare how former villages
 * (its own, or those of the former communes) became its villages.
 */
export function VillageLineageSection({
  commune,
  detail,
  villages,
}: {
  commune: { code: string; name: string };
  detail: CommuneReestablishmentDetail;
  villages: { code: string; name: string; retiredAt: string | null }[];
}) {
  const t = useT();
  const lineage = useVillageLineage(commune.code);
  const declare = useDeclareLineage(commune.code);
  const [kind, setKind] = useState<Kind>('merge');
  const [from, setFrom] = useState<string[]>([]);
  const [to, setTo] = useState<string[]>([]);
  const [date, setDate] = useState('2025-07-01');
  const { errors, check } = useSchemaCheck(villageLineageSchema);

  // Values carry their structure: "legacy:29902-001", "current:29905-003".
  const former = [
    ...detail.communes.map((c) => ({ group: c.name, items: c.villages.map((v) => ({ value: `legacy:${v.code}`, label: v.name })) })),
    { group: commune.name, items: villages.filter((v) => !v.retiredAt).map((v) => ({ value: `current:${v.code}`, label: v.name })) },
  ].filter((g) => g.items.length > 0);
  const current = villages.filter((v) => !v.retiredAt).map((v) => ({ value: v.code, label: v.name }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const olds = from.map((value) => {
      const [structure, code] = value.split(':') as ['legacy' | 'current', string];
      return { structure, code };
    });
    const body = check({ kind, effectiveOn: date, from: olds, to });
    if (!body) return;
    declare.mutate(body, {
      onSuccess: () => {
        setFrom([]);
        setTo([]);
      },
    });
  };

  return (
    <Stack gap="xs" component="section" aria-labelledby="lineage-title">
      <Title order={2} size="h4" id="lineage-title">
        {t('reorg.lineage')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('reorg.lineageIntro', { name: commune.name })}
      </Text>
      <ErrorAlert error={lineage.error} />
      {lineage.data && lineage.data.items.length === 0 && <Text c="dimmed">{t('reorg.lineageNone')}</Text>}
      {lineage.data && lineage.data.items.length > 0 && (
        <List spacing={2} size="sm">
          {lineage.data.items.map((l) => (
            <List.Item key={`${l.fromStructure}-${l.fromCode}-${l.toCode}`}>
              {t('reorg.lineageItem', { from: l.fromName, to: l.toName, kind: t(`reorg.kind.${l.kind}`), date: formatDate(l.effectiveOn) })}
            </List.Item>
          ))}
        </List>
      )}
      <Paper withBorder p="sm" radius="sm" component="form" onSubmit={onSubmit}>
        <Stack gap="xs">
          <ErrorAlert error={declare.error ?? formLevelError(errors, ['kind', 'effectiveOn', 'from', 'to'])} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            <Select
              label={t('reorg.kind')}
              data={(['merge', 'split', 'rename'] as const).map((k) => ({ value: k, label: t(`reorg.kind.${k}`) }))}
              value={kind}
              onChange={(v) => setKind((v ?? 'merge') as Kind)}
              error={errors.kind}
              allowDeselect={false}
            />
            <DateField label={t('reorg.date')} value={date} max={vnToday()} onChange={setDate} error={errors.effectiveOn} required />
            <MultiSelect
              label={t('reorg.lineageFrom')}
              data={former}
              value={from}
              onChange={setFrom}
              error={errors.from ?? Object.values(errorsUnder(errors, 'from'))[0]}
              searchable
              required
            />
            <MultiSelect
              label={t('reorg.lineageTo')}
              data={current}
              value={to}
              onChange={setTo}
              error={errors.to ?? Object.values(errorsUnder(errors, 'to'))[0]}
              searchable
              required
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={declare.isPending} disabled={from.length === 0 || to.length === 0}>
              {t('reorg.lineageSubmit')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
