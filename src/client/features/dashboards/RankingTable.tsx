import { useMemo, useState } from 'react';
import { Anchor, Badge, Button, Checkbox, Group, ScrollArea, Stack, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { Link } from 'wouter';
import type { DashboardRanking, RankingItem } from '../../../shared/schemas/dashboards.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { foldVietnamese } from '../../../shared/text.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDownload } from '../../download.ts';
import { useLang, useT } from '../../i18n.ts';
import { formatNumber, formatPercent } from '../progress/progress-api.ts';
import { dashboardHref, rankingXlsxUrl, teamDashboardHref } from './dashboards-api.ts';
import { PdfButton } from '../../components/PdfButton.tsx';

type SortKey = 'rank' | 'name' | 'percent';

function compare(key: SortKey, a: RankingItem, b: RankingItem): number {
  if (key === 'name') return a.name.localeCompare(b.name, 'vi');
  if (key === 'percent') return (a.percent ?? -1) - (b.percent ?? -1);
  return (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER);
}

/** One indicator of a row: achieved / target and its percent. */
function IndicatorCell({ item }: { item: RankingItem['indicators'][number] | undefined }) {
  const lang = useLang();
  if (!item) return <Table.Td c="dimmed">—</Table.Td>;
  return (
    <Table.Td style={{ whiteSpace: 'nowrap' }}>
      {formatNumber(item.achieved, lang)}
      {item.target > 0 && <Text span size="xs" c="dimmed">{` / ${formatNumber(item.target, lang)}`}</Text>}
      {item.percent !== null && <Text size="xs">{formatPercent(item.percent, lang)}%</Text>}
    </Table.Td>
  );
}

/** Ranking of communes or teams (each linked to its dashboard): sortable columns, a name filter, behind-pace filter and the Excel download. */
export function RankingTable({ ranking, structure }: { ranking: DashboardRanking; structure: Structure }) {
  const t = useT();
  const lang = useLang();
  const dl = useDownload();
  const [query, setQuery] = useState('');
  const [onlyBehind, setOnlyBehind] = useState(false);
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'rank', desc: false });
  const rows = useMemo(() => {
    const needle = foldVietnamese(query.trim());
    const kept = ranking.items.filter(
      (i) => (!onlyBehind || i.behindPace) && (!needle || foldVietnamese(`${i.name} ${i.parentName ?? ''}`).includes(needle)),
    );
    return kept.sort((a, b) => (sort.desc ? -1 : 1) * compare(sort.key, a, b));
  }, [ranking.items, query, onlyBehind, sort]);
  const hrefOf = (id: string) => (ranking.level === 'team' ? teamDashboardHref(id) : dashboardHref(structure, id));
  const header = (key: SortKey, label: string) => (
    <Table.Th aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : undefined}>
      <UnstyledButton fw={600} fz="sm" onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : key === 'percent' }))}>
        {label}
        {sort.key === key ? (sort.desc ? ' ↓' : ' ↑') : ''}
      </UnstyledButton>
    </Table.Th>
  );
  const codes = ranking.indicators.map((i) => i.code);
  const chosen = ranking.indicators.find((i) => i.code === ranking.indicator)?.name ?? ranking.indicator ?? '';
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed" data-testid="ranking-method">
        {ranking.method === 'indicator' ? t('dashboard.indicatorNote', { name: chosen }) : t('dashboard.meanNote')}
      </Text>
      <Group gap="xs" align="flex-end" justify="space-between">
        <Group gap="xs" align="flex-end">
          <TextInput label={t('dashboard.filterName')} value={query} onChange={(e) => setQuery(e.currentTarget.value)} w={200} />
          <Checkbox
            label={t('dashboard.onlyBehind')}
            checked={onlyBehind}
            onChange={(e) => setOnlyBehind(e.currentTarget.checked)}
            mb={6}
          />
        </Group>
        <Button
          variant="light"
          loading={dl.pending}
          onClick={() =>
            void dl.run(
              rankingXlsxUrl(structure, ranking.unit, ranking.year, ranking.indicator),
              `xep-hang-${ranking.unit}-${ranking.year}.xlsx`,
            )
          }
        >
          {t('dashboard.export')}
        </Button>
        <PdfButton
          url={rankingXlsxUrl(structure, ranking.unit, ranking.year, ranking.indicator)}
          fileName={`xep-hang-${ranking.unit}-${ranking.year}.pdf`}
          label={t('downloads.doc.ranking')}
        />
      </Group>
      <ErrorAlert error={dl.error} />
      <ScrollArea>
        <Table striped highlightOnHover miw={480 + codes.length * 100} data-testid="ranking-table">
          <Table.Thead>
            <Table.Tr>
              {header('rank', t('dashboard.rank'))}
              {header('name', t('dashboard.name'))}
              {ranking.indicators.map((i) => (
                <Table.Th key={i.code}>{i.name}</Table.Th>
              ))}
              {header('percent', ranking.method === 'indicator' ? t('dashboard.percent') : t('dashboard.score'))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((i) => (
              <Table.Tr key={i.id} data-behind={i.behindPace || undefined}>
                <Table.Td>{i.rank ?? '—'}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} href={hrefOf(i.id)} size="sm">
                    {i.name}
                  </Anchor>
                  {i.parentName && (
                    <Badge ml={4} variant="default" tt="none" size="xs">
                      {i.parentName}
                    </Badge>
                  )}
                </Table.Td>
                {codes.map((code) => (
                  <IndicatorCell key={code} item={i.indicators.find((x) => x.indicator === code)} />
                ))}
                <Table.Td>
                  {i.percent === null ? '—' : `${formatPercent(i.percent, lang)}%`}
                  {i.behindPace && (
                    <Badge ml={4} color="orange" tt="none" size="xs">
                      {t('dashboard.behind')}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Stack>
  );
}
