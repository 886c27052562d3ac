import { useState } from 'react';
import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useT } from '../../i18n.ts';
import { useMe, userCan } from '../auth/session.ts';
import { PhoneLinks } from '../teams/PhoneLinks.tsx';
import { OfficialActions } from './OfficialActions.tsx';
import { OfficialCccd } from './OfficialCccd.tsx';
import { OfficialFormModal } from './OfficialFormModal.tsx';
import { useOfficials } from './officials-api.ts';

/** "Cán bộ phụ trách Tổ CNSCĐ" of a commune: name, position, phone (call/Zalo), masked CCCD with audited reveal, and manager actions. */
export function OfficialsSection({ structure, code }: { structure: Structure; code: string }) {
  const t = useT();
  const user = useMe().data ?? null;
  const officials = useOfficials(structure, code);
  const canManage = userCan(user, 'team.manage');
  const canReveal = userCan(user, 'cccd.reveal');
  const [adding, setAdding] = useState(false);
  const items = officials.data?.items ?? [];

  return (
    <Stack gap="xs" component="section" aria-labelledby="officials-title">
      <Group justify="space-between" gap="xs">
        <Title order={2} size="h4" id="officials-title">
          {t('officials.title')}
          {officials.data ? ` (${items.length})` : ''}
        </Title>
        {canManage && (
          <Button variant="light" onClick={() => setAdding(true)}>
            {t('officials.add')}
          </Button>
        )}
      </Group>
      {officials.isPending && <PageLoader />}
      <ErrorAlert error={officials.error} />
      {officials.data && items.length === 0 && <Text c="dimmed">{t('officials.empty')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={canManage ? 680 : 540}>
          <Table striped aria-label={t('officials.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('officials.fullName')}</Table.Th>
                <Table.Th>{t('officials.position')}</Table.Th>
                <Table.Th>{t('officials.phoneColumn')}</Table.Th>
                <Table.Th>{t('officials.cccd')}</Table.Th>
                {canManage && <Table.Th>{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td fw={500}>{o.fullName}</Table.Td>
                  <Table.Td>
                    {o.position ?? (
                      <Text span c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <PhoneLinks phone={o.phone} isZalo={false} name={o.fullName} />
                  </Table.Td>
                  <Table.Td>
                    <OfficialCccd key={o.cccdMasked ?? ''} official={o} canReveal={canReveal} />
                  </Table.Td>
                  {canManage && (
                    <Table.Td>
                      <OfficialActions official={o} structure={structure} communeCode={code} />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canManage && (
        <OfficialFormModal opened={adding} onClose={() => setAdding(false)} structure={structure} communeCode={code} official={null} />
      )}
    </Stack>
  );
}
