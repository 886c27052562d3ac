import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Checkbox, Group, Radio, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import type { Gender } from '../../../shared/gender.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { genderConfirmSchema, type PersonWithoutGender } from '../../../shared/schemas/genders.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formLevelError, useSchemaCheck } from '../../components/use-schema-check.ts';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useT } from '../../i18n.ts';
import { useMe, userCan } from '../auth/session.ts';
import { unitHref } from '../units/labels.ts';
import { UnitRoute } from '../units/UnitRoute.tsx';
import { useUnit } from '../units/units-api.ts';
import { useConfirmGenders, useWithoutGender } from './genders-api.ts';

/** "Thành viên chưa có giới tính" of a unit: the proposals from the middle names, confirmed in bulk. */
export function GendersPage() {
  return <UnitRoute view={GendersView} />;
}

function GenderChoice({ person, value, onChange }: { person: PersonWithoutGender; value: Gender | null; onChange: (g: Gender) => void }) {
  const t = useT();
  return (
    <Radio.Group value={value ?? ''} onChange={(v) => onChange(v as Gender)} aria-label={t('genders.genderOf', { name: person.fullName })}>
      <Group gap="sm" wrap="nowrap">
        <Radio value="male" label={t('person.male')} />
        <Radio value="female" label={t('person.female')} />
      </Group>
    </Radio.Group>
  );
}

interface GendersTableProps {
  items: PersonWithoutGender[];
  genderOf: (p: PersonWithoutGender) => Gender | null;
  selected: ReadonlySet<string>;
  onToggle: (personId: string, on: boolean) => void;
  onChoose: (personId: string, gender: Gender) => void;
}

/** One row per member: select, name (to the person's page), teams, Nam/Nữ with the proposal preselected. */
function GendersTable({ items, genderOf, selected, onToggle, onChoose }: GendersTableProps) {
  const t = useT();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped aria-label={t('genders.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('genders.select')}</Table.Th>
            <Table.Th>{t('person.fullName')}</Table.Th>
            <Table.Th>{t('genders.teams')}</Table.Th>
            <Table.Th>{t('person.gender')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((p) => (
            <Table.Tr key={p.personId}>
              <Table.Td>
                <Checkbox
                  aria-label={t('genders.selectOne', { name: p.fullName })}
                  checked={selected.has(p.personId)}
                  disabled={!genderOf(p)}
                  onChange={(e) => onToggle(p.personId, e.currentTarget.checked)}
                />
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} href={`/people/${p.personId}`}>
                  {p.fullName}
                </Anchor>
              </Table.Td>
              <Table.Td>{p.teams.join('; ')}</Table.Td>
              <Table.Td>
                <GenderChoice person={p} value={genderOf(p)} onChange={(g) => onChoose(p.personId, g)} />
                <Text size="xs" c="dimmed">
                  {p.proposal ? t('genders.proposed') : t('genders.noProposal')}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function GendersView({ structure, code }: { structure: Structure; code: string }) {
  const t = useT();
  const unit = useUnit(structure, code);
  const list = useWithoutGender(structure, code);
  const confirm = useConfirmGenders();
  const canConfirm = userCan(useMe().data, 'team.manage');
  const [chosen, setChosen] = useState<Record<string, Gender>>({});
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [done, setDone] = useState<number | null>(null);
  const { errors, check } = useSchemaCheck(genderConfirmSchema);
  const items = list.data?.items ?? [];
  const genderOf = (p: PersonWithoutGender) => chosen[p.personId] ?? p.proposal;
  const toggle = (id: string, on: boolean) => setSelected((s) => new Set([...s].filter((x) => x !== id).concat(on ? [id] : [])));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const picked = items.filter((p) => selected.has(p.personId) && genderOf(p));
    if (picked.length === 0) return;
    const body = check({ items: picked.map((p) => ({ personId: p.personId, gender: genderOf(p)! })) });
    if (!body) return;
    confirm.mutate(body, {
      onSuccess: (r) => {
        setDone(r.updated);
        setSelected(new Set());
        setChosen({});
      },
    });
  };

  return (
    <Stack gap="md" component="form" onSubmit={onSubmit}>
      <Title order={1} size="h2">
        {t('genders.title')}: {unit.data?.name ?? code}
      </Title>
      <Text size="sm">{t('genders.intro')}</Text>
      <Anchor component={Link} href={unitHref(structure, code)} size="sm">
        {t('coverage.unitPage')}
      </Anchor>
      {done !== null && (
        <Alert color="green" role="status">
          {t('genders.confirmed', { count: done })}
        </Alert>
      )}
      <ErrorAlert error={list.error ?? confirm.error ?? formLevelError(errors, [])} />
      {list.isPending && <PageLoader />}
      {list.data && list.data.total === 0 && <Text c="dimmed">{t('genders.none')}</Text>}
      {items.length > 0 && (
        <>
          <Group gap="xs">
            <Button variant="default" onClick={() => setSelected(new Set(items.filter((p) => genderOf(p)).map((p) => p.personId)))}>
              {t('genders.selectProposed')}
            </Button>
            {canConfirm && (
              <Button type="submit" loading={confirm.isPending} disabled={selected.size === 0}>
                {t('genders.confirm', { count: selected.size })}
              </Button>
            )}
          </Group>
          <GendersTable
            items={items}
            genderOf={genderOf}
            selected={selected}
            onToggle={toggle}
            onChoose={(id, g) => {
              setChosen((c) => ({ ...c, [id]: g }));
              toggle(id, true);
            }}
          />
          {list.data && list.data.total > items.length && (
            <Text size="sm">{t('genders.more', { count: list.data.total - items.length })}</Text>
          )}
        </>
      )}
    </Stack>
  );
}
