import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'wouter';
import type { DashboardTeam } from '../../../shared/schemas/dashboards.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useT } from '../../i18n.ts';
import { activitiesHref } from '../activities/links.ts';
import { IndicatorProgress } from '../progress/IndicatorProgress.tsx';
import { teamHref } from '../teams/labels.ts';
import { TeamStatusBadge } from '../teams/TeamStatusBadge.tsx';
import { DashboardFilters, trendIndicator, useDashboardQuery } from './DashboardFilters.tsx';
import { dashboardHref, useTeamDashboard } from './dashboards-api.ts';
import { KeyCards } from './KeyCards.tsx';
import { TrendPanel } from './TrendChart.tsx';

function TeamLinks({ data }: { data: DashboardTeam }) {
  const t = useT();
  return (
    <Group gap="md">
      <Anchor component={Link} href={activitiesHref(data.structure, data.communeCode, { team: data.team.id })} size="sm">
        {t('dashboard.teamActivities')}
      </Anchor>
      <Anchor component={Link} href={teamHref(data.team.id)} size="sm">
        {t('dashboard.teamPage')}
      </Anchor>
      <Anchor component={Link} href={dashboardHref(data.structure, data.communeCode)} size="sm">
        {t('dashboard.communeDashboard')}
      </Anchor>
    </Group>
  );
}

/** Team dashboard `/dashboard/team/:id?year=&indicator=`: its key indicators against its own targets with pace, bars and its monthly trend. */
export function TeamDashboardPage() {
  const t = useT();
  const { id } = useParams<{ id: string }>();
  const query = useDashboardQuery();
  const { year, indicator } = query;
  const dashboard = useTeamDashboard(id, year);
  if (dashboard.isPending) return <PageLoader />;
  if (dashboard.isError) return <ErrorAlert error={dashboard.error} />;
  const data = dashboard.data;
  const names = new Map(data.items.map((i) => [i.indicator, i.name] as const));
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="xs">
        <Stack gap={2}>
          <Group gap="xs">
            <Title order={1} size="h2">
              {t('dashboard.title', { name: data.team.name })}
            </Title>
            {data.team.status !== 'active' && <TeamStatusBadge status={data.team.status} />}
          </Group>
          <Text size="sm" c="dimmed">
            {data.unitName}
          </Text>
        </Stack>
        <DashboardFilters items={data.items} query={query} />
      </Group>
      <TeamLinks data={data} />
      {data.items.length === 0 ? <Text c="dimmed">{t('dashboard.teamNothing')}</Text> : <KeyCards items={data.items} />}
      <TrendPanel subject={{ team: id }} year={year} indicator={trendIndicator(data.items, indicator)} />
      <Title order={2} size="h4">
        {t('dashboard.bars')}
      </Title>
      <IndicatorProgress items={data.items} names={names} structure={data.structure} unit={data.communeCode} team={data.team.id} />
    </Stack>
  );
}
