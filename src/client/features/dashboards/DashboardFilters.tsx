import { Group, NativeSelect } from '@mantine/core';
import { useSearchParams } from 'wouter';
import { useT } from '../../i18n.ts';
import { type ProgressItem } from '../progress/progress-api.ts';
import { vnYear } from '../../../shared/dates.ts';

const FIRST_YEAR = 2022;

/** The dashboard's year (`?year=`, this year when absent or out of range) and indicator (`?indicator=`), kept in the URL. */
export function useDashboardQuery() {
  const [params, setParams] = useSearchParams();
  const now = vnYear();
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= FIRST_YEAR && asked <= now + 1 ? asked : now;
  const indicator = params.get('indicator') || null;
  const setQuery = (y: number, ind: string | null) =>
    setParams(new URLSearchParams({ year: String(y), ...(ind ? { indicator: ind } : {}) }), { replace: true });
  return { year, indicator, setQuery };
}

/** The indicator of the monthly trend: the one chosen, else the page's first (indicators are never added up). */
export function trendIndicator(items: ProgressItem[], indicator: string | null): { code: string; name: string } | null {
  const item = items.find((i) => i.indicator === indicator) ?? items[0];
  if (indicator && !item) return { code: indicator, name: indicator };
  return item ? { code: item.indicator, name: item.name } : null;
}

/** The indicator and year pickers of a dashboard: the phone's own pickers (native selects), light to draw. */
export function DashboardFilters({ items, query }: { items: ProgressItem[]; query: ReturnType<typeof useDashboardQuery> }) {
  const t = useT();
  const { year, indicator, setQuery } = query;
  const now = vnYear();
  const years = Array.from({ length: now + 2 - FIRST_YEAR }, (_, i) => String(FIRST_YEAR + i)).reverse();
  return (
    <Group gap="xs" align="flex-end">
      <NativeSelect
        label={t('dashboard.indicator')}
        data={[{ value: '', label: t('dashboard.allIndicators') }, ...items.map((i) => ({ value: i.indicator, label: i.name }))]}
        value={indicator ?? ''}
        onChange={(e) => setQuery(year, e.currentTarget.value || null)}
        w={200}
      />
      <NativeSelect
        label={t('progress.year')}
        data={years}
        value={String(year)}
        onChange={(e) => setQuery(Number(e.currentTarget.value), indicator)}
        w={100}
      />
    </Group>
  );
}
