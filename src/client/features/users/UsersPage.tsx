import { useState } from 'react';
import { Anchor, Button, Group, Pagination, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link } from 'wouter';
import type { User } from '../../../shared/schemas/accounts.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useT } from '../../i18n.ts';
import { useMe, userCan } from '../auth/session.ts';
import { CreateUserModal } from './CreateUserModal.tsx';
import { PasswordRevealModal } from './PasswordRevealModal.tsx';
import { RolesCell } from './RolesCell.tsx';
import { UserStatus } from './UserStatus.tsx';
import { USERS_PAGE_SIZE, useUsers, type GeneratedPassword } from './users-api.ts';

function UsersTable({ users }: { users: User[] }) {
  const t = useT();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('users.username')}</Table.Th>
            <Table.Th>{t('users.displayName')}</Table.Th>
            <Table.Th>{t('users.roles')}</Table.Th>
            <Table.Th>{t('users.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>
                <Anchor component={Link} href={`/users/${u.id}`} ff="monospace">
                  {u.username}
                </Anchor>
              </Table.Td>
              <Table.Td>{u.displayName}</Table.Td>
              <Table.Td>
                <RolesCell assignments={u.assignments} />
              </Table.Td>
              <Table.Td>
                <UserStatus user={u} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Users list with search, paging and the "Tạo tài khoản" flow. */
export function UsersPage() {
  const t = useT();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 300);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<GeneratedPassword | null>(null);
  const users = useUsers(q, (page - 1) * USERS_PAGE_SIZE);
  const canManage = userCan(useMe().data, 'user.manage');
  const pages = Math.max(1, Math.ceil((users.data?.total ?? 0) / USERS_PAGE_SIZE));

  const onCreated = (result: GeneratedPassword) => {
    setCreating(false);
    setCreated(result);
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('users.title')}
        </Title>
        {canManage && <Button onClick={() => setCreating(true)}>{t('users.create')}</Button>}
      </Group>
      <TextInput
        type="search"
        label={t('users.search')}
        placeholder={t('users.search')}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          setPage(1);
        }}
        maw={420}
      />
      {created && (
        <Text c="green.8" role="status">
          {t('users.created', { username: created.user.username })}
        </Text>
      )}
      {users.isPending && <PageLoader />}
      <ErrorAlert error={users.error} />
      {users.data && users.data.items.length === 0 && <Text c="dimmed">{t('users.empty')}</Text>}
      {users.data && users.data.items.length > 0 && <UsersTable users={users.data.items} />}
      {users.data && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('common.total', { n: users.data.total })}
          </Text>
          {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} size="sm" />}
        </Group>
      )}
      <CreateUserModal opened={creating} onClose={() => setCreating(false)} onCreated={onCreated} />
      <PasswordRevealModal
        username={created?.user.username ?? ''}
        password={created?.password ?? null}
        onClose={() => setCreated((c) => (c ? { ...c, password: null } : c))}
      />
    </Stack>
  );
}
