import { Checkbox, Stack, Table, Text, Title } from '@mantine/core';
import { MAU2_CHANGE_KINDS, MAU2_CHANGES_LISTED, type Mau2Changes } from '../../../shared/schemas/imports.ts';
import { useT } from '../../i18n.ts';

/** Whether a preview lists anyone the commune must confirm knowing about. */
export function hasChanges(changes: Mau2Changes | null): boolean {
  return Boolean(changes && Object.values(changes.counts).some((n) => n > 0));
}

/** Who a file adds or changes, by name and row, kind by kind (at most 500 of each on screen). */
export function ImportChanges({ changes }: { changes: Mau2Changes }) {
  const t = useT();
  return (
    <Stack gap="sm" data-testid="import-changes">
      <Title order={3} size="h5">
        {t('import.changesTitle')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('import.changesIntro')}
      </Text>
      {MAU2_CHANGE_KINDS.filter((kind) => changes.counts[kind] > 0).map((kind) => {
        const items = changes.items.filter((c) => c.kind === kind);
        const more = changes.counts[kind] - Math.min(changes.counts[kind], MAU2_CHANGES_LISTED);
        return (
          <Stack key={kind} gap={4} data-kind={kind}>
            <Text fw={600} size="sm">
              {t(`import.change.${kind}`, { n: changes.counts[kind].toLocaleString('vi-VN') })}
            </Text>
            <Table.ScrollContainer minWidth={520} mah={320}>
              <Table withTableBorder striped stickyHeader aria-label={t(`import.change.${kind}`, { n: changes.counts[kind] })}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('import.row')}</Table.Th>
                    <Table.Th>{t('import.changeName')}</Table.Th>
                    <Table.Th>{t('import.changeTeam')}</Table.Th>
                    <Table.Th>{t('import.changeWhat')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((c) => (
                    <Table.Tr key={`${c.sheet}-${c.row}-${c.teamName}`}>
                      <Table.Td>{c.row}</Table.Td>
                      <Table.Td>{c.fullName}</Table.Td>
                      <Table.Td>{c.teamName}</Table.Td>
                      <Table.Td>{c.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {more > 0 && (
              <Text size="xs" c="dimmed">
                {t('import.changeMore', { n: more.toLocaleString('vi-VN') })}
              </Text>
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}

/** The commune's "I know" before an import that changes people. */
export function ConfirmChanges({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  const t = useT();
  return <Checkbox label={t('import.confirmChanges')} checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />;
}
