import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useParams } from 'wouter';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useDownload } from '../../download.ts';
import { useT } from '../../i18n.ts';
import { STATE_COLOR } from './labels.ts';
import { useReportActions, useReportInstance } from './reports-api.ts';
import { PdfButton } from '../../components/PdfButton.tsx';
import { formatDate } from '../../../shared/dates.ts';

/** One unit's report: numbers pre-filled from the rollups, section editors, submit; return or approve for the level above; downloads. */
export function ReportInstancePage() {
  const t = useT();
  const { id } = useParams<{ id: string }>();
  const report = useReportInstance(id);
  const actions = useReportActions(id);
  const download = useDownload();
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  // Fresh section texts from the server replace the edits (after a save, a return, a reopen).
  const [textsOf, setTextsOf] = useState<typeof report.data>();
  if (report.data && report.data !== textsOf) {
    setTextsOf(report.data);
    setTexts(Object.fromEntries(report.data.sections.map((s) => [s.key, s.text])));
  }
  if (report.error) return <ErrorAlert error={report.error} />;
  if (!report.data) return <PageLoader />;
  const r = report.data;
  const error =
    actions.save.error ?? actions.submit.error ?? actions.giveBack.error ?? actions.approve.error ?? actions.reopen.error ?? download.error;
  const submit = () => actions.save.mutate(texts, { onSuccess: () => actions.submit.mutate() });
  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={2}>{r.definitionName}</Title>
          <Text>
            {r.unitName} — {r.period} — {t('reports.due', { date: formatDate(r.dueOn) })}
          </Text>
        </div>
        <Group>
          <Badge size="lg" color={STATE_COLOR[r.status]} data-testid="report-status">
            {t(`reports.state.${r.status}`)}
          </Badge>
          {r.isLate ? <Badge color="red">{t('reports.late')}</Badge> : null}
        </Group>
      </Group>
      {r.status === 'returned' && r.returnedComment ? (
        <Alert color="orange" title={t('reports.returnedTitle')}>
          {r.returnedComment}
        </Alert>
      ) : null}
      {error ? <ErrorAlert error={error} /> : null}
      {r.drift.length > 0 ? (
        <Alert color="red" title={t('reports.driftTitle')} data-testid="report-drift">
          {r.drift.map((d) => t('reports.driftLine', { name: d.name, sent: d.sent, live: d.live })).join(' · ')}
        </Alert>
      ) : null}
      {r.status === 'approved' ? (
        <Text size="sm" c="dimmed">
          {t('reports.closedNote')}
        </Text>
      ) : null}
      <Table withTableBorder aria-label={t('reports.numbers')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('reports.indicator')}</Table.Th>
            <Table.Th>{t('reports.target')}</Table.Th>
            <Table.Th>{t('reports.achieved')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {r.numbers.map((n) => (
            <Table.Tr key={n.indicator}>
              <Table.Td>{n.name}</Table.Td>
              <Table.Td>{n.target}</Table.Td>
              <Table.Td>{n.achieved}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {r.sections.map((s) => (
        <Textarea
          key={s.key}
          label={s.title}
          autosize
          minRows={3}
          readOnly={!r.canEdit}
          value={texts[s.key] ?? ''}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setTexts((v) => ({ ...v, [s.key]: value }));
          }}
        />
      ))}
      <Group>
        {r.canEdit ? (
          <>
            <Button variant="default" loading={actions.save.isPending} onClick={() => actions.save.mutate(texts)}>
              {t('reports.save')}
            </Button>
            <Button loading={actions.submit.isPending} onClick={submit}>
              {t('reports.submit')}
            </Button>
          </>
        ) : null}
        <Button
          variant="light"
          loading={download.pending}
          onClick={() => void download.run(`/api/report-instances/${id}/export.docx`, 'bao-cao.docx')}
        >
          {t('reports.downloadWord')}
        </Button>
        <Button
          variant="light"
          loading={download.pending}
          onClick={() => void download.run(`/api/report-instances/${id}/export.xlsx`, 'bao-cao.xlsx')}
        >
          {t('reports.downloadExcel')}
        </Button>
        <PdfButton url={`/api/report-instances/${id}/export.docx`} fileName="bao-cao.pdf" label={t('downloads.doc.report')} />
      </Group>
      {r.canReview ? (
        <Paper withBorder p="md">
          <Stack>
            <Title order={4}>{t('reports.review')}</Title>
            <Textarea label={t('reports.returnComment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
            <Group>
              <Button color="orange" variant="light" loading={actions.giveBack.isPending} onClick={() => actions.giveBack.mutate(comment)}>
                {t('reports.return')}
              </Button>
              <Button color="green" loading={actions.approve.isPending} onClick={() => actions.approve.mutate()}>
                {t('reports.approve')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ) : null}
      {r.canReopen ? (
        <Paper withBorder p="md">
          <Stack>
            <Title order={4}>{t('reports.reopenTitle')}</Title>
            <Textarea label={t('reports.reopenReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
            <Group>
              <Button
                color="orange"
                variant="light"
                disabled={!reason.trim()}
                loading={actions.reopen.isPending}
                onClick={() => actions.reopen.mutate(reason.trim())}
              >
                {t('reports.reopen')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  );
}
