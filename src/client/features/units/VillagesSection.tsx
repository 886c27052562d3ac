import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useT } from '../../i18n.ts';
import { useMe, userCan } from '../auth/session.ts';
import { VillageListImport } from '../village-coverage/VillageListImport.tsx';
import { VillageListStatus } from '../village-coverage/VillageListStatus.tsx';
import { AddVillageForm } from './AddVillageForm.tsx';
import { useVillages } from './units-api.ts';
import { VillageRow } from './VillageRow.tsx';

/** "Thôn, ấp, tổ dân phố" of a commune: list (retired greyed) plus add/rename/retire for village managers. */
export function VillagesSection({ structure, code }: { structure: Structure; code: string }) {
  const t = useT();
  const user = useMe().data ?? null;
  const villages = useVillages(structure, code, user !== null);
  const canManage = userCan(user, 'village.manage');

  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('villages.title')}
        {villages.data ? ` (${villages.data.items.filter((v) => v.retiredAt === null).length})` : ''}
      </Title>
      {!user && (
        <Anchor component={Link} href={`/login?next=${encodeURIComponent(window.location.pathname)}`}>
          {t('villages.loginNeeded')}
        </Anchor>
      )}
      {user && villages.isPending && <PageLoader />}
      <ErrorAlert error={villages.error} />
      {villages.data && villages.data.items.length === 0 && <Text c="dimmed">{t('villages.empty')}</Text>}
      {villages.data && villages.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={canManage ? 340 : 280}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('units.name')}</Table.Th>
                <Table.Th>{t('units.type')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('units.code')}</Table.Th>
                {canManage && <Table.Th>{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {villages.data.items.map((v) => (
                <VillageRow key={v.code} village={v} structure={structure} communeCode={code} canManage={canManage} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {user && <VillageListStatus structure={structure} commune={code} canManage={canManage} />}
      {canManage && !villages.isError && <AddVillageForm structure={structure} communeCode={code} />}
      {canManage && <VillageListImport structure={structure} unit={code} />}
    </Stack>
  );
}
