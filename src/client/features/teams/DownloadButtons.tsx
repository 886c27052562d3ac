import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { Link } from 'wouter';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { buildUrl } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { pdfUrl, PdfButton } from '../../components/PdfButton.tsx';
import { useDownload } from '../../download.ts';
import { useT } from '../../i18n.ts';
import { lengthError } from '../../components/length-error.ts';
import { gendersHref, useWithoutGender } from '../people/genders-api.ts';
import { DateField } from '../../components/DateField.tsx';
import { vnToday } from '../../../shared/dates.ts';

/**
 * "Tải Mẫu 2 (Excel)" and its PDF: the list of teams and members of a unit as .xlsx; above a
 * commune also as one consolidated sheet (TT running on across its communes).
 */
export function Mau2DownloadButton({
  structure,
  unit,
  isAboveCommune = false,
}: {
  structure: Structure;
  unit: string;
  isAboveCommune?: boolean;
}) {
  const t = useT();
  const dl = useDownload();
  const url = buildUrl('/api/exports/mau2', { unit, structure });
  const consolidated = buildUrl('/api/exports/mau2', { unit, structure, layout: 'consolidated' });
  return (
    <Stack gap={4}>
      <Group gap="xs" align="flex-start">
        <Button variant="light" loading={dl.pending} onClick={() => void dl.run(url, `mau2-${unit}.xlsx`)}>
          {t('downloads.mau2')}
        </Button>
        {isAboveCommune && (
          <Button variant="light" loading={dl.pending} onClick={() => void dl.run(consolidated, `mau2-${unit}-tong-hop.xlsx`)}>
            {t('downloads.mau2Consolidated')}
          </Button>
        )}
        <PdfButton url={isAboveCommune ? consolidated : url} fileName={`mau2-${unit}.pdf`} label={t('downloads.doc.mau2')} />
      </Group>
      <ErrorAlert error={dl.error} />
    </Stack>
  );
}

/** Before the decision is downloaded: which members have no gender, so are named without "Ông"/"Bà". */
function MissingGenders({ structure, commune }: { structure: Structure; commune: string }) {
  const t = useT();
  const list = useWithoutGender(structure, commune);
  if (!list.data || list.data.total === 0) return null;
  const names = list.data.items.slice(0, 8).map((p) => p.fullName);
  const more = list.data.total - names.length;
  return (
    <Alert color="yellow" title={t('genders.missingTitle', { count: list.data.total })}>
      <Stack gap={4}>
        <span>
          {names.join(', ')}
          {more > 0 ? ` ${t('genders.more', { count: more })}` : ''}
        </span>
        <span>{t('genders.missingEffect')}</span>
        <Anchor component={Link} href={gendersHref(structure, commune)}>
          {t('genders.confirmLink')}
        </Anchor>
      </Stack>
    </Alert>
  );
}

/**
 * "Tải quyết định Mẫu 1 (Word)": asks number, date and signer in a modal, then downloads the .docx
 * or its PDF; with `purpose="reestablishment"`, the decision re-establishing a merged commune's teams.
 */
export function DecisionDownloadButton({
  structure,
  commune,
  purpose,
}: {
  structure: Structure;
  commune: string;
  purpose?: 'reestablishment';
}) {
  const t = useT();
  const dl = useDownload();
  const [opened, setOpened] = useState(false);
  const [number, setNumber] = useState('');
  const [date, setDate] = useState(vnToday());
  const [signer, setSigner] = useState('');
  const url = () =>
    buildUrl('/api/exports/decision', { unit: commune, structure, number: number.trim(), date, signer: signer.trim(), purpose });

  const download = async (asPdf: boolean) => {
    if (await dl.run(asPdf ? pdfUrl(url()) : url(), `quyet-dinh-${purpose ? 'kien-toan-' : ''}${commune}.${asPdf ? 'pdf' : 'docx'}`))
      setOpened(false);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void download(false);
  };

  return (
    <>
      <Button variant="light" onClick={() => setOpened(true)}>
        {t(purpose ? 'reorg.decision' : 'downloads.decision')}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t(purpose ? 'reorg.decisionTitle' : 'downloads.decisionTitle')}
        centered
      >
        <Stack component="form" onSubmit={onSubmit} gap="sm">
          {opened && <MissingGenders structure={structure} commune={commune} />}
          <ErrorAlert error={dl.error} />
          <TextInput
            label={t('teams.decisionNumber')}
            value={number}
            onChange={(e) => setNumber(e.currentTarget.value)}
            error={lengthError(t, t('teams.decisionNumber'), number, 20)}
          />
          <DateField label={t('teams.decisionDate')} value={date} onChange={setDate} />
          <TextInput
            label={t('teams.decisionSigner')}
            value={signer}
            onChange={(e) => setSigner(e.currentTarget.value)}
            error={lengthError(t, t('teams.decisionSigner'), signer, 120)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t('common.cancel')}
            </Button>
            <Button variant="default" loading={dl.pending} onClick={() => void download(true)}>
              {t('downloads.downloadPdf')}
            </Button>
            <Button type="submit" loading={dl.pending}>
              {t('downloads.download')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
