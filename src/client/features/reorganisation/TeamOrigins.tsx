import { Anchor, List, Stack, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import type { TeamMoveRecord } from '../../../shared/schemas/teams.ts';
import { useT } from '../../i18n.ts';
import { teamHref } from '../teams/labels.ts';
import { formatDate } from '../../../shared/dates.ts';

/** "Nguồn gốc" of a team page: where it was re-attached from and when, and the team it was merged into. */
export function TeamOrigins({ moves, mergedIntoTeamId }: { moves: TeamMoveRecord[]; mergedIntoTeamId: string | null }) {
  const t = useT();
  if (moves.length === 0 && !mergedIntoTeamId) return null;
  return (
    <Stack gap={4} component="section" aria-labelledby="origins-title">
      <Title order={2} size="h4" id="origins-title">
        {t('reorg.moves')}
      </Title>
      {mergedIntoTeamId && (
        <Anchor component={Link} href={teamHref(mergedIntoTeamId)} size="sm">
          {t('reorg.mergedInto')}
        </Anchor>
      )}
      <List size="sm" spacing={2}>
        {moves.map((m) => (
          <List.Item key={`${m.movedOn}-${m.fromUnitCode}-${m.toUnitCode}`}>
            <Text span size="sm">
              {t('reorg.moveLine', { date: formatDate(m.movedOn), from: m.fromUnitName, commune: m.fromCommuneName, to: m.toUnitName })} (
              {t(`reorg.moveKind.${m.kind}`)})
            </Text>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
