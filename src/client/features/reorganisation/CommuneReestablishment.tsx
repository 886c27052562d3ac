import { Alert, Badge, Divider, Group, Stack, Table, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useT } from '../../i18n.ts';
import { DecisionDownloadButton, Mau2DownloadButton } from '../teams/DownloadButtons.tsx';
import { useTeams } from '../teams/teams-api.ts';
import { formatDate } from '../../../shared/dates.ts';
import { useVillages } from '../units/units-api.ts';
import { PendingTeamCard } from './PendingTeamCard.tsx';
import { StatusBadge } from './ProvinceTable.tsx';
import { useCommuneReestablishment } from './reorganisation-api.ts';
import { VillageLineageSection } from './VillageLineageSection.tsx';

/**
 * "Kiện toàn sau sắp xếp" of a merged commune: for each former commune its active teams with their
 * members, to move, merge or dissolve; what was done; the village lineage; the new Mẫu 1 and Mẫu 2.
 */
export function CommuneReestablishment({ code, name }: { code: string; name: string }) {
  const t = useT();
  const detail = useCommuneReestablishment(code);
  const villages = useVillages('current', code, true);
  const teams = useTeams('current', code);
  if (detail.isPending || villages.isPending || teams.isPending) return <PageLoader />;
  if (detail.isError) return <ErrorAlert error={detail.error} />;
  const d = detail.data;
  const villageList = villages.data?.items ?? [];
  const done = d.communes.filter((c) => c.teams.length === 0);
  const destinations = {
    commune: { code, name },
    villages: villageList.filter((v) => !v.retiredAt),
    teams: teams.data?.items ?? [],
  };
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('reorg.title', { name })}
      </Title>
      <Group gap="xs">
        <StatusBadge status={d.status} />
        <Text size="sm" role="status">
          {t('reorg.counts', { pending: d.pending, moved: d.moved, merged: d.merged, dissolved: d.dissolved })}
        </Text>
      </Group>
      <Text size="sm" c="dimmed">
        {t('reorg.intro', { name })}
      </Text>
      <Group gap="xs" align="flex-start">
        <DecisionDownloadButton structure="current" commune={code} purpose="reestablishment" />
        <Mau2DownloadButton structure="current" unit={code} />
      </Group>
      <ErrorAlert error={villages.error ?? teams.error} />
      {d.communes
        .filter((c) => c.teams.length > 0)
        .map((c) => (
          <Stack key={c.code} gap="xs" component="section" aria-label={t('reorg.predecessor', { name: c.name })}>
            <Group gap="xs">
              <Title order={2} size="h4">
                {t('reorg.predecessor', { name: c.name })}
              </Title>
              {c.isPartial && (
                <Badge color="orange" variant="light" tt="none">
                  {t('reorg.partial')}
                </Badge>
              )}
            </Group>
            {c.isPartial && (
              <Alert color="orange" variant="light">
                {t('reorg.partialHint')}
              </Alert>
            )}
            {c.teams.map((team) => (
              <PendingTeamCard key={team.id} team={team} to={destinations} />
            ))}
          </Stack>
        ))}
      {done.length > 0 && (
        <Text c="dimmed" size="sm">
          {t('reorg.nothingLeft', { names: done.map((c) => c.name).join(', ') })}
        </Text>
      )}
      <Divider />
      <Title order={2} size="h4">
        {t('reorg.handled')}
      </Title>
      {d.handled.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('reorg.noneHandled')}
        </Text>
      )}
      <Table striped aria-label={t('reorg.handled')}>
        <Table.Tbody>
          {d.handled.map((h) => (
            <Table.Tr key={h.id}>
              <Table.Td>{h.name}</Table.Td>
              <Table.Td>{h.fromCommuneName}</Table.Td>
              <Table.Td>{t(`reorg.outcome.${h.outcome}`, { to: h.toName ?? '' })}</Table.Td>
              <Table.Td>{h.on ? formatDate(h.on) : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Divider />
      <VillageLineageSection commune={{ code, name }} detail={d} villages={villageList} />
    </Stack>
  );
}
