import { useState, type FormEvent } from 'react';
import { userCreateSchema } from '../../../shared/schemas/accounts.ts';
import { useSchemaCheck } from '../../components/use-schema-check.ts';
import { Button, Group, Modal, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n.ts';
import { AssignmentsEditor } from './AssignmentsEditor.tsx';
import { draftsComplete, emptyDraft, toAssignmentInputs, type AssignmentDraft } from './assignments.ts';
import { useCreateUser, type GeneratedPassword } from './users-api.ts';
import { OrganizationInput, organizationToSave } from './OrganizationInput.tsx';

function CreateUserForm({ onCreated, onCancel }: { onCreated: (r: GeneratedPassword) => void; onCancel: () => void }) {
  const t = useT();
  const create = useCreateUser();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [drafts, setDrafts] = useState<AssignmentDraft[]>(() => [emptyDraft()]);
  const [organization, setOrganization] = useState('');
  const [tried, setTried] = useState(false);
  const { errors, check } = useSchemaCheck(userCreateSchema);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    const body = check({
      username: username.trim().toLowerCase(),
      displayName,
      ...(password ? { password } : {}),
      organization: organizationToSave(drafts, organization),
      assignments: toAssignmentInputs(drafts),
    });
    if (!body || !draftsComplete(drafts)) return;
    create.mutate(body, { onSuccess: onCreated });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <ErrorAlert error={create.error} />
        <TextInput
          label={t('users.username')}
          required
          autoComplete="off"
          autoCapitalize="none"
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value)}
          error={errors.username}
        />
        <TextInput
          label={t('users.displayName')}
          required
          value={displayName}
          onChange={(e) => setDisplayName(e.currentTarget.value)}
          error={errors.displayName}
        />
        <PasswordInput
          label={t('users.password')}
          description={t('users.passwordHint')}
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={errors.password}
        />
        <AssignmentsEditor value={drafts} onChange={setDrafts} showErrors={tried} />
        <OrganizationInput drafts={drafts} value={organization} onChange={setOrganization} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('users.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** "Tạo tài khoản" modal; the form state resets each time it opens. */
export function CreateUserModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (r: GeneratedPassword) => void;
}) {
  const t = useT();
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal opened={opened} onClose={onClose} title={t('users.create')} size="xl" fullScreen={phone}>
      {opened && <CreateUserForm onCreated={onCreated} onCancel={onClose} />}
    </Modal>
  );
}
