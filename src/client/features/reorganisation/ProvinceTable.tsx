import { useState } from 'react';
import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import { REESTABLISHMENT_STATUSES, type ReestablishmentStatus } from '../../../shared/schemas/reorganisation.ts';
import { buildUrl } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useDownload } from '../../download.ts';
import { useT } from '../../i18n.ts';
import { reorganisationHref, useReestablishmentList } from './reorganisation-api.ts';

const COLORS: Record<ReestablishmentStatus, string> = { not_started: 'red', in_progress: 'yellow', done: 'green' };

/** A commune's re-establishment status as a coloured badge. */
export function StatusBadge({ status }: { status: ReestablishmentStatus }) {
  const t = useT();
  return (
    <Badge color={COLORS[status]} variant="light" tt="none">
      {t(`reorg.status.${status}`)}
    </Badge>
  );
}

/** The province's table: every commune with its status and counts, filterable, with its Excel download. */
export function ProvinceTable({ code, name }: { code: string; name: string }) {
  const t = useT();
  const list = useReestablishmentList(code);
  const dl = useDownload();
  const [status, setStatus] = useState<string | null>(null);
  if (list.isPending) return <PageLoader />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  // Unfinished communes first, then the ones that re-established teams, then those with none to.
  const rank = (i: (typeof list.data.items)[number]) =>
    REESTABLISHMENT_STATUSES.indexOf(i.status) * 2 + (i.moved + i.merged + i.dissolved === 0 ? 1 : 0);
  const rows = list.data.items
    .filter((i) => !status || i.status === status)
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'vi'));
  const columns = ['predecessors', 'pending', 'moved', 'merged', 'dissolved'] as const;
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('reorg.provinceTitle', { name })}
      </Title>
      <Text>{t('reorg.summary', { done: list.data.summary.done, total: list.data.items.length })}</Text>
      <Group align="flex-end">
        <Select
          label={t('reorg.table.status')}
          placeholder={t('reorg.table.all')}
          data={REESTABLISHMENT_STATUSES.map((s) => ({ value: s, label: `${t(`reorg.status.${s}`)} (${list.data.summary[s]})` }))}
          value={status}
          onChange={setStatus}
          clearable
        />
        <Button
          variant="light"
          loading={dl.pending}
          onClick={() => void dl.run(buildUrl('/api/reorganisation.xlsx', { unit: code }), `kien-toan-${code}.xlsx`)}
        >
          {t('reorg.excel')}
        </Button>
      </Group>
      <ErrorAlert error={dl.error} />
      <Table.ScrollContainer minWidth={720}>
        <Table striped highlightOnHover withTableBorder aria-label={t('reorg.provinceTitle', { name })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reorg.table.commune')}</Table.Th>
              <Table.Th>{t('reorg.table.status')}</Table.Th>
              {columns.map((c) => (
                <Table.Th key={c}>{t(`reorg.table.${c}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.code} data-status={row.status}>
                <Table.Td>
                  <Anchor component={Link} href={reorganisationHref(row.code)}>
                    {row.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={row.status} />
                  {row.pending + row.moved + row.merged + row.dissolved === 0 && (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      ({t('reorg.noLegacyTeams')})
                    </Text>
                  )}
                </Table.Td>
                {columns.map((c) => (
                  <Table.Td key={c}>{row[c]}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
