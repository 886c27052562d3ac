import { useState } from 'react';
import { Alert, Anchor, Button, Divider, Group, List, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'wouter';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useT } from '../../i18n.ts';
import { teamDashboardHref } from '../dashboards/dashboards-api.ts';
import { useMe, userCan } from '../auth/session.ts';
import { unitHref } from '../units/labels.ts';
import { TeamOrigins } from '../reorganisation/TeamOrigins.tsx';
import { AddMemberForm } from './AddMemberForm.tsx';
import { teamPlace } from './labels.ts';
import { HistoryTable, MembersTable } from './MembersTable.tsx';
import { TeamEditForm, TeamStatusActions } from './TeamEditForm.tsx';
import { TeamStatusBadge } from './TeamStatusBadge.tsx';
import { useTeam, type TeamDetail } from './teams-api.ts';
import { formatDate } from '../../../shared/dates.ts';

function DecisionInfo({ team }: { team: TeamDetail }) {
  const t = useT();
  const parts: string[] = [];
  if (team.decisionNumber) parts.push(t('teams.decisionNo', { number: team.decisionNumber }));
  if (team.decisionDate) parts.push(t('teams.decisionOn', { date: formatDate(team.decisionDate) }));
  if (team.decisionSigner) parts.push(t('teams.signedBy', { name: team.decisionSigner }));
  if (team.decisionIssuer) parts.push(team.decisionIssuer);
  return (
    <Stack gap={2}>
      {team.establishedOn && <Text size="sm">{t('teams.establishedOnValue', { date: formatDate(team.establishedOn) })}</Text>}
      <Text size="sm">{parts.length ? `${t('teams.decision')}: ${parts.join(', ')}` : t('teams.noDecision')}</Text>
      {team.status === 'dissolved' && (
        <Text size="sm" c="red.8">
          {t('teams.dissolvedInfo', { date: team.dissolvedOn ? formatDate(team.dissolvedOn) : '—' })}
          {team.dissolvedReason ? ` — ${team.dissolvedReason}` : ''}
        </Text>
      )}
    </Stack>
  );
}

function TeamHeader({ team }: { team: TeamDetail }) {
  const t = useT();
  return (
    <Stack gap={4}>
      <Anchor component={Link} href={unitHref(team.structure, team.communeCode)} size="sm">
        ← {t('teams.backToCommune')}
      </Anchor>
      <Group gap="xs" align="center">
        <Title order={1} size="h2">
          {team.name}
        </Title>
        <TeamStatusBadge status={team.status} />
      </Group>
      <Text size="sm" c="dimmed">
        {teamPlace(t, team)}
        {team.level === 'village' ? ` · ${t('teams.levelVillage')}` : ''}
      </Text>
      <DecisionInfo team={team} />
      <Anchor component={Link} href={teamDashboardHref(team.id)} size="sm">
        {t('dashboard.teamDashboard')}
      </Anchor>
      {team.zaloGroupUrl && (
        <Anchor href={team.zaloGroupUrl} target="_blank" rel="noopener noreferrer" size="sm">
          {t('teams.zaloGroupOpen')}
        </Anchor>
      )}
    </Stack>
  );
}

function TeamView({ team }: { team: TeamDetail }) {
  const t = useT();
  const canManage = userCan(useMe().data, 'team.manage');
  const [editing, setEditing] = useState(false);
  const active = team.status === 'active';
  return (
    <Stack gap="md">
      <TeamHeader team={team} />
      {canManage && (
        <Group gap="xs">
          <Button variant="light" onClick={() => setEditing((v) => !v)} aria-expanded={editing}>
            {t('teams.edit')}
          </Button>
          <TeamStatusActions team={team} />
        </Group>
      )}
      {editing && <TeamEditForm key={team.id} team={team} onDone={() => setEditing(false)} />}
      {team.warnings.length > 0 && (
        <Alert color="yellow" variant="light" title={t('teams.warningsTitle', { n: team.warnings.length })}>
          <List size="sm" spacing={2}>
            {team.warnings.map((w, i) => (
              <List.Item key={`${w.code}-${w.personId ?? i}`}>{w.message}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Title order={2} size="h4">
        {t('members.title')} ({team.memberCount})
      </Title>
      {team.hiddenMemberCount > 0 && (
        <Text size="sm" c="dimmed" role="note">
          {t('members.hidden', { n: team.hiddenMemberCount })}
        </Text>
      )}
      <MembersTable members={team.members} canManage={canManage && active} />
      {canManage && active && <AddMemberForm key={team.id} teamId={team.id} />}
      <Divider />
      <Title order={2} size="h4">
        {t('members.history')}
      </Title>
      <HistoryTable history={team.history} />
      <TeamOrigins moves={team.moves} mergedIntoTeamId={team.mergedIntoTeamId} />
    </Stack>
  );
}

/** Team page `/teams/:id`: header, warnings, members with actions, add member, history, edit/dissolve. */
export function TeamPage() {
  const { id } = useParams<{ id: string }>();
  const team = useTeam(id);
  if (team.isPending) return <PageLoader />;
  if (team.isError) return <ErrorAlert error={team.error} />;
  return <TeamView team={team.data} />;
}
