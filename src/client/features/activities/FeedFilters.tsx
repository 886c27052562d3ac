import { useState } from 'react';
import { Button, Collapse, Group, Select, SimpleGrid, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { ACTIVITY_STATUSES, type Indicator } from '../../../shared/schemas/activities.ts';
import type { Team } from '../../../shared/schemas/teams.ts';
import { useLang, useT } from '../../i18n.ts';
import { indicatorName } from '../indicators/labels.ts';
import type { FeedFilters as Filters } from './links.ts';
import { statusLabel } from './labels.ts';
import { DateField } from '../../components/DateField.tsx';

interface FeedFiltersProps {
  value: Filters;
  onChange: (next: Filters) => void;
  indicators: Indicator[];
  teams: Team[];
}

/** Indicator, team, date range and status filters of the feed (applied as they change). */
export function FeedFilters({ value, onChange, indicators, teams }: FeedFiltersProps) {
  const t = useT();
  const lang = useLang();
  const set = (key: keyof Filters) => (v: string | null) => onChange({ ...value, [key]: v || undefined });
  const active = Object.values(value).filter(Boolean).length;
  const isPhone = useMediaQuery('(max-width: 48em)') ?? false;
  const [shown, setShown] = useState(false);
  const fields = (
    <Group gap="xs" align="flex-end">
      <SimpleGrid cols={{ base: 2, md: 5 }} spacing="xs" style={{ flex: '1 1 480px' }}>
        <Select
          label={t('activities.indicator')}
          placeholder={t('activities.allIndicators')}
          data={indicators.map((i) => ({ value: i.code, label: indicatorName(i, lang) }))}
          value={value.indicator ?? null}
          onChange={set('indicator')}
          searchable
          clearable
          style={{ gridColumn: isPhone ? 'span 2' : undefined }}
        />
        <Select
          label={t('activities.team')}
          placeholder={t('activities.allTeams')}
          data={teams.map((team) => ({ value: team.id, label: team.name }))}
          value={value.team ?? null}
          onChange={set('team')}
          searchable
          clearable
          style={{ gridColumn: isPhone ? 'span 2' : undefined }}
        />
        <DateField label={t('activities.from')} value={value.from ?? ''} max={value.to} onChange={set('from')} />
        <DateField label={t('activities.to')} value={value.to ?? ''} min={value.from} onChange={set('to')} />
        <Select
          label={t('activities.status')}
          placeholder={t('activities.allStatuses')}
          data={ACTIVITY_STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) }))}
          value={value.status ?? null}
          onChange={set('status')}
          clearable
          style={{ gridColumn: isPhone ? 'span 2' : undefined }}
        />
      </SimpleGrid>
      {active > 0 && (
        <Button variant="subtle" onClick={() => onChange({})}>
          {t('activities.resetFilters')}
        </Button>
      )}
    </Group>
  );
  if (!isPhone) return fields;
  return (
    <Stack gap="xs">
      <Group>
        <Button variant={active > 0 ? 'light' : 'default'} size="xs" onClick={() => setShown((v) => !v)} aria-expanded={shown}>
          {active > 0 ? `${t('activities.filters')} (${active})` : t('activities.filters')}
        </Button>
      </Group>
      <Collapse expanded={shown}>{fields}</Collapse>
    </Stack>
  );
}
