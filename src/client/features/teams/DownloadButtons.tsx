import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { buildUrl } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDownload } from '../../download.ts';
import { useT } from '../../i18n.ts';
import { DateField } from '../../components/DateField.tsx';
import { vnToday } from '../../../shared/dates.ts';

/** "Tải Mẫu 2 (Excel)": the list of teams and members of a unit as .xlsx. */
export function Mau2DownloadButton({ structure, unit }: { structure: Structure; unit: string }) {
  const t = useT();
  const dl = useDownload();
  return (
    <Stack gap={4}>
      <Button
        variant="light"
        loading={dl.pending}
        onClick={() => void dl.run(buildUrl('/api/exports/mau2', { unit, structure }), `mau2-${unit}.xlsx`)}
      >
        {t('downloads.mau2')}
      </Button>
      <ErrorAlert error={dl.error} />
    </Stack>
  );
}

/**
 * "Tải quyết định Mẫu 1 (Word)": asks number, date and signer in a modal, then downloads the .docx;
 * with `purpose="reestablishment"`, the decision re-establishing a merged commune's teams.
 */
export function DecisionDownloadButton({ structure, commune, purpose }: { structure: Structure; commune: string; purpose?: 'reestablishment' }) {
  const t = useT();
  const dl = useDownload();
  const [opened, setOpened] = useState(false);
  const [number, setNumber] = useState('');
  const [date, setDate] = useState(vnToday());
  const [signer, setSigner] = useState('');

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const url = buildUrl('/api/exports/decision', { unit: commune, structure, number: number.trim(), date, signer: signer.trim(), purpose });
    if (await dl.run(url, `quyet-dinh-${purpose ? 'kien-toan-' : ''}${commune}.docx`)) setOpened(false);
  };

  return (
    <>
      <Button variant="light" onClick={() => setOpened(true)}>
        {t(purpose ? 'reorg.decision' : 'downloads.decision')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t(purpose ? 'reorg.decisionTitle' : 'downloads.decisionTitle')} centered>
        <Stack component="form" onSubmit={(e) => void onSubmit(e)} gap="sm">
          <ErrorAlert error={dl.error} />
          <TextInput label={t('teams.decisionNumber')} value={number} onChange={(e) => setNumber(e.currentTarget.value)} maxLength={20} />
          <DateField label={t('teams.decisionDate')} value={date} onChange={setDate} />
          <TextInput label={t('teams.decisionSigner')} value={signer} onChange={(e) => setSigner(e.currentTarget.value)} maxLength={120} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t('common.cancel')}
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
