import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { teamUpdateSchema } from '../../../shared/schemas/teams.ts';
import { useSchemaCheck } from '../../components/use-schema-check.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n.ts';
import { blankToNull } from './labels.ts';
import { useUpdateTeam, type TeamDetail } from './teams-api.ts';
import { lengthError } from '../../components/length-error.ts';
import { DateField } from '../../components/DateField.tsx';
import { vnToday } from '../../../shared/dates.ts';

/** "Sửa thông tin tổ": name, establishment, decision fields and the Zalo group link. */
export function TeamEditForm({ team, onDone }: { team: TeamDetail; onDone?: () => void }) {
  const t = useT();
  const update = useUpdateTeam(team.id);
  const [f, setF] = useState({
    name: team.name,
    establishedOn: team.establishedOn ?? '',
    decisionNumber: team.decisionNumber ?? '',
    decisionDate: team.decisionDate ?? '',
    decisionSigner: team.decisionSigner ?? '',
    decisionIssuer: team.decisionIssuer ?? '',
    zaloGroupUrl: team.zaloGroupUrl ?? '',
  });
  const { errors, check } = useSchemaCheck(teamUpdateSchema);
  const field = (key: keyof typeof f, label: string, type = 'text', max?: number) => (
    <TextInput
      label={label}
      type={type}
      value={f[key]}
      onChange={(e) => {
        const v = e.currentTarget.value;
        setF((prev) => ({ ...prev, [key]: v }));
      }}
      error={errors[key] ?? lengthError(t, label, f[key], max)}
      required={key === 'name'}
    />
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = check({
      name: f.name,
      establishedOn: blankToNull(f.establishedOn),
      decisionNumber: blankToNull(f.decisionNumber),
      decisionDate: blankToNull(f.decisionDate),
      decisionSigner: blankToNull(f.decisionSigner),
      decisionIssuer: blankToNull(f.decisionIssuer),
      zaloGroupUrl: blankToNull(f.zaloGroupUrl),
    });
    if (body) update.mutate(body, { onSuccess: () => onDone?.() });
  };
  return (
    <Paper withBorder p="sm" radius="sm" component="form" onSubmit={onSubmit}>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('teams.edit')}
        </Title>
        <ErrorAlert error={update.error} />
        {update.isSuccess && (
          <Text size="sm" c="green.8" role="status">
            {t('common.saved')}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          {field('name', t('teams.name'), 'text', 200)}
          {field('establishedOn', t('teams.establishedOn'), 'date')}
          {field('decisionNumber', t('teams.decisionNumber'), 'text', 50)}
          {field('decisionDate', t('teams.decisionDate'), 'date')}
          {field('decisionSigner', t('teams.decisionSigner'), 'text', 120)}
          {field('decisionIssuer', t('teams.decisionIssuer'), 'text', 200)}
          {field('zaloGroupUrl', t('teams.zaloGroup'), 'url')}
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending} disabled={!f.name.trim()}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** "Giải thể tổ" (asks date and reason) for an active team, "Khôi phục hoạt động" for a dissolved one. */
export function TeamStatusActions({ team }: { team: TeamDetail }) {
  const t = useT();
  const update = useUpdateTeam(team.id);
  const [opened, setOpened] = useState(false);
  const [date, setDate] = useState(vnToday());
  const [reason, setReason] = useState('');

  if (team.status === 'dissolved') {
    return (
      <Stack gap={4}>
        <ErrorAlert error={update.error} />
        <Button variant="light" color="teal" loading={update.isPending} onClick={() => update.mutate({ status: 'active' })}>
          {t('teams.reactivate')}
        </Button>
      </Stack>
    );
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ status: 'dissolved', dissolvedOn: date, dissolvedReason: blankToNull(reason) }, { onSuccess: () => setOpened(false) });
  };
  return (
    <>
      <Button variant="light" color="red" onClick={() => setOpened(true)}>
        {t('teams.dissolve')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('teams.dissolveTitle', { name: team.name })} centered>
        <Stack component="form" onSubmit={onSubmit} gap="sm">
          <ErrorAlert error={update.error} />
          <DateField label={t('teams.dissolvedOn')} required value={date} onChange={setDate} />
          <Textarea
            label={t('teams.dissolvedReason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={lengthError(t, t('teams.dissolvedReason'), reason, 500)}
            autosize
            minRows={2}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={update.isPending} disabled={!date}>
              {t('teams.dissolve')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
