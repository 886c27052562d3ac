import { useState } from 'react';
import { Accordion, Anchor, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useLang, useT } from '../../i18n.ts';
import { progressHref } from '../activities/links.ts';
import { UnitLanding } from '../activities/UnitLanding.tsx';
import { IndicatorProgress } from '../progress/IndicatorProgress.tsx';
import { formatNumber, useProgress } from '../progress/progress-api.ts';
import { TeamProgressTable } from '../progress/TeamProgressTable.tsx';
import { useCoverage } from '../teams/teams-api.ts';
import { DashboardFilters, trendIndicator, useDashboardQuery } from './DashboardFilters.tsx';
import { dashboardHref, teamDashboardHref, useRanking, useTeamProgressOnDemand } from './dashboards-api.ts';
import { KeyCards } from './KeyCards.tsx';
import { RankingTable } from './RankingTable.tsx';
import { ReportStatusCard } from './ReportStatusCard.tsx';
import { TrendPanel } from './TrendChart.tsx';
import { UnitRoute } from '../units/UnitRoute.tsx';

function CoverageSummary({ structure, code }: { structure: Structure; code: string }) {
  const t = useT();
  const lang = useLang();
  const coverage = useCoverage(structure, code);
  const u = coverage.data?.unit;
  return (
    <Paper withBorder p="sm" radius="md">
      <Title order={2} size="h5">
        {t('dashboard.coverage')}
      </Title>
      <ErrorAlert error={coverage.error} />
      {u && (
        <Stack gap={2}>
          <Text size="sm">
            {t('dashboard.coverageLine', {
              covered: formatNumber(u.villagesCovered, lang),
              villages: formatNumber(u.villages, lang),
              teams: formatNumber(u.teams, lang),
              members: formatNumber(u.members, lang),
            })}
          </Text>
          {u.villagesWithoutTeam > 0 && (
            <Text size="sm" c="red">
              {t('dashboard.withoutTeam', { n: formatNumber(u.villagesWithoutTeam, lang) })}
            </Text>
          )}
          {u.communesWithoutVillageList > 0 && (
            <Text size="sm" c="red" data-testid="undeclared-communes">
              {u.level === 'commune'
                ? t('coverage.undeclared')
                : t('coverage.undeclaredCommunes', { n: formatNumber(u.communesWithoutVillageList, lang) })}
            </Text>
          )}
          <Anchor component={Link} href={`/coverage/${structure}/${encodeURIComponent(code)}`} size="sm">
            {t('dashboard.coverageLink')}
          </Anchor>
        </Stack>
      )}
    </Paper>
  );
}

function DashboardView({ structure, code }: { structure: Structure; code: string }) {
  const t = useT();
  const query = useDashboardQuery();
  const { year, indicator } = query;
  const [open, setOpen] = useState<string[]>([]);
  const progress = useProgress(structure, code, year);
  const ranking = useRanking(structure, code, year, indicator, open.includes('ranking'));
  const teams = useTeamProgressOnDemand(structure, code, year, open.includes('teams'));
  const items = (progress.data?.items ?? []).filter((i) => i.target > 0 || i.achieved > 0);
  const names = new Map(items.map((i) => [i.indicator, i.name] as const));
  const behind = (teams.data?.items ?? []).filter((r) => r.behindPace);
  // The page appears whole once the figures are in (later years keep the previous ones until
  // theirs arrive), so nothing on screen jumps down as parts of it load.
  if (progress.isPending) return <PageLoader />;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="xs">
        <Title order={1} size="h2">
          {t('dashboard.title', { name: progress.data?.unitName ?? code })}
        </Title>
        <DashboardFilters items={items} query={query} />
      </Group>
      <ErrorAlert error={progress.error} />
      {progress.data && <KeyCards items={items} />}
      <TrendPanel subject={{ structure, unit: code }} year={year} indicator={trendIndicator(items, indicator)} />
      <Title order={2} size="h4">
        {t('dashboard.bars')}
      </Title>
      {progress.data && <IndicatorProgress items={items} names={names} structure={structure} unit={code} />}
      <Anchor component={Link} href={progressHref(structure, code, year)} size="sm">
        {t('dashboard.progressLink')}
      </Anchor>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        <CoverageSummary structure={structure} code={code} />
        <ReportStatusCard structure={structure} code={code} year={year} />
      </SimpleGrid>
      <Accordion multiple value={open} onChange={setOpen} variant="separated">
        <Accordion.Item value="ranking">
          <Accordion.Control>{ranking.data?.level === 'team' ? t('dashboard.rankingTeams') : t('dashboard.ranking')}</Accordion.Control>
          <Accordion.Panel>
            {ranking.isPending && open.includes('ranking') && <PageLoader />}
            <ErrorAlert error={ranking.error} />
            {ranking.data && <RankingTable ranking={ranking.data} structure={structure} />}
          </Accordion.Panel>
        </Accordion.Item>
        <Accordion.Item value="teams">
          <Accordion.Control>{t('dashboard.teamsBehind')}</Accordion.Control>
          <Accordion.Panel>
            {teams.isPending && open.includes('teams') && <PageLoader />}
            <ErrorAlert error={teams.error} />
            {teams.data && behind.length === 0 && <Text c="dimmed">{t('dashboard.noneBehind')}</Text>}
            {teams.data && behind.length > 0 && (
              <TeamProgressTable
                rows={behind}
                expected={teams.data.expectedPercent}
                structure={structure}
                names={names}
                teamLink={teamDashboardHref}
              />
            )}
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
    </Stack>
  );
}

/** Dashboard `/dashboard/:structure/:code?year=&indicator=`: key cards, bars, trend, coverage, report status; heavy tables on demand. */
export function DashboardPage() {
  return <UnitRoute view={DashboardView} />;
}

/** `/dashboard` without a unit: the user's own unit, or a chooser. */
export function DashboardLanding() {
  const t = useT();
  return <UnitLanding title={t('nav.dashboard')} href={dashboardHref} />;
}
