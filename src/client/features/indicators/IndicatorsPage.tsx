import { useState } from 'react';
import { Alert, Anchor, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useLocation } from 'wouter';
import { roleCan } from '../../../shared/permissions.ts';
import type { Indicator } from '../../../shared/schemas/activities.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useLang, useT } from '../../i18n.ts';
import { useMe } from '../auth/session.ts';
import { settingsHref } from '../settings/settings-api.ts';
import { useUnit, useUnitsByLevel } from '../units/units-api.ts';
import { IndicatorFormModal } from './IndicatorFormModal.tsx';
import { useIndicators, useUpdateIndicator } from './indicators-api.ts';
import { indicatorsHref } from './links.ts';
import { indicatorUnitLabel } from '../../../shared/indicator-units.ts';
import { fieldLabel } from './labels.ts';
import { UnitRoute } from '../units/UnitRoute.tsx';

function RowActions({ indicator, onEdit }: { indicator: Indicator; onEdit: () => void }) {
  const t = useT();
  const update = useUpdateIndicator();
  return (
    <Stack gap={4}>
      <Group gap={4} wrap="nowrap">
        <Button size="compact-xs" variant="light" onClick={onEdit} aria-label={`${t('indicators.rename')}: ${indicator.code}`}>
          {t('indicators.rename')}
        </Button>
        <Button
          size="compact-xs"
          variant="light"
          color={indicator.retired ? 'green' : 'red'}
          loading={update.isPending}
          onClick={() => update.mutate({ id: indicator.id, body: { retired: !indicator.retired } })}
          aria-label={`${indicator.retired ? t('indicators.restore') : t('indicators.retire')}: ${indicator.code}`}
        >
          {indicator.retired ? t('indicators.restore') : t('indicators.retire')}
        </Button>
      </Group>
      <ErrorAlert error={update.error} />
    </Stack>
  );
}

interface TableProps {
  title: string;
  items: Indicator[];
  /** Show the edit/retire buttons. */
  editable: boolean;
  onEdit?: (indicator: Indicator) => void;
}

function IndicatorTable({ title, items, editable, onEdit }: TableProps) {
  const t = useT();
  const lang = useLang();
  return (
    <Table.ScrollContainer minWidth={editable ? 640 : 520}>
      <Table striped withTableBorder aria-label={title}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('indicators.name')}</Table.Th>
            <Table.Th>{t('indicators.unit')}</Table.Th>
            <Table.Th>{t('indicators.field')}</Table.Th>
            <Table.Th>{t('indicators.status')}</Table.Th>
            {editable && <Table.Th>{t('common.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((i) => (
            <Table.Tr key={i.id} c={i.retired ? 'dimmed' : undefined}>
              <Table.Td>
                <Text size="sm">{i.name}</Text>
                <Text size="xs" c="dimmed" lang="en">
                  {i.nameEn}
                </Text>
                <Text size="xs" ff="monospace" c="dimmed" aria-label={`${t('indicators.code')}: ${i.code}`}>
                  {i.code}
                </Text>
              </Table.Td>
              <Table.Td>{indicatorUnitLabel(i.unit, lang)}</Table.Td>
              <Table.Td>{fieldLabel(i.field, lang)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm" fw={500} c={i.retired ? 'dimmed' : 'green.8'}>
                  {i.retired ? t('indicators.retired') : t('indicators.active')}
                </Text>
              </Table.Td>
              {editable && (
                <Table.Td>
                  <RowActions indicator={i} onEdit={() => onEdit?.(i)} />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function IndicatorsView({ structure, code }: { structure: Structure; code: string }) {
  const t = useT();
  const unit = useUnit(structure, code);
  const indicators = useIndicators(code, true);
  const user = useMe().data;
  const canManage = Boolean(
    user?.assignments.some((a) => roleCan(a.role, 'settings.manage') && (a.unitCode === null || a.unitCode === code)),
  );
  const [editing, setEditing] = useState<Indicator | 'new' | null>(null);
  const [added, setAdded] = useState('');
  const items = indicators.data?.items ?? [];
  const national = items.filter((i) => i.provinceCode === null);
  const own = items.filter((i) => i.provinceCode !== null);
  return (
    <Stack gap="md">
      <Anchor component={Link} href={settingsHref(structure, code)} size="sm">
        ← {t('indicators.backToSettings')}
      </Anchor>
      <Title order={1} size="h2">
        {t('indicators.title', { name: unit.data?.name ?? code })}
      </Title>
      <Text size="sm" c="dimmed">
        {t('indicators.intro')}
      </Text>
      {!canManage && (
        <Alert color="gray" variant="light">
          {t('indicators.readOnly')}
        </Alert>
      )}
      {indicators.isPending && <PageLoader />}
      <ErrorAlert error={indicators.error} />
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('indicators.own')}
        </Title>
        {canManage && <Button onClick={() => setEditing('new')}>{t('indicators.add')}</Button>}
      </Group>
      {added && (
        <Text size="sm" c="green.8" role="status">
          {t('indicators.added', { code: added })}
        </Text>
      )}
      {indicators.data && own.length === 0 && <Text c="dimmed">{t('indicators.ownEmpty')}</Text>}
      {own.length > 0 && <IndicatorTable title={t('indicators.own')} items={own} editable={canManage} onEdit={setEditing} />}
      <Title order={2} size="h4">
        {t('indicators.national')}
      </Title>
      {national.length > 0 && <IndicatorTable title={t('indicators.national')} items={national} editable={false} />}
      <IndicatorFormModal
        province={code}
        indicator={editing && editing !== 'new' ? editing : undefined}
        opened={editing !== null}
        onClose={(saved) => {
          if (saved && editing === 'new') setAdded(saved);
          setEditing(null);
        }}
      />
    </Stack>
  );
}

/** Indicators of a province `/provinces/:structure/:code/indicators`: national ones read-only, the province's own editable with 'settings.manage'. */
export function IndicatorsPage() {
  return <UnitRoute view={IndicatorsView} />;
}

/** `/indicators`: a province chooser for a national administrator. */
export function IndicatorsLanding() {
  const t = useT();
  const [, navigate] = useLocation();
  const provinces = useUnitsByLevel('current', 'province');
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('indicators.titleNational')}
      </Title>
      <ErrorAlert error={provinces.error} />
      <Select
        label={t('indicators.pickProvince')}
        data={(provinces.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))}
        onChange={(v) => v && navigate(indicatorsHref('current', v))}
        searchable
        maw={400}
      />
    </Stack>
  );
}
