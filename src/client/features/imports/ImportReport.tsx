import { Alert, SimpleGrid, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ImportIssue, Mau2ImportResult } from '../../../shared/schemas/imports.ts';
import { useT } from '../../i18n.ts';
import type { MessageKey } from '../../locales/vi.ts';

function Count({ label, value }: { label: string; value: number }) {
  return (
    <Paper withBorder p="xs" radius="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value.toLocaleString('vi-VN')}
      </Text>
    </Paper>
  );
}

/** The counts of an import: rows, teams, members and what is (or was) created. */
export function ImportCounts({ result }: { result: Mau2ImportResult }) {
  const t = useT();
  const created = result.dryRun ? 'import.toCreate' : 'import.created';
  const items: [MessageKey, number, boolean][] = [
    ['import.rows', result.rows, false],
    ['import.teams', result.teams, false],
    ['import.members', result.members, false],
    ['import.teamsCreated', result.teamsCreated, true],
    ['import.membersCreated', result.membersCreated, true],
    ['import.villagesCreated', result.villagesCreated, true],
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs">
      {items.map(([key, value, isCreated]) => (
        <Count key={key} label={isCreated ? `${t(key)} ${t(created)}` : t(key)} value={value} />
      ))}
    </SimpleGrid>
  );
}

/** Table of import problems (Trang tính, Dòng, Cột, Nội dung): red for errors, yellow for warnings; the code stays out of sight, as `data-code`. */
export function IssuesTable({ issues, kind }: { issues: ImportIssue[]; kind: 'error' | 'warning' }) {
  const t = useT();
  if (issues.length === 0) return null;
  const color = kind === 'error' ? 'red' : 'yellow';
  return (
    <Stack gap={4}>
      <Title order={3} size="h5" c={kind === 'error' ? 'red.8' : 'yellow.9'}>
        {kind === 'error' ? t('import.errorsTitle', { n: issues.length }) : t('import.warningsTitle', { n: issues.length })}
      </Title>
      <Table.ScrollContainer minWidth={560} mah={480}>
        <Table withTableBorder aria-label={kind === 'error' ? t('import.errorsLabel') : t('import.warningsLabel')} stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('import.sheet')}</Table.Th>
              <Table.Th>{t('import.row')}</Table.Th>
              <Table.Th>{t('import.column')}</Table.Th>
              <Table.Th>{t('import.message')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {issues.map((issue, i) => (
              <Table.Tr key={`${issue.sheet}-${issue.row}-${issue.column}-${i}`} bg={`${color}.0`} data-code={issue.code}>
                <Table.Td>{issue.sheet}</Table.Td>
                <Table.Td>{issue.row}</Table.Td>
                <Table.Td>{issue.column}</Table.Td>
                <Table.Td c={kind === 'error' ? 'red.9' : undefined}>{issue.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** Summary alert of a dry run: ready to import, or errors to fix first. */
export function DryRunVerdict({ result }: { result: Mau2ImportResult }) {
  const t = useT();
  return result.ok && result.errors.length === 0 ? (
    <Alert color="green" variant="light" title={t('import.readyTitle')}>
      {t('import.readyText')}
    </Alert>
  ) : (
    <Alert color="red" variant="light" title={t('import.fixTitle')} role="alert">
      {t('import.fixText')}
    </Alert>
  );
}
