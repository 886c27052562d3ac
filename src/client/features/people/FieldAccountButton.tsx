import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Code, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiFetch } from '../../api.ts';
import { memberAccountCreateSchema } from '../../../shared/schemas/accounts.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useSchemaCheck } from '../../components/use-schema-check.ts';
import { useT } from '../../i18n.ts';
import type { PersonDetail } from '../teams/teams-api.ts';
import { lengthError } from '../../components/length-error.ts';
import { LoginCodeButton } from './LoginCodeButton.tsx';

/** Answer of POST /api/people/:id/account. */
interface FieldAccount {
  userId: string;
  username: string;
  initialPassword: string;
}

function useCreateFieldAccount(personId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { username?: string }) =>
      apiFetch<FieldAccount>(`/api/people/${encodeURIComponent(personId)}/account`, { method: 'POST', body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['person', personId] });
      void qc.invalidateQueries({ queryKey: ['users'] });
    },
  });
}

function Created({ account, onClose }: { account: FieldAccount; onClose: () => void }) {
  const t = useT();
  const fieldUrl = `${window.location.origin}/field`;
  return (
    <Stack gap="sm">
      <Alert color="yellow" variant="light">
        {t('fieldAccount.note')}
      </Alert>
      <Group gap="xs">
        <Text fw={500}>{t('fieldAccount.usernameLabel')}:</Text>
        <Code fz="md" data-testid="field-username">
          {account.username}
        </Code>
      </Group>
      <Group gap="xs">
        <Text fw={500}>{t('fieldAccount.passwordLabel')}:</Text>
        <Code fz="lg" data-testid="field-password">
          {account.initialPassword}
        </Code>
      </Group>
      <Text size="sm">{t('fieldAccount.hint', { url: fieldUrl })}</Text>
      <Group justify="flex-end">
        <CopyButton value={`${fieldUrl}\n${account.username}\n${account.initialPassword}`}>
          {({ copied, copy }) => (
            <Button color={copied ? 'teal' : 'blue'} onClick={copy}>
              {copied ? t('common.copied') : t('fieldAccount.copyBoth')}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={onClose}>
          {t('common.close')}
        </Button>
      </Group>
    </Stack>
  );
}

/** "Tạo tài khoản ghi nhận" for a team member without an account: optional username, then the one-time password once. */
export function FieldAccountButton({ person }: { person: PersonDetail }) {
  const t = useT();
  const create = useCreateFieldAccount(person.id);
  const [open, setOpen] = useState(false);
  const [username, setUsername] = useState('');
  const { errors, check, clear } = useSchemaCheck(memberAccountCreateSchema);
  const hasAccount = person.hasAccount;
  const conflict = create.error instanceof ApiError && create.error.code === 'CONFLICT';
  if (hasAccount) {
    return (
      <Group gap="sm">
        <Badge tt="none" color="green" variant="light">
          {t('fieldAccount.has')}
        </Badge>
        <LoginCodeButton personId={person.id} name={person.fullName} />
      </Group>
    );
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const typed = username.trim().toLowerCase();
    const body = check(typed ? { username: typed } : {});
    if (body) create.mutate(body);
  };
  const close = () => {
    setOpen(false);
    if (create.isSuccess) create.reset();
  };
  return (
    <>
      <Button
        variant="light"
        onClick={() => {
          create.reset();
          clear();
          setUsername('');
          setOpen(true);
        }}
      >
        {t('fieldAccount.create')}
      </Button>
      <Modal
        opened={open}
        onClose={close}
        title={create.data ? t('fieldAccount.createdTitle', { name: person.fullName }) : t('fieldAccount.title', { name: person.fullName })}
        centered
      >
        {create.data ? (
          <Created account={create.data} onClose={close} />
        ) : (
          <Stack component="form" onSubmit={onSubmit} gap="sm">
            <Text size="sm">{t('fieldAccount.intro')}</Text>
            {conflict ? (
              <Alert color="yellow" variant="light" role="status">
                {create.error?.message}
              </Alert>
            ) : (
              <ErrorAlert error={create.error} />
            )}
            <TextInput
              label={t('fieldAccount.username')}
              description={t('fieldAccount.usernameHint')}
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              autoCapitalize="none"
              autoComplete="off"
              error={errors.username ?? lengthError(t, t('fieldAccount.username'), username, 40)}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('fieldAccount.submit')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
