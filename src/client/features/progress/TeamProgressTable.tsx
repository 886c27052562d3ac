import { useMemo, useState } from 'react';
import { Anchor, Badge, Group, Progress, Stack, Table, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { Link } from 'wouter';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { PACE_TOLERANCE } from '../../../shared/pace.ts';
import { useLang, useT } from '../../i18n.ts';
import type { MessageKey } from '../../locales/vi.ts';
import { activitiesHref } from '../activities/links.ts';
import { teamHref } from '../teams/labels.ts';
import { formatNumber, formatPercent, paceColor, type TeamProgressRow } from './progress-api.ts';
import { sortTeams, type Sort, type SortKey } from './team-sort.ts';

const NAME_COLUMNS: { key: SortKey; label: MessageKey; numeric?: boolean }[] = [
  { key: 'team', label: 'progress.teamCol' },
  { key: 'unit', label: 'progress.unitCol' },
];
const SCORE_COLUMNS: { key: SortKey; label: MessageKey; numeric?: boolean }[] = [
  { key: 'score', label: 'progress.scoreCol', numeric: true },
  { key: 'pace', label: 'progress.statusCol' },
];

function SortHeader({ col, sort, onSort }: { col: (typeof NAME_COLUMNS)[number]; sort: Sort; onSort: (s: Sort) => void }) {
  const t = useT();
  const active = sort.key === col.key;
  const arrow = active ? (sort.desc ? '↓' : '↑') : '↕';
  return (
    <Table.Th aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'} style={{ whiteSpace: 'nowrap' }}>
      <UnstyledButton
        onClick={() => onSort({ key: col.key, desc: active ? !sort.desc : Boolean(col.numeric) })}
        aria-label={t('progress.sortBy', { col: t(col.label) })}
        fw={700}
        fz="sm"
      >
        {t(col.label)}{' '}
        <Text span c={active ? undefined : 'dimmed'} aria-hidden="true">
          {arrow}
        </Text>
      </UnstyledButton>
    </Table.Th>
  );
}

interface RowProps {
  row: TeamProgressRow;
  structure: Structure;
  expected: number;
  names: Map<string, string>;
  /** The indicator columns, in order. */
  codes: readonly string[];
  teamLink: (id: string) => string;
}

/** One indicator of one team: achieved / target and the percent, never added to another. */
function IndicatorCell({ item, expected }: { item: TeamProgressRow['indicators'][number] | undefined; expected: number }) {
  const lang = useLang();
  if (!item) return <Table.Td c="dimmed">—</Table.Td>;
  const behind = item.percent !== null && item.percent < expected - PACE_TOLERANCE;
  return (
    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
      {formatNumber(item.achieved, lang)}
      {item.target > 0 && <Text span c="dimmed" size="sm">{` / ${formatNumber(item.target, lang)}`}</Text>}
      {item.percent !== null && (
        <Text size="xs" c={paceColor(item.percent, expected, behind)}>
          {formatPercent(item.percent, lang)}%
        </Text>
      )}
    </Table.Td>
  );
}

function TeamRow({ row, structure, expected, names, codes, teamLink }: RowProps) {
  const t = useT();
  const lang = useLang();
  const color = paceColor(row.score, expected, row.behindPace);
  return (
    <Table.Tr bg={row.behindPace ? `${color}.0` : undefined} data-behind={row.behindPace || undefined}>
      <Table.Td>
        <Anchor component={Link} href={teamLink(row.teamId)} fw={row.behindPace ? 600 : undefined}>
          {row.teamName}
        </Anchor>
      </Table.Td>
      <Table.Td>{row.unitName}</Table.Td>
      {codes.map((code) => (
        <IndicatorCell key={code} item={row.indicators.find((i) => i.indicator === code)} expected={expected} />
      ))}
      <Table.Td miw={110}>
        {row.score === null ? (
          <Text size="sm" c="dimmed">
            —
          </Text>
        ) : (
          <Group gap={6} wrap="nowrap">
            <Progress value={row.score} color={color} w={56} size="sm" aria-hidden="true" />
            <Text size="sm" fw={row.behindPace ? 700 : undefined} c={row.behindPace ? `${color}.9` : undefined}>
              {formatPercent(row.score, lang)}%
            </Text>
          </Group>
        )}
      </Table.Td>
      <Table.Td>
        {row.behindPace ? (
          <Badge tt="none" color={color} variant="filled" size="sm">
            {t('progress.behind')}
          </Badge>
        ) : (
          row.score !== null && (
            <Badge tt="none" color="green" variant="light" size="sm">
              {t('progress.onTrack')}
            </Badge>
          )
        )}
        {row.behind.length > 0 && (
          <Text size="xs" c="dimmed" mt={2}>
            {row.behind.map((code) => names.get(code) ?? code).join(', ')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Anchor
          component={Link}
          href={activitiesHref(structure, row.communeCode, { team: row.teamId })}
          size="sm"
          style={{ whiteSpace: 'nowrap' }}
          aria-label={t('progress.feedLinkOf', { name: row.teamName })}
        >
          {t('progress.feedLink')}
        </Anchor>
      </Table.Td>
    </Table.Tr>
  );
}

interface TableProps {
  rows: TeamProgressRow[];
  expected: number;
  structure: Structure;
  /** Indicator code → name, for the "behind on" list. */
  names: Map<string, string>;
  /** Where a team's name links (its page by default). */
  teamLink?: (id: string) => string;
}

/**
 * Teams of the unit indicator by indicator (achieved / target of each, never added together), the
 * mean achievement and the pace; sortable, behind-pace teams first and highlighted.
 */
export function TeamProgressTable({ rows, expected, structure, names, teamLink = teamHref }: TableProps) {
  const t = useT();
  const [sort, setSort] = useState<Sort>({ key: 'pace', desc: false });
  const sorted = useMemo(() => sortTeams(rows, sort), [rows, sort]);
  const codes = useMemo(() => {
    const present = new Set(rows.flatMap((r) => r.indicators.map((i) => i.indicator)));
    return [...[...names.keys()].filter((c) => present.has(c)), ...[...present].filter((c) => !names.has(c)).sort()];
  }, [rows, names]);
  if (rows.length === 0) return <Text c="dimmed">{t('progress.noTeams')}</Text>;
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed">
        {t('progress.scoreNote')}
      </Text>
      <Table.ScrollContainer minWidth={560 + codes.length * 110}>
        <Table striped highlightOnHover withTableBorder aria-label={t('progress.teamsLabel')}>
          <Table.Thead>
            <Table.Tr>
              {NAME_COLUMNS.map((col) => (
                <SortHeader key={col.key} col={col} sort={sort} onSort={setSort} />
              ))}
              {codes.map((code) => (
                <Table.Th key={code} style={{ minWidth: 100 }}>
                  {names.get(code) ?? code}
                </Table.Th>
              ))}
              {SCORE_COLUMNS.map((col) => (
                <SortHeader key={col.key} col={col} sort={sort} onSort={setSort} />
              ))}
              <Table.Th>
                <VisuallyHidden>{t('progress.feedLink')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((row) => (
              <TeamRow
                key={row.teamId}
                row={row}
                structure={structure}
                expected={expected}
                names={names}
                codes={codes}
                teamLink={teamLink}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
