import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Checkbox, FileButton, Group, Modal, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import type { Settlement } from '../../../shared/schemas/budgets.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDownload } from '../../download.ts';
import { useT } from '../../i18n.ts';
import { useSettlementActions } from './budgets-api.ts';
import { statusColor, statusKey } from './labels.ts';
import { formatDate } from '../../../shared/dates.ts';
import { pdfUrl } from '../../components/PdfButton.tsx';

const ACCEPT = 'application/pdf,image/jpeg,image/png';

function ReviewActions({ settlement }: { settlement: Settlement }) {
  const t = useT();
  const { sendBack, accept } = useSettlementActions(settlement.teamId, settlement.year);
  const [isOpen, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  return (
    <>
      <Group gap="sm">
        <Button color="green" onClick={() => accept.mutate(settlement.id!)} loading={accept.isPending}>
          {t('budgets.accept')}
        </Button>
        <Button variant="default" onClick={() => setOpen(true)}>
          {t('budgets.return')}
        </Button>
      </Group>
      <ErrorAlert error={accept.error} />
      <Modal opened={isOpen} onClose={() => setOpen(false)} title={t('budgets.returnTitle')}>
        <Stack gap="sm">
          <Textarea
            label={t('budgets.returnComment')}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            autosize
            minRows={3}
          />
          <ErrorAlert error={sendBack.error} />
          <Button
            disabled={!comment.trim()}
            loading={sendBack.isPending}
            onClick={() => sendBack.mutate({ id: settlement.id!, comment }, { onSuccess: () => setOpen(false) })}
          >
            {t('budgets.return')}
          </Button>
        </Stack>
      </Modal>
    </>
  );
}

/** The dossier: checklist with documents, note, the Word statement, submission and the province's review. */
export function DossierSection({ settlement }: { settlement: Settlement }) {
  const t = useT();
  const actions = useSettlementActions(settlement.teamId, settlement.year);
  const download = useDownload();
  const [note, setNote] = useState(settlement.note);
  const toggle = (code: string, isChecked: boolean) => {
    const checked = isChecked ? [...settlement.checked, code] : settlement.checked.filter((c) => c !== code);
    actions.save.mutate({ checked });
  };
  const onDownload = async (asPdf = false) => {
    const id = settlement.id ?? (settlement.canEdit ? await actions.idOf(settlement) : null);
    if (!id) return;
    const url = `/api/settlements/${id}/statement.docx`;
    await download.run(asPdf ? pdfUrl(url) : url, `quyet-toan-${settlement.year}.${asPdf ? 'pdf' : 'docx'}`);
  };
  return (
    <Paper withBorder p="sm" radius="sm" component="section" aria-labelledby="dossier-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="dossier-title">
            {t('budgets.dossier')}
          </Title>
          <Group gap="xs">
            <Badge color={statusColor(settlement.status)} data-testid="dossier-status">
              {t(statusKey(settlement.id ? settlement.status : null))}
            </Badge>
            {settlement.isLate && <Badge color="red">{t('budgets.late')}</Badge>}
            {settlement.isOverdue && (
              <Badge color="red" variant="outline">
                {t('budgets.overdue')}
              </Badge>
            )}
          </Group>
        </Group>
        <Text size="sm">{t('budgets.deadlineLine', { date: formatDate(settlement.deadline) })}</Text>
        {settlement.status === 'returned' && settlement.reviewComment && (
          <Alert color="orange" variant="light">
            {t('budgets.reviewComment', { comment: settlement.reviewComment })}
          </Alert>
        )}
        {settlement.isLocked && (
          <Alert color="green" variant="light">
            {t('budgets.acceptedNote')}
          </Alert>
        )}
        <Stack gap="xs">
          {settlement.checklist.map((item) => (
            <Group key={item.code} gap="sm" justify="space-between" wrap="nowrap">
              <Stack gap={2}>
                <Checkbox
                  label={item.label}
                  checked={item.isChecked}
                  disabled={!settlement.canEdit || actions.save.isPending}
                  onChange={(e) => toggle(item.code, e.currentTarget.checked)}
                />
                {item.files.map((f) => (
                  <Anchor key={f.id} href={f.url} target="_blank" size="sm" pl="lg">
                    {f.fileName}
                  </Anchor>
                ))}
              </Stack>
              {settlement.canEdit && (
                <FileButton accept={ACCEPT} onChange={(file) => file && actions.file.mutate({ settlement, code: item.code, file })}>
                  {(props) => (
                    <Button {...props} size="xs" variant="light" aria-label={`${t('budgets.attach')}: ${item.label}`}>
                      {t('budgets.attach')}
                    </Button>
                  )}
                </FileButton>
              )}
            </Group>
          ))}
        </Stack>
        <Textarea
          label={t('budgets.note')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          disabled={!settlement.canEdit}
          autosize
          minRows={2}
        />
        <ErrorAlert error={actions.save.error ?? actions.file.error ?? actions.submit.error ?? download.error} />
        <Group gap="sm">
          {settlement.canEdit && (
            <Button variant="default" onClick={() => actions.save.mutate({ note })} loading={actions.save.isPending}>
              {t('budgets.saveDossier')}
            </Button>
          )}
          {(settlement.id || settlement.canEdit) && (
            <Button variant="light" onClick={() => void onDownload()} loading={download.pending}>
              {t('budgets.download')}
            </Button>
          )}
          {(settlement.id || settlement.canEdit) && (
            <Button
              variant="default"
              onClick={() => void onDownload(true)}
              loading={download.pending}
              aria-label={t('downloads.pdfOf', { name: t('downloads.doc.settlement') })}
            >
              {t('downloads.pdf')}
            </Button>
          )}
          {settlement.canEdit && (
            <Button onClick={() => actions.submit.mutate(settlement)} loading={actions.submit.isPending}>
              {t('budgets.submit')}
            </Button>
          )}
        </Group>
        {settlement.canReview && <ReviewActions settlement={settlement} />}
      </Stack>
    </Paper>
  );
}
