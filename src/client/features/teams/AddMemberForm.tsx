import { useState, type FormEvent } from 'react';
import { Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { memberAddSchema, TEAM_ROLES } from '../../../shared/schemas/teams.ts';
import { errorsUnder, formLevelError, useSchemaCheck } from '../../components/use-schema-check.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n.ts';
import { blankToNull } from './labels.ts';
import { EMPTY_PERSON, personInput, type PersonDraft } from './person-draft.ts';
import { PersonFields } from './PersonFields.tsx';
import { PersonMatches } from './PersonMatches.tsx';
import { useAddMember } from './teams-api.ts';
import { lengthError } from '../../components/length-error.ts';
import { DateField } from '../../components/DateField.tsx';
import { vnToday } from '../../../shared/dates.ts';

type TeamRole = (typeof TEAM_ROLES)[number];

/** "Thêm thành viên": a new person with role, title (Chức danh) and start date. */
export function AddMemberForm({ teamId }: { teamId: string }) {
  const t = useT();
  const add = useAddMember(teamId);
  const [person, setPerson] = useState<PersonDraft>(EMPTY_PERSON);
  const [role, setRole] = useState<TeamRole>('member');
  const [title, setTitle] = useState('');
  const [fromDate, setFromDate] = useState(vnToday());
  const [added, setAdded] = useState<string | null>(null);
  const { errors, check } = useSchemaCheck(memberAddSchema);

  /** Adds the typed person, or the existing person `personId` chosen among the possible matches. */
  const submit = (personId?: string) => {
    if (!person.fullName.trim()) return;
    const who = personId ? { personId } : { person: personInput(person) };
    const body = check({ ...who, role, title: blankToNull(title), fromDate: blankToNull(fromDate) ?? undefined });
    if (!body) return;
    setAdded(null);
    add.mutate(body, {
      onSuccess: () => {
        setAdded(person.fullName.trim());
        setPerson(EMPTY_PERSON);
        setTitle('');
        setRole('member');
      },
    });
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };

  return (
    <Paper withBorder p="sm" radius="sm" component="form" onSubmit={onSubmit}>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('members.add')}
        </Title>
        <ErrorAlert error={add.error ?? formLevelError(errors, ['person', 'role', 'title', 'fromDate'])} />
        {added && (
          <Text size="sm" c="green.8" role="status">
            {t('members.added', { name: added })}
          </Text>
        )}
        <PersonFields value={person} onChange={setPerson} errors={errorsUnder(errors, 'person')} />
        <PersonMatches teamId={teamId} person={person} onUse={submit} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
          <Select
            label={t('members.role')}
            data={TEAM_ROLES.map((r) => ({ value: r, label: t(`teamRole.${r}`) }))}
            value={role}
            onChange={(v) => setRole((v ?? 'member') as TeamRole)}
            error={errors.role}
            allowDeselect={false}
          />
          <TextInput
            label={t('members.jobTitle')}
            placeholder={t('members.titleExample')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.title ?? lengthError(t, t('members.jobTitle'), title, 120)}
          />
          <DateField label={t('members.fromDate')} value={fromDate} onChange={setFromDate} error={errors.fromDate} />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={add.isPending} disabled={!person.fullName.trim()}>
            {t('members.addSubmit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
