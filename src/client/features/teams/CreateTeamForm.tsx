import { useState, type FormEvent } from 'react';
import { Anchor, Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link } from 'wouter';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { teamCreateSchema } from '../../../shared/schemas/teams.ts';
import { useSchemaCheck } from '../../components/use-schema-check.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n.ts';
import { useVillages } from '../units/units-api.ts';
import { blankToNull, teamHref } from './labels.ts';
import { useCreateTeam, type TeamDetail } from './teams-api.ts';
import { lengthError } from '../../components/length-error.ts';
import { DateField } from '../../components/DateField.tsx';

/** "Thành lập tổ": village (or "Cấp xã"), optional name, established date and decision fields. */
export function CreateTeamForm({ structure, communeCode }: { structure: Structure; communeCode: string }) {
  const t = useT();
  const villages = useVillages(structure, communeCode, true);
  const create = useCreateTeam(structure, communeCode);
  const [unitCode, setUnitCode] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [establishedOn, setEstablishedOn] = useState('');
  const [decisionNumber, setDecisionNumber] = useState('');
  const [decisionDate, setDecisionDate] = useState('');
  const [decisionSigner, setDecisionSigner] = useState('');
  const [created, setCreated] = useState<TeamDetail | null>(null);
  const { errors, check } = useSchemaCheck(teamCreateSchema);

  const options = [
    { value: communeCode, label: t('teams.communeLevel') },
    ...(villages.data?.items ?? []).filter((v) => v.retiredAt === null).map((v) => ({ value: v.code, label: v.name })),
  ];

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = check({
      structure,
      unitCode,
      name: blankToNull(name) ?? undefined,
      establishedOn: blankToNull(establishedOn),
      decisionNumber: blankToNull(decisionNumber),
      decisionDate: blankToNull(decisionDate),
      decisionSigner: blankToNull(decisionSigner),
    });
    if (!body) return;
    setCreated(null);
    create.mutate(body, {
      onSuccess: (team) => {
        setCreated(team);
        setName('');
        setUnitCode(null);
      },
    });
  };

  return (
    <Paper withBorder p="sm" radius="sm" component="form" onSubmit={onSubmit}>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('teams.create')}
        </Title>
        <ErrorAlert error={create.error ?? villages.error} />
        {created && (
          <Text size="sm" c="green.8" role="status">
            {t('teams.created')}{' '}
            <Anchor component={Link} href={teamHref(created.id)}>
              {created.name}
            </Anchor>
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Select
            label={t('teams.place')}
            placeholder={t('teams.placePick')}
            data={options}
            value={unitCode}
            onChange={setUnitCode}
            error={errors.unitCode}
            searchable
            required
          />
          <TextInput
            label={t('teams.nameOptional')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name ?? lengthError(t, t('teams.nameOptional'), name, 200)}
          />
          <DateField label={t('teams.establishedOn')} value={establishedOn} onChange={setEstablishedOn} error={errors.establishedOn} />
          <TextInput
            label={t('teams.decisionNumber')}
            value={decisionNumber}
            onChange={(e) => setDecisionNumber(e.currentTarget.value)}
            error={errors.decisionNumber ?? lengthError(t, t('teams.decisionNumber'), decisionNumber, 50)}
          />
          <DateField label={t('teams.decisionDate')} value={decisionDate} onChange={setDecisionDate} error={errors.decisionDate} />
          <TextInput
            label={t('teams.decisionSigner')}
            value={decisionSigner}
            onChange={(e) => setDecisionSigner(e.currentTarget.value)}
            error={errors.decisionSigner ?? lengthError(t, t('teams.decisionSigner'), decisionSigner, 120)}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending} disabled={!unitCode}>
            {t('teams.createSubmit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
