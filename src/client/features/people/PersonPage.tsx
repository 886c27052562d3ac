import { useState, type FormEvent } from 'react';
import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useParams } from 'wouter';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formLevelError, useSchemaCheck } from '../../components/use-schema-check.ts';
import { personInputSchema, personUpdateSchema } from '../../../shared/schemas/teams.ts';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useT } from '../../i18n.ts';
import { useMe, userCan } from '../auth/session.ts';
import { teamHref } from '../teams/labels.ts';
import { RoleText } from '../teams/MembersTable.tsx';
import { draftFromPerson, personInput, type PersonDraft } from '../teams/person-draft.ts';
import { PersonFields } from '../teams/PersonFields.tsx';
import { PhoneLinks } from '../teams/PhoneLinks.tsx';
import { usePerson, useRevealCccd, useUpdatePerson, type PersonDetail } from '../teams/teams-api.ts';
import { FieldAccountButton } from './FieldAccountButton.tsx';
import { formatDate } from '../../../shared/dates.ts';
import { PersonDataActions } from './PersonDataActions.tsx';

function Cccd({ person }: { person: PersonDetail }) {
  const t = useT();
  const canReveal = userCan(useMe().data, 'cccd.reveal');
  const reveal = useRevealCccd(person.id);
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Text fw={500}>{t('person.cccd')}:</Text>
        <Text ff="monospace" aria-live="polite">
          {reveal.data ? (reveal.data.cccd ?? '—') : (person.cccdMasked ?? '—')}
        </Text>
        {canReveal && person.cccdMasked && !reveal.data && (
          <Button size="compact-sm" variant="light" loading={reveal.isPending} onClick={() => reveal.mutate()}>
            {t('person.revealCccd')}
          </Button>
        )}
      </Group>
      {reveal.data && (
        <Text size="xs" c="dimmed">
          {t('person.revealLogged')}
        </Text>
      )}
      <ErrorAlert error={reveal.error} />
    </Stack>
  );
}

function Details({ person }: { person: PersonDetail }) {
  const t = useT();
  const rows: [string, string][] = [
    [t('person.gender'), person.gender ? t(`person.${person.gender}`) : '—'],
    [t('person.birthYear'), person.birthYear === null ? '—' : String(person.birthYear)],
    [
      t('person.affiliation'),
      person.affiliation
        ? `${t(`affiliation.${person.affiliation}`)}${person.affiliationDetail ? ` (${person.affiliationDetail})` : ''}`
        : (person.affiliationDetail ?? '—'),
    ],
  ];
  return (
    <Stack gap={6}>
      <Group gap="xs">
        <Text fw={500}>{t('person.phone')}:</Text>
        <PhoneLinks phone={person.phone} isZalo={person.isZalo} name={person.fullName} />
      </Group>
      {rows.map(([label, value]) => (
        <Group key={label} gap="xs">
          <Text fw={500}>{label}:</Text>
          <Text>{value}</Text>
        </Group>
      ))}
      <Cccd person={person} />
    </Stack>
  );
}

function EditPerson({ person }: { person: PersonDetail }) {
  const t = useT();
  const update = useUpdatePerson(person.id);
  const [draft, setDraft] = useState<PersonDraft>(() => draftFromPerson(person));
  const { errors, check } = useSchemaCheck(personUpdateSchema);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft.fullName.trim()) return;
    const body = check(personInput(draft));
    if (body) update.mutate(body, { onSuccess: () => setDraft((d) => ({ ...d, cccd: '' })) });
  };
  return (
    <Paper withBorder p="sm" radius="sm" component="form" onSubmit={onSubmit}>
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('person.edit')}
        </Title>
        <ErrorAlert error={update.error ?? formLevelError(errors, Object.keys(personInputSchema.shape))} />
        {update.isSuccess && (
          <Text size="sm" c="green.8" role="status">
            {t('common.saved')}
          </Text>
        )}
        <PersonFields value={draft} onChange={setDraft} cccdHint={t('person.cccdKeep')} errors={errors} />
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending} disabled={!draft.fullName.trim()}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function Memberships({ person }: { person: PersonDetail }) {
  const t = useT();
  if (person.memberships.length === 0) return <Text c="dimmed">{t('person.noMemberships')}</Text>;
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table striped aria-label={t('person.memberships')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('teams.name')}</Table.Th>
            <Table.Th>{t('members.role')}</Table.Th>
            <Table.Th>{t('members.period')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {person.memberships.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>
                <Anchor component={Link} href={teamHref(m.teamId)}>
                  {m.teamName}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <RoleText role={m.role} title={m.title} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {formatDate(m.fromDate)} – {m.toDate ? formatDate(m.toDate) : t('person.now')}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Person page `/people/:id`: details, masked CCCD with an audited reveal, edit form, memberships across teams. */
export function PersonPage() {
  const t = useT();
  const { id } = useParams<{ id: string }>();
  const person = usePerson(id);
  const canManage = userCan(useMe().data, 'team.manage');
  if (person.isPending) return <PageLoader />;
  if (person.isError) return <ErrorAlert error={person.error} />;
  const p = person.data;
  return (
    <Stack gap="md">
      <Group gap="sm" justify="space-between" align="center">
        <Group gap="xs">
          <Title order={1} size="h2">
            {p.isAnonymised ? t('personData.anonymised') : p.fullName}
          </Title>
          {p.isAnonymised && <Badge color="gray">{t('personData.anonymised')}</Badge>}
        </Group>
        {canManage && !p.isAnonymised && p.memberships.some((m) => m.toDate === null) && <FieldAccountButton person={p} />}
      </Group>
      <Details person={p} />
      <Title order={2} size="h4">
        {t('person.memberships')}
      </Title>
      <Memberships person={p} />
      {canManage && !p.isAnonymised && <EditPerson key={p.id} person={p} />}
      {canManage && <PersonDataActions person={p} />}
    </Stack>
  );
}
