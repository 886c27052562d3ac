import { Anchor, Group, Loader, Select, Stack, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'wouter';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useLang, useT } from '../../i18n.ts';
import { activitiesHref, progressHref } from '../activities/links.ts';
import { UnitLanding } from '../activities/UnitLanding.tsx';
import { useIndicators } from '../indicators/indicators-api.ts';
import { indicatorName } from '../indicators/labels.ts';
import { useUnit } from '../units/units-api.ts';
import { IndicatorProgress } from './IndicatorProgress.tsx';
import { formatPercent, useProgress, useTeamProgress, type Progress } from './progress-api.ts';
import { TeamProgressTable } from './TeamProgressTable.tsx';
import { UnitRoute } from '../units/UnitRoute.tsx';
import { formatDate, vnYear } from '../../../shared/dates.ts';

const FIRST_YEAR = 2022;

function useYear(): [number, (y: number) => void] {
  const [params, setParams] = useSearchParams();
  const now = vnYear();
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= 2020 && asked <= now + 1 ? asked : now;
  return [year, (y) => setParams(new URLSearchParams({ year: String(y) }), { replace: true })];
}

function Deadlines({ progress }: { progress: Progress }) {
  const t = useT();
  const lang = useLang();
  const d = progress.deadlines;
  const expected = progress.items[0]?.expectedPercent;
  return (
    <Stack gap={0}>
      <Text size="sm" c="dimmed">
        {t('progress.deadline', { date: formatDate(d.completionDeadline), date2: formatDate(d.reportDeadline) })}
        {d.isDefault ? ` ${t('progress.defaultDeadlines')}` : ''}
      </Text>
      {expected !== undefined && (
        <Text size="sm" c="dimmed">
          {t('progress.expected', { p: formatPercent(expected, lang) })} · {t('progress.note')}
        </Text>
      )}
    </Stack>
  );
}

/** Indicator code → name in the UI language (the progress answer carries Vietnamese names only). */
function useIndicatorNames(structure: Structure, code: string, items: Progress['items']): Map<string, string> {
  const lang = useLang();
  const unit = useUnit(structure, code);
  const province = structure === 'legacy' ? null : (unit.data?.provinceCode ?? null);
  const indicators = useIndicators(province, true, lang === 'en' && !unit.isPending);
  const names = new Map(items.map((i) => [i.indicator, i.name] as const));
  if (lang === 'en') for (const i of indicators.data?.items ?? []) if (names.has(i.code)) names.set(i.code, indicatorName(i, lang));
  return names;
}

function ProgressView({ structure, code }: { structure: Structure; code: string }) {
  const t = useT();
  const [year, setYear] = useYear();
  const progress = useProgress(structure, code, year);
  const teams = useTeamProgress(structure, code, year);
  const names = useIndicatorNames(structure, code, progress.data?.items ?? []);
  const years = Array.from({ length: vnYear() + 2 - FIRST_YEAR }, (_, i) => String(FIRST_YEAR + i)).reverse();
  const shown = (progress.data?.items ?? []).filter((i) => i.target > 0 || i.achieved > 0);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="xs">
        <Stack gap={2}>
          <Title order={1} size="h2">
            {t('progress.title', { name: progress.data?.unitName ?? code })}
          </Title>
          <Anchor component={Link} href={activitiesHref(structure, code)} size="sm">
            {t('nav.activities')} →
          </Anchor>
        </Stack>
        <Group gap="xs" align="flex-end">
          {(progress.isFetching || teams.isFetching) && !progress.isPending && <Loader size="xs" />}
          <Select
            label={t('progress.year')}
            data={years}
            value={String(year)}
            onChange={(v) => v && setYear(Number(v))}
            allowDeselect={false}
            w={110}
          />
        </Group>
      </Group>
      {progress.isPending && <PageLoader />}
      <ErrorAlert error={progress.error} />
      {progress.data && <Deadlines progress={progress.data} />}
      <Title order={2} size="h4">
        {t('progress.indicators')}
      </Title>
      {progress.data && shown.length === 0 && <Text c="dimmed">{t('progress.empty')}</Text>}
      {progress.data && <IndicatorProgress items={shown} names={names} structure={structure} unit={code} />}
      <Title order={2} size="h4">
        {t('progress.teams')}
      </Title>
      {teams.isPending && <PageLoader />}
      <ErrorAlert error={teams.error} />
      {teams.data && (
        <TeamProgressTable rows={teams.data.items} expected={teams.data.expectedPercent} structure={structure} names={names} />
      )}
    </Stack>
  );
}

/** Progress page `/progress/:structure/:code?year=`: per indicator and per team, against the expected pace. */
export function ProgressPage() {
  return <UnitRoute view={ProgressView} />;
}

/** `/progress` without a unit. */
export function ProgressLanding() {
  const t = useT();
  return <UnitLanding title={t('nav.progress')} href={(s, c) => progressHref(s, c)} />;
}
