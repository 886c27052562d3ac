import { useState, type FormEvent } from 'react';
import { Badge, Button, Group, Paper, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import {
  teamDissolveSchema,
  teamMergeSchema,
  teamMoveSchema,
  type CommuneReestablishmentDetail,
} from '../../../shared/schemas/reorganisation.ts';
import type { Team } from '../../../shared/schemas/teams.ts';
import { DateField } from '../../components/DateField.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formLevelError, useSchemaCheck } from '../../components/use-schema-check.ts';
import { useT } from '../../i18n.ts';
import { PhoneLinks } from '../teams/PhoneLinks.tsx';
import { vnToday } from '../../../shared/dates.ts';
import { useTeam } from '../teams/teams-api.ts';
import { useDissolveTeam, useMergeTeams, useMoveTeam } from './reorganisation-api.ts';

/** A legacy team offered for re-establishment. */
export type PendingTeam = CommuneReestablishmentDetail['communes'][number]['teams'][number];

/** Where a team may go: the new commune's villages (and the commune itself) and its active teams. */
export interface Destinations {
  commune: { code: string; name: string };
  villages: { code: string; name: string }[];
  teams: Team[];
}

type Mode = 'move' | 'merge' | 'dissolve';

/** A leader candidate: a member of either team. */
interface Candidate {
  personId: string;
  fullName: string;
  role: string;
}

/** The leader proposed for a merge: the larger team's leader (the team kept wins a tie), else the other's. */
export function proposedLeader(team: readonly Candidate[], into: readonly Candidate[]): string | null {
  const leaderOf = (members: readonly Candidate[]) => members.find((m) => m.role === 'leader')?.personId ?? null;
  const [larger, smaller] = team.length > into.length ? [team, into] : [into, team];
  return leaderOf(larger) ?? leaderOf(smaller);
}

function MembersTable({ team }: { team: PendingTeam }) {
  const t = useT();
  return (
    <Table withRowBorders={false} verticalSpacing={2} aria-label={t('reorg.teamLabel', { name: team.name })}>
      <Table.Tbody>
        {team.members.map((m) => (
          <Table.Tr key={m.personId}>
            <Table.Td>{m.fullName}</Table.Td>
            <Table.Td>{t(`teamRole.${m.role}`)}</Table.Td>
            <Table.Td>
              <PhoneLinks phone={m.phone} isZalo={false} name={m.fullName} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** One team of a former commune with its members, and the form to move, merge or dissolve it. */
export function PendingTeamCard({ team, to }: { team: PendingTeam; to: Destinations }) {
  const t = useT();
  const [mode, setMode] = useState<Mode>('move');
  const [target, setTarget] = useState<string | null>(null);
  const [leader, setLeader] = useState<string | null>(null);
  const [date, setDate] = useState(vnToday());
  const [reason, setReason] = useState('');
  const [move, merge, dissolve] = [useMoveTeam(), useMergeTeams(), useDissolveTeam()];
  const checks = {
    move: useSchemaCheck(teamMoveSchema),
    merge: useSchemaCheck(teamMergeSchema),
    dissolve: useSchemaCheck(teamDissolveSchema),
  };
  const errors = checks[mode].errors;
  const dateError = errors.movedOn ?? errors.mergedOn ?? errors.dissolvedOn;
  const shown = ['unitCode', 'movedOn', 'leaderPersonId', 'mergedOn', 'dissolvedOn', 'reason'];
  const error = move.error ?? merge.error ?? dissolve.error ?? formLevelError(errors, shown);
  const pending = move.isPending || merge.isPending || dissolve.isPending;

  const places = [
    { value: to.commune.code, label: t('reorg.communeItself', { name: to.commune.name }) },
    ...to.villages.map((v) => ({ value: v.code, label: v.name })),
  ];
  const candidates = to.teams.filter((x) => x.status === 'active').map((x) => ({ value: x.id, label: `${x.name} (${x.memberCount})` }));
  const into = useTeam(target ?? '', mode === 'merge' && target !== null);
  const intoMembers = (into.data?.members ?? []).map((m) => ({ personId: m.person.id, fullName: m.person.fullName, role: m.role }));
  const leaders = [...intoMembers, ...team.members].map((m) => ({
    value: m.personId,
    label: `${m.fullName} (${t(`teamRole.${m.role as 'leader'}`)})`,
  }));
  const proposal = into.data ? proposedLeader(team.members, intoMembers) : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mode === 'move' && target) {
      const body = checks.move.check({ structure: 'current', unitCode: target, movedOn: date });
      if (body) move.mutate({ teamId: team.id, body });
    }
    const chosen = leader ?? proposal;
    if (mode === 'merge' && target) {
      const body = checks.merge.check({ teamIds: [team.id], mergedOn: date, ...(chosen ? { leaderPersonId: chosen } : {}) });
      if (body) merge.mutate({ intoId: target, body });
    }
    if (mode === 'dissolve') {
      const body = checks.dissolve.check({ dissolvedOn: date, reason });
      if (body) dissolve.mutate({ teamId: team.id, body });
    }
  };

  return (
    <Paper withBorder p="sm" radius="sm" component="article" aria-label={t('reorg.teamLabel', { name: team.name })}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4} size="h5">
            {team.name}
          </Title>
          <Badge variant="outline" color="gray" tt="none">
            {team.level === 'commune' ? t('teams.communeLevel') : team.unitName}
          </Badge>
        </Group>
        <MembersTable team={team} />
        <Stack gap="xs" component="form" onSubmit={onSubmit}>
          <SegmentedControl
            value={mode}
            onChange={(v) => {
              setMode(v as Mode);
              setTarget(null);
            }}
            aria-label={t('reorg.action')}
            fullWidth
            data={[
              { value: 'move', label: t('reorg.modeMove') },
              { value: 'merge', label: t('reorg.modeMerge') },
              { value: 'dissolve', label: t('reorg.modeDissolve') },
            ]}
          />
          <ErrorAlert error={error} />
          {mode === 'move' && (
            <Select
              label={t('reorg.moveTo')}
              data={places}
              value={target}
              onChange={setTarget}
              error={errors.unitCode}
              searchable
              required
            />
          )}
          {mode === 'merge' && candidates.length === 0 && (
            <Text c="dimmed" size="sm">
              {t('reorg.noMergeTarget')}
            </Text>
          )}
          {mode === 'merge' && candidates.length > 0 && (
            <>
              <Select
                label={t('reorg.mergeInto')}
                data={candidates}
                value={target}
                onChange={(v) => {
                  setTarget(v);
                  setLeader(null);
                }}
                searchable
                required
              />
              {into.data && (
                <Select
                  label={t('reorg.leader')}
                  description={t('reorg.leaderHint')}
                  data={leaders}
                  value={leader ?? proposal}
                  onChange={setLeader}
                  error={errors.leaderPersonId}
                />
              )}
            </>
          )}
          {mode === 'dissolve' && (
            <TextInput
              label={t('reorg.reason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={errors.reason}
              maxLength={500}
              required
            />
          )}
          <Group align="flex-end" justify="space-between">
            <DateField label={t('reorg.date')} value={date} max={vnToday()} onChange={setDate} error={dateError} required />
            <Button
              type="submit"
              loading={pending}
              color={mode === 'dissolve' ? 'red' : undefined}
              disabled={mode !== 'dissolve' && !target}
            >
              {t(mode === 'move' ? 'reorg.moveSubmit' : mode === 'merge' ? 'reorg.mergeSubmit' : 'reorg.dissolveSubmit')}
            </Button>
          </Group>
        </Stack>
      </Stack>
    </Paper>
  );
}
