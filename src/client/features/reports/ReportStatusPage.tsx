import { useState } from 'react';
import { Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { Link, useParams, useSearchParams } from 'wouter';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useDownload } from '../../download.ts';
import { useT } from '../../i18n.ts';
import { STATE_COLOR } from './labels.ts';
import { useReportStatus } from './reports-api.ts';
import { PdfButton } from '../../components/PdfButton.tsx';
import { formatDate } from '../../../shared/dates.ts';

/** The level above (`?period=` picks the period): who has not submitted, who was late, who was returned; with the Excel download. */
export function ReportStatusPage() {
  const t = useT();
  const { id } = useParams<{ id: string }>();
  const [params] = useSearchParams();
  const [period, setPeriod] = useState(params.get('period') ?? '');
  const status = useReportStatus(id, period || undefined);
  const download = useDownload();
  if (status.error) return <ErrorAlert error={status.error} />;
  if (!status.data) return <PageLoader />;
  const m = status.data;
  return (
    <Stack>
      <Title order={2}>{m.definitionName}</Title>
      <Group align="flex-end">
        <TextInput
          label={t('reports.period')}
          placeholder={m.period}
          value={period}
          onChange={(e) => setPeriod(e.currentTarget.value.trim())}
        />
        <Text>{t('reports.due', { date: formatDate(m.dueOn) })}</Text>
        <Button
          variant="light"
          loading={download.pending}
          onClick={() => void download.run(`/api/report-definitions/${id}/status.xlsx?period=${m.period}`, 'tinh-hinh-bao-cao.xlsx')}
        >
          {t('reports.downloadExcel')}
        </Button>
        <PdfButton
          url={`/api/report-definitions/${id}/status.xlsx?period=${m.period}`}
          fileName="tinh-hinh-bao-cao.pdf"
          label={t('downloads.doc.reportStatus')}
        />
      </Group>
      {download.error ? <ErrorAlert error={download.error} /> : null}
      <Text>{t('reports.counts', m.counts)}</Text>
      <Table withTableBorder aria-label={t('reports.statusTable')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('reports.unit')}</Table.Th>
            <Table.Th>{t('reports.stateLabel')}</Table.Th>
            <Table.Th>{t('reports.submittedAt')}</Table.Th>
            <Table.Th>{t('reports.returnComment')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {m.rows.map((r) => (
            <Table.Tr key={r.unitCode}>
              <Table.Td>{r.instanceId ? <Link href={`/reports/instances/${r.instanceId}`}>{r.unitName}</Link> : r.unitName}</Table.Td>
              <Table.Td>
                <Group gap="xs">
                  <Badge color={STATE_COLOR[r.state]}>{t(`reports.state.${r.state}`)}</Badge>
                  {r.isLate ? <Badge color="red">{t('reports.late')}</Badge> : null}
                </Group>
              </Table.Td>
              <Table.Td>{r.submittedAt ? formatDate(r.submittedAt) : ''}</Table.Td>
              <Table.Td>{r.returnedComment ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
