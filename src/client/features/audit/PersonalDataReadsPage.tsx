import { useState } from 'react';
import { Anchor, Group, Pagination, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useT } from '../../i18n.ts';
import { unitHref } from '../units/labels.ts';
import { useUnit } from '../units/units-api.ts';
import { UnitRoute } from '../units/UnitRoute.tsx';
import { formatDateTime } from '../../../shared/dates.ts';
import { READS_PAGE_SIZE, usePersonalDataReads } from './personal-data-reads-api.ts';

function ReadsView({ structure, code }: { structure: Structure; code: string }) {
  const t = useT();
  const unit = useUnit(structure, code);
  const [page, setPage] = useState(1);
  const reads = usePersonalDataReads(structure, code, (page - 1) * READS_PAGE_SIZE);
  const pages = Math.max(1, Math.ceil((reads.data?.total ?? 0) / READS_PAGE_SIZE));
  return (
    <Stack gap="md">
      <Anchor component={Link} href={unitHref(structure, code)} size="sm">
        ← {unit.data?.name ?? code}
      </Anchor>
      <Title order={1} size="h2">
        {t('personalDataReads.title', { name: unit.data?.name ?? code })}
      </Title>
      <Text size="sm" c="dimmed">
        {t('personalDataReads.intro')}
      </Text>
      {reads.isPending && <PageLoader />}
      <ErrorAlert error={reads.error} />
      {reads.data && reads.data.items.length === 0 && <Text c="dimmed">{t('personalDataReads.empty')}</Text>}
      {reads.data && reads.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped aria-label={t('personalDataReads.link')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('personalDataReads.time')}</Table.Th>
                <Table.Th>{t('personalDataReads.who')}</Table.Th>
                <Table.Th>{t('personalDataReads.list')}</Table.Th>
                <Table.Th>{t('personalDataReads.of')}</Table.Th>
                <Table.Th>{t('personalDataReads.people')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {reads.data.items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.at)}</Table.Td>
                  <Table.Td>{r.actorUsername ?? t('audit.system')}</Table.Td>
                  <Table.Td>{t(`personalDataReads.list.${r.list}`)}</Table.Td>
                  <Table.Td>{r.label}</Table.Td>
                  <Table.Td>{r.people}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {reads.data && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('common.total', { n: reads.data.total })}
          </Text>
          {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} size="sm" />}
        </Group>
      )}
    </Stack>
  );
}

/** Page `/units/:structure/:code/personal-data-reads`: who read or downloaded which list with personal data on the unit. */
export function PersonalDataReadsPage() {
  return <UnitRoute view={ReadsView} />;
}
