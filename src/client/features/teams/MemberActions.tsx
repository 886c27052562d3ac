import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { membershipUpdateSchema, TEAM_ROLES, type Membership } from '../../../shared/schemas/teams.ts';
import { formLevelError, useSchemaCheck } from '../../components/use-schema-check.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n.ts';
import { blankToNull } from './labels.ts';
import { useUpdateMembership } from './teams-api.ts';
import { lengthError } from '../../components/length-error.ts';
import { DateField } from '../../components/DateField.tsx';
import { vnToday } from '../../../shared/dates.ts';

type TeamRole = (typeof TEAM_ROLES)[number];

/** Per-member buttons "Sửa chức vụ" (role + title) and "Rời tổ" (asks the date; kept as history). */
export function MemberActions({ membership }: { membership: Membership }) {
  const t = useT();
  const update = useUpdateMembership();
  const [mode, setMode] = useState<'role' | 'leave' | null>(null);
  const [role, setRole] = useState<TeamRole>(membership.role);
  const [title, setTitle] = useState(membership.title ?? '');
  const [toDate, setToDate] = useState(vnToday());
  const name = membership.person.fullName;
  const { errors, check, clear } = useSchemaCheck(membershipUpdateSchema);

  const open = (m: 'role' | 'leave') => {
    update.reset();
    clear();
    setRole(membership.role);
    setTitle(membership.title ?? '');
    setToDate(vnToday());
    setMode(m);
  };
  const close = () => setMode(null);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = check(mode === 'leave' ? { toDate } : { role, title: blankToNull(title) });
    if (body) update.mutate({ id: membership.id, body }, { onSuccess: close });
  };

  return (
    <>
      <Group gap={4} wrap="nowrap">
        <Button size="compact-xs" variant="light" onClick={() => open('role')} aria-label={`${t('members.editRole')}: ${name}`}>
          {t('members.editRole')}
        </Button>
        <Button size="compact-xs" variant="light" color="red" onClick={() => open('leave')} aria-label={`${t('members.leave')}: ${name}`}>
          {t('members.leave')}
        </Button>
      </Group>
      <Modal
        opened={mode !== null}
        onClose={close}
        title={mode === 'leave' ? t('members.leaveTitle', { name }) : t('members.editRoleTitle', { name })}
        centered
      >
        <Stack component="form" onSubmit={onSubmit} gap="sm">
          <ErrorAlert error={update.error ?? formLevelError(errors, mode === 'leave' ? ['toDate'] : ['role', 'title'])} />
          {mode === 'leave' ? (
            <>
              <Text size="sm">{t('members.leaveNote')}</Text>
              <DateField label={t('members.toDate')} required value={toDate} onChange={setToDate} error={errors.toDate} />
            </>
          ) : (
            <>
              <Select
                label={t('members.role')}
                data={TEAM_ROLES.map((r) => ({ value: r, label: t(`teamRole.${r}`) }))}
                value={role}
                onChange={(v) => setRole((v ?? 'member') as TeamRole)}
                error={errors.role}
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
              />
              <TextInput
                label={t('members.jobTitle')}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
                error={errors.title ?? lengthError(t, t('members.jobTitle'), title, 120)}
              />
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              color={mode === 'leave' ? 'red' : undefined}
              loading={update.isPending}
              disabled={mode === 'leave' && !toDate}
            >
              {mode === 'leave' ? t('members.leaveSubmit') : t('common.save')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
