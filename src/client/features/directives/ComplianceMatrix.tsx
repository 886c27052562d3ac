import { Badge, Button, Group, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDownload } from '../../download.ts';
import { useT } from '../../i18n.ts';
import { useCompliance } from './directives-api.ts';
import { STATUS_COLOR } from './labels.ts';
import { formatDate } from '../../../shared/dates.ts';
import { PdfButton } from '../../components/PdfButton.tsx';

/** The issuer's matrix (recipients × tasks): done green, late orange, overdue red, not opened grey; with the Excel download. */
export function ComplianceMatrix({ directiveId }: { directiveId: string }) {
  const t = useT();
  const matrix = useCompliance(directiveId, true);
  const download = useDownload();
  if (matrix.error) return <ErrorAlert error={matrix.error} />;
  if (!matrix.data) return null;
  const m = matrix.data;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>{t('directives.compliance')}</Title>
        <Group gap="xs" align="flex-start">
          <Button
            variant="light"
            loading={download.pending}
            onClick={() => void download.run(`/api/directives/${directiveId}/compliance.xlsx`, 'tinh-hinh-thuc-hien.xlsx')}
          >
            {t('directives.downloadExcel')}
          </Button>
          <PdfButton
            url={`/api/directives/${directiveId}/compliance.xlsx`}
            fileName="tinh-hinh-thuc-hien.pdf"
            label={t('downloads.doc.compliance')}
          />
        </Group>
      </Group>
      {download.error ? <ErrorAlert error={download.error} /> : null}
      <Table.ScrollContainer minWidth={600}>
        <Table withTableBorder withColumnBorders aria-label={t('directives.compliance')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('directives.unit')}</Table.Th>
              {m.tasks.map((task, i) => (
                <Table.Th key={task.id}>
                  {i + 1}. {task.title}
                  <Text size="xs" c="dimmed">
                    {t('directives.deadline', { date: formatDate(task.dueOn) || '…' })}
                  </Text>
                  <Text size="xs">
                    {t('directives.counts', {
                      done: task.counts.done,
                      late: task.counts.doneLate,
                      overdue: task.counts.overdue,
                      open: task.counts.open,
                      notOpened: task.counts.notOpened,
                    })}
                  </Text>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {m.rows.map((row) => (
              <Table.Tr key={row.unitCode} bg={row.openedAt ? undefined : 'gray.1'}>
                <Table.Td>
                  {row.unitName}{' '}
                  {row.openedAt ? null : (
                    <Badge color="gray" variant="light">
                      {t('directives.notOpened')}
                    </Badge>
                  )}
                </Table.Td>
                {row.cells.map((cell) => (
                  <Table.Td key={cell.taskId} data-status={cell.status}>
                    <Tooltip label={cell.note || '—'} disabled={!cell.note}>
                      <Badge color={STATUS_COLOR[cell.status]}>
                        {t(`directives.taskStatus.${cell.status}`)}
                        {cell.doneAt ? ` ${formatDate(cell.doneAt)}` : ''}
                      </Badge>
                    </Tooltip>
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
