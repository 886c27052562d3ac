import { Anchor, Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useT } from '../../i18n.ts';
import { useMe, userCan } from '../auth/session.ts';
import { duplicatesHref } from '../people/duplicates-api.ts';
import { CreateTeamForm } from './CreateTeamForm.tsx';
import { DecisionDownloadButton, Mau2DownloadButton } from './DownloadButtons.tsx';
import { coverageHref, teamHref, teamPlace } from './labels.ts';
import { formatDate } from '../../../shared/dates.ts';
import { TeamStatusBadge } from './TeamStatusBadge.tsx';
import { useTeams } from './teams-api.ts';
import { gendersHref } from '../people/genders-api.ts';

/** "Tổ công nghệ số" of a commune: list of teams, downloads (Mẫu 2, Mẫu 1) and the "Thành lập tổ" form. */
export function TeamsSection({ structure, code }: { structure: Structure; code: string }) {
  const t = useT();
  const user = useMe().data ?? null;
  const teams = useTeams(structure, code);
  const canManage = userCan(user, 'team.manage');
  // The forms list members by name and phone: only for those who see personal data here.
  const canSeePeople = userCan(user, 'person.read');

  return (
    <Stack gap="xs" component="section" aria-labelledby="teams-title">
      <Title order={2} size="h4" id="teams-title">
        {t('teams.title')}
        {teams.data ? ` (${teams.data.total})` : ''}
      </Title>
      <Group gap="xs" align="flex-start">
        {canSeePeople && <Mau2DownloadButton structure={structure} unit={code} />}
        {canSeePeople && <DecisionDownloadButton structure={structure} commune={code} />}
        <Anchor component={Link} href={coverageHref(structure, code)} py={6}>
          {t('coverage.link')}
        </Anchor>
        {canSeePeople && (
          <Anchor component={Link} href={gendersHref(structure, code)} py={6}>
            {t('genders.link')}
          </Anchor>
        )}
        {canManage && (
          <Anchor component={Link} href={duplicatesHref(structure, code)} py={6}>
            {t('duplicates.link')}
          </Anchor>
        )}
      </Group>
      {teams.isPending && <PageLoader />}
      <ErrorAlert error={teams.error} />
      {teams.data && teams.data.items.length === 0 && <Text c="dimmed">{t('teams.empty')}</Text>}
      {teams.data && teams.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table striped highlightOnHover aria-label={t('teams.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('teams.name')}</Table.Th>
                <Table.Th>{t('teams.place')}</Table.Th>
                <Table.Th>{t('teams.leader')}</Table.Th>
                <Table.Th>{t('teams.memberCount')}</Table.Th>
                <Table.Th>{t('teams.warnings')}</Table.Th>
                <Table.Th>{t('teams.statusLabel')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {teams.data.items.map((team) => (
                <Table.Tr key={team.id}>
                  <Table.Td>
                    <Anchor component={Link} href={teamHref(team.id)}>
                      {team.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{teamPlace(t, team)}</Table.Td>
                  <Table.Td>
                    {team.leaderName ?? (
                      <Text span c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{team.memberCount}</Table.Td>
                  <Table.Td>
                    {team.warnings.length > 0 ? (
                      <Badge color="yellow" variant="light" title={team.warnings.map((w) => w.message).join('\n')}>
                        {team.warnings.length}
                      </Badge>
                    ) : (
                      '0'
                    )}
                  </Table.Td>
                  <Table.Td>
                    <TeamStatusBadge status={team.status} />
                    {team.movedTo && (
                      <Text size="xs" c="dimmed">
                        {t('reorg.movedTo', { date: formatDate(team.movedTo.movedOn) })}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canManage && <CreateTeamForm structure={structure} communeCode={code} />}
    </Stack>
  );
}
