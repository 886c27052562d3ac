import { useState } from 'react';
import { Group, Loader, Pagination, Stack, Table, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useT } from '../../i18n.ts';
import { AUDIT_PAGE_SIZE, EMPTY_AUDIT_FILTERS, useAuditEvents, type AuditFilters } from './audit-api.ts';
import { AuditFiltersForm } from './AuditFiltersForm.tsx';
import { AuditRow } from './AuditRow.tsx';

/** Audit log `/audit`: filters and a paged, expandable table of events. */
export function AuditPage() {
  const t = useT();
  const [filters, setFilters] = useState<AuditFilters>(EMPTY_AUDIT_FILTERS);
  const [page, setPage] = useState(1);
  const events = useAuditEvents(filters, (page - 1) * AUDIT_PAGE_SIZE);
  const pages = Math.max(1, Math.ceil((events.data?.total ?? 0) / AUDIT_PAGE_SIZE));
  const apply = (next: AuditFilters) => {
    setFilters(next);
    setPage(1);
  };

  return (
    <Stack gap="md">
      <Group gap="xs">
        <Title order={1} size="h2">
          {t('audit.title')}
        </Title>
        {events.isFetching && !events.isPending && <Loader size="xs" />}
      </Group>
      <AuditFiltersForm value={filters} onApply={apply} />
      {events.isPending && <PageLoader />}
      <ErrorAlert error={events.error} />
      {events.data && events.data.items.length === 0 && <Text c="dimmed">{t('audit.empty')}</Text>}
      {events.data && events.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.time')}</Table.Th>
                <Table.Th>{t('audit.actor')}</Table.Th>
                <Table.Th>{t('audit.action')}</Table.Th>
                <Table.Th>{t('audit.entity')}</Table.Th>
                <Table.Th>{t('audit.ip')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.data.items.map((e) => (
                <AuditRow key={e.id} event={e} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {events.data && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('common.total', { n: events.data.total })}
          </Text>
          {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} size="sm" />}
        </Group>
      )}
    </Stack>
  );
}
