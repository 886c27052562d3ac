import { useEffect, useState } from 'react';
import { Anchor, Button, Center, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useIntersection, useMediaQuery } from '@mantine/hooks';
import { Link, useSearchParams } from 'wouter';
import type { Indicator } from '../../../shared/schemas/activities.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { Team } from '../../../shared/schemas/teams.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useT } from '../../i18n.ts';
import { useMe, userCan } from '../auth/session.ts';
import { useIndicators } from '../indicators/indicators-api.ts';
import { useTeams } from '../teams/teams-api.ts';
import { useUnit } from '../units/units-api.ts';
import { useActivityFeed } from './activities-api.ts';
import { ActivityCard } from './ActivityCard.tsx';
import { ActivityForm } from './ActivityForm.tsx';
import { FeedFilters } from './FeedFilters.tsx';
import { isActivityStatus } from './labels.ts';
import { activitiesHref, progressHref, type FeedFilters as Filters } from './links.ts';
import { UnitLanding } from './UnitLanding.tsx';
import { UnitRoute } from '../units/UnitRoute.tsx';

const DATE = /^\d{4}-\d{2}-\d{2}$/u;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

/** The filters in the URL, dropping values the API would reject. */
function useUrlFilters(): [Filters, (next: Filters) => void] {
  const [params, setParams] = useSearchParams();
  const pick = (key: string, ok: (v: string) => boolean) => {
    const v = params.get(key);
    return v && ok(v) ? v : undefined;
  };
  const filters: Filters = {
    indicator: pick('indicator', (v) => v.length <= 40),
    team: pick('team', (v) => UUID.test(v)),
    from: pick('from', (v) => DATE.test(v)),
    to: pick('to', (v) => DATE.test(v)),
    status: pick('status', isActivityStatus),
  };
  const set = (next: Filters) => {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v) query.set(k, v);
    setParams(query, { replace: true });
  };
  return [filters, set];
}

function Feed({ structure, code, filters, indicators }: { structure: Structure; code: string; filters: Filters; indicators: Indicator[] }) {
  const t = useT();
  const feed = useActivityFeed(structure, code, filters);
  const { ref, entry } = useIntersection({ rootMargin: '400px' });
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = feed;
  const visible = Boolean(entry?.isIntersecting);
  useEffect(() => {
    if (visible && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [visible, hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (feed.isPending) return <PageLoader />;
  if (feed.isError) return <ErrorAlert error={feed.error} />;
  const items = feed.data.pages.flatMap((p) => p.items);
  return (
    <Stack gap="sm" role="feed" aria-label={t('activities.feedLabel')} aria-busy={feed.isFetching}>
      {items.length === 0 && <Text c="dimmed">{t('activities.empty')}</Text>}
      {items.map((a) => (
        <ActivityCard key={a.id} activity={a} indicators={indicators} />
      ))}
      <div ref={ref} />
      <ErrorAlert error={feed.error} />
      {hasNextPage ? (
        <Center>
          <Button variant="default" onClick={() => void fetchNextPage()} loading={isFetchingNextPage}>
            {t('activities.loadMore')}
          </Button>
        </Center>
      ) : (
        items.length > 0 && (
          <Text size="sm" c="dimmed" ta="center">
            {t('activities.end')}
          </Text>
        )
      )}
    </Stack>
  );
}

function LogButton({ teams, indicators }: { teams: Team[]; indicators: Indicator[] }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const isPhone = useMediaQuery('(max-width: 36em)') ?? false;
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('activities.log')}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('activities.logTitle')} size="lg" fullScreen={isPhone} centered>
        {open && <ActivityForm teams={teams} indicators={indicators} onDone={() => setOpen(false)} />}
      </Modal>
    </>
  );
}

function FeedView({ structure, code }: { structure: Structure; code: string }) {
  const t = useT();
  const canLog = userCan(useMe().data, 'activity.log');
  const [filters, setFilters] = useUrlFilters();
  const unit = useUnit(structure, code);
  const province = structure === 'legacy' ? null : (unit.data?.provinceCode ?? null);
  const indicators = useIndicators(province, true, !unit.isPending);
  const teams = useTeams(structure, code);
  const indicatorList = indicators.data?.items ?? [];
  const teamList = teams.data?.items ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="xs">
        <Stack gap={2}>
          <Title order={1} size="h2">
            {t('activities.title', { name: unit.data?.name ?? code })}
          </Title>
          <Anchor component={Link} href={progressHref(structure, code)} size="sm">
            {t('nav.progress')} →
          </Anchor>
        </Stack>
        {canLog && <LogButton teams={teamList.filter((x) => x.status === 'active')} indicators={indicatorList} />}
      </Group>
      <ErrorAlert error={indicators.error ?? teams.error} />
      <FeedFilters value={filters} onChange={setFilters} indicators={indicatorList} teams={teamList} />
      <Feed structure={structure} code={code} filters={filters} indicators={indicatorList} />
    </Stack>
  );
}

/** Activity feed `/activities/:structure/:code` of any unit in scope: filters in the URL, infinite scroll, review, edit and logging. */
export function ActivityFeedPage() {
  return <UnitRoute view={FeedView} />;
}

/** `/activities` without a unit. */
export function ActivitiesLanding() {
  const t = useT();
  return <UnitLanding title={t('nav.activities')} href={(s, c) => activitiesHref(s, c)} />;
}
