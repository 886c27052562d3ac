import { useState } from 'react';
import { Badge, Button, Group, NativeSelect, Pagination, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { Link, useLocation } from 'wouter';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useMe, userCan } from '../auth/session.ts';
import { roleCan } from '../../../shared/permissions.ts';
import { useT } from '../../i18n.ts';
import { DirectiveForm } from './DirectiveForm.tsx';
import { useDirectives, type DirectiveFilters } from './directives-api.ts';
import { MyTasksPanel } from './MyTasksPanel.tsx';
import { formatDate } from '../../../shared/dates.ts';

/** "Văn bản chỉ đạo": the caller's open tasks, the list with filters, and the issuer's form. */
export function DirectivesPage() {
  const t = useT();
  const me = useMe();
  const [, navigate] = useLocation();
  const [filters, setFilters] = useState<DirectiveFilters>({});
  const [isCreating, setCreating] = useState(false);
  const list = useDirectives(filters);
  const user = me.data ?? null;
  const issuer = user?.assignments.find((a) => a.unitCode && roleCan(a.role, 'directive.issue'));
  const page = Math.floor((filters.offset ?? 0) / 20) + 1;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('directives.title')}</Title>
        {issuer?.unitCode ? (
          <Button onClick={() => setCreating((v) => !v)} variant={isCreating ? 'default' : 'filled'}>
            {t('directives.new')}
          </Button>
        ) : null}
      </Group>
      {isCreating && issuer?.unitCode ? (
        <DirectiveForm
          structure={(issuer.structure ?? 'current') as Structure}
          issuer={{ code: issuer.unitCode, name: issuer.unitName ?? issuer.unitCode }}
          onCreated={(id) => navigate(`/directives/${id}`)}
        />
      ) : null}
      {userCan(user, 'directive.respond') ? <MyTasksPanel /> : null}
      <Group align="flex-end">
        <TextInput
          label={t('directives.search')}
          value={filters.q ?? ''}
          onChange={(e) => setFilters({ ...filters, q: e.currentTarget.value || undefined, offset: 0 })}
        />
        <NativeSelect
          label={t('directives.status')}
          value={filters.status ?? ''}
          onChange={(e) =>
            setFilters({ ...filters, status: (e.currentTarget.value || undefined) as DirectiveFilters['status'], offset: 0 })
          }
          data={[
            { value: '', label: t('directives.statusAll') },
            { value: 'open', label: t('directives.status.open') },
            { value: 'overdue', label: t('directives.status.overdue') },
            { value: 'done', label: t('directives.status.done') },
          ]}
        />
      </Group>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {list.isPending ? (
        <PageLoader />
      ) : list.data && list.data.items.length > 0 ? (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('directives.numberSymbol')}</Table.Th>
                <Table.Th>{t('directives.issuedOn')}</Table.Th>
                <Table.Th>{t('directives.excerpt')}</Table.Th>
                <Table.Th>{t('directives.issuerName')}</Table.Th>
                <Table.Th>{t('directives.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Link href={`/directives/${d.id}`}>{d.numberSymbol || t('directives.open')}</Link>
                  </Table.Td>
                  <Table.Td>{d.issuedOnText ?? formatDate(d.issuedOn)}</Table.Td>
                  <Table.Td>{d.excerpt}</Table.Td>
                  <Table.Td>
                    {d.issuerName} <Badge variant="light">{t(`directives.role.${d.role}`)}</Badge>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={d.status === 'done' ? 'green' : d.status === 'overdue' ? 'red' : 'blue'}>
                      {t(`directives.status.${d.status}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Text c="dimmed">{t('directives.empty')}</Text>
      )}
      {list.data && list.data.total > 20 ? (
        <Pagination
          total={Math.ceil(list.data.total / 20)}
          value={page}
          onChange={(p) => setFilters({ ...filters, offset: (p - 1) * 20 })}
        />
      ) : null}
    </Stack>
  );
}
