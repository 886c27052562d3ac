import { useMemo, useState, type MouseEvent } from 'react';
import { Anchor, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { Link, useLocation } from 'wouter';
import type { OrgUnit, Structure } from '../../../shared/schemas/org-units.ts';
import { foldVietnamese } from '../../../shared/text.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useT } from '../../i18n.ts';
import { unitHref } from './labels.ts';
import { useChildren } from './units-api.ts';

function filterUnits(units: OrgUnit[], filter: string): OrgUnit[] {
  const needle = foldVietnamese(filter);
  if (!needle) return units;
  return units.filter((u) => foldVietnamese(`${u.name} ${u.code}`).includes(needle));
}

/** Clickable table of a unit's official children with a diacritics-insensitive filter box. */
export function ChildrenTable({ structure, code }: { structure: Structure; code: string }) {
  const t = useT();
  const [, navigate] = useLocation();
  const [filter, setFilter] = useState('');
  const children = useChildren(structure, code, true);
  const items = useMemo(() => filterUnits(children.data?.items ?? [], filter), [children.data, filter]);

  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('unit.children')}
        {children.data ? ` (${children.data.total})` : ''}
      </Title>
      {children.isPending && <PageLoader />}
      <ErrorAlert error={children.error} />
      {children.data && children.data.items.length === 0 && <Text c="dimmed">{t('unit.noChildren')}</Text>}
      {children.data && children.data.items.length > 0 && (
        <>
          <TextInput
            type="search"
            label={t('unit.childrenFilter')}
            placeholder={t('unit.childrenFilter')}
            value={filter}
            onChange={(e) => setFilter(e.currentTarget.value)}
            maw={420}
          />
          <Table.ScrollContainer minWidth={320}>
            <Table highlightOnHover striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('units.name')}</Table.Th>
                  <Table.Th>{t('units.type')}</Table.Th>
                  <Table.Th>{t('units.code')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((u) => (
                  <Table.Tr key={u.code} style={{ cursor: 'pointer' }} onClick={() => navigate(unitHref(structure, u.code))}>
                    <Table.Td>
                      <Anchor component={Link} href={unitHref(structure, u.code)} onClick={(e: MouseEvent) => e.stopPropagation()}>
                        {u.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{u.type}</Table.Td>
                    <Table.Td>{u.code}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {items.length === 0 && <Text c="dimmed">{t('units.noResults')}</Text>}
        </>
      )}
    </Stack>
  );
}
