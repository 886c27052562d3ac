import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { personEraseSchema } from '../../../shared/schemas/teams.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useSchemaCheck } from '../../components/use-schema-check.ts';
import { useDownload } from '../../download.ts';
import { useT } from '../../i18n.ts';
import { useErasePerson, type PersonDetail } from '../teams/teams-api.ts';

function EraseButton({ person }: { person: PersonDetail }) {
  const t = useT();
  const erase = useErasePerson(person.id);
  const [opened, setOpened] = useState(false);
  const [reason, setReason] = useState('');
  const { errors, check } = useSchemaCheck(personEraseSchema);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = check({ reason: reason.trim() });
    if (body) erase.mutate(body.reason, { onSuccess: () => setOpened(false) });
  };
  return (
    <>
      <Button color="red" variant="light" onClick={() => setOpened(true)}>
        {t('personData.erase')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('personData.eraseTitle', { name: person.fullName })} centered>
        <Stack component="form" onSubmit={onSubmit} gap="sm">
          <Text size="sm">{t('personData.eraseNote')}</Text>
          <ErrorAlert error={erase.error} />
          <Textarea
            label={t('personData.reason')}
            placeholder={t('personData.reasonHint')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
            maxLength={500}
            required
            autosize
            minRows={2}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={erase.isPending} disabled={!reason.trim()}>
              {t('personData.eraseSubmit')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** "Dữ liệu cá nhân theo yêu cầu": a copy of the person's data (JSON, Excel) and erasure of their identity, for their managers. */
export function PersonDataActions({ person }: { person: PersonDetail }) {
  const t = useT();
  const dl = useDownload();
  const url = (format: 'json' | 'xlsx') => `/api/people/${encodeURIComponent(person.id)}/export?format=${format}`;
  const name = (format: string) => `du-lieu-ca-nhan-${person.id.slice(0, 8)}.${format}`;
  return (
    <Paper withBorder p="sm" radius="sm" component="section" aria-labelledby="person-data-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="person-data-title">
          {t('personData.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('personData.intro')}
        </Text>
        <ErrorAlert error={dl.error} />
        <Group gap="xs">
          <Button variant="default" loading={dl.pending} onClick={() => void dl.run(url('json'), name('json'))}>
            {t('personData.exportJson')}
          </Button>
          <Button variant="default" loading={dl.pending} onClick={() => void dl.run(url('xlsx'), name('xlsx'))}>
            {t('personData.exportXlsx')}
          </Button>
          {!person.isAnonymised && <EraseButton person={person} />}
        </Group>
      </Stack>
    </Paper>
  );
}
