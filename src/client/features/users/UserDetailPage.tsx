import { useState, type FormEvent } from 'react';
import { Anchor, Button, Group, Modal, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link, useParams } from 'wouter';
import { userUpdateSchema, type User } from '../../../shared/schemas/accounts.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formLevelError, useSchemaCheck } from '../../components/use-schema-check.ts';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useT } from '../../i18n.ts';
import { AssignmentsEditor } from './AssignmentsEditor.tsx';
import { draftFromAssignment, draftsComplete, toAssignmentInputs, type AssignmentDraft } from './assignments.ts';
import { PasswordRevealModal } from './PasswordRevealModal.tsx';
import { useResetPassword, useUpdateUser, useUser } from './users-api.ts';
import { OrganizationInput, organizationToSave } from './OrganizationInput.tsx';
import { UserStatus } from './UserStatus.tsx';
import { formatDate } from '../../../shared/dates.ts';

function EditForm({ user }: { user: User }) {
  const t = useT();
  const update = useUpdateUser(user.id);
  const [displayName, setDisplayName] = useState(user.displayName);
  const [drafts, setDrafts] = useState<AssignmentDraft[]>(() => user.assignments.map(draftFromAssignment));
  const [organization, setOrganization] = useState(user.organization ?? '');
  const [tried, setTried] = useState(false);
  const { errors, check } = useSchemaCheck(userUpdateSchema);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!displayName.trim() || !draftsComplete(drafts)) return;
    const body = check({
      displayName: displayName.trim(),
      organization: organizationToSave(drafts, organization),
      assignments: toAssignmentInputs(drafts),
    });
    if (body) update.mutate(body);
  };

  return (
    <Paper withBorder p="md" radius="md" component="form" onSubmit={onSubmit} noValidate>
      <Stack>
        <Title order={2} size="h4">
          {t('users.details')}
        </Title>
        <ErrorAlert error={update.error ?? formLevelError(errors, ['displayName'])} />
        {update.isSuccess && (
          <Text c="green.8" role="status">
            {t('common.saved')}
          </Text>
        )}
        <TextInput
          label={t('users.displayName')}
          required
          value={displayName}
          onChange={(e) => setDisplayName(e.currentTarget.value)}
          error={errors.displayName ?? (tried && !displayName.trim() ? t('users.displayName') : undefined)}
        />
        <AssignmentsEditor value={drafts} onChange={setDrafts} showErrors={tried} />
        <OrganizationInput drafts={drafts} value={organization} onChange={setOrganization} />
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function AccountActions({ user }: { user: User }) {
  const t = useT();
  const update = useUpdateUser(user.id);
  const reset = useResetPassword(user.id);
  const [confirming, setConfirming] = useState(false);
  const [password, setPassword] = useState<string | null>(null);
  const doReset = () =>
    reset.mutate(undefined, {
      onSuccess: (r) => {
        setConfirming(false);
        setPassword(r.password);
      },
    });

  return (
    <Stack gap="xs">
      <ErrorAlert error={update.error ?? reset.error} />
      <Group gap="xs">
        <Button
          variant="light"
          color={user.isDisabled ? 'teal' : 'red'}
          loading={update.isPending}
          onClick={() => update.mutate({ isDisabled: !user.isDisabled })}
        >
          {user.isDisabled ? t('users.enable') : t('users.disable')}
        </Button>
        <Button variant="light" onClick={() => setConfirming(true)}>
          {t('users.resetPassword')}
        </Button>
      </Group>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('users.resetPassword')} centered>
        <Stack>
          <Text>{t('users.resetConfirm', { username: user.username })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={reset.isPending} onClick={doReset}>
              {t('users.resetPassword')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <PasswordRevealModal username={user.username} password={password} onClose={() => setPassword(null)} />
    </Stack>
  );
}

/** User detail `/users/:id`: edit name and roles, disable/enable, reset the password. */
export function UserDetailPage() {
  const t = useT();
  const { id } = useParams<{ id: string }>();
  const user = useUser(id);
  return (
    <Stack gap="md">
      <Anchor component={Link} href="/users" size="sm">
        ← {t('users.back')}
      </Anchor>
      {user.isPending && <PageLoader />}
      <ErrorAlert error={user.error} />
      {user.data && (
        <>
          <Stack gap={4}>
            <Title order={1} size="h2">
              {user.data.displayName}
            </Title>
            <Group gap="xs">
              <Text ff="monospace">{user.data.username}</Text>
              <UserStatus user={user.data} />
            </Group>
            <Text size="sm" c="dimmed">
              {t('users.createdAt')}: {formatDate(user.data.createdAt)}
            </Text>
          </Stack>
          <AccountActions user={user.data} />
          <EditForm key={user.data.id} user={user.data} />
        </>
      )}
    </Stack>
  );
}
