import { useState } from 'react';
import { Anchor, Badge, Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { DuplicateGroup } from '../../../shared/schemas/teams.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useT } from '../../i18n.ts';
import { personHref, teamHref } from '../teams/labels.ts';
import { unitHref } from '../units/labels.ts';
import { UnitRoute } from '../units/UnitRoute.tsx';
import { useDuplicates, useMergePeople } from './duplicates-api.ts';

type Candidate = DuplicateGroup['people'][number];

function PersonCell({ person }: { person: Candidate }) {
  const t = useT();
  return (
    <Stack gap={2}>
      <Anchor component={Link} href={personHref(person.id)} fw={600}>
        {person.fullName}
      </Anchor>
      <Text size="xs" c="dimmed">
        {[person.phone, person.birthYear, person.cccdMasked].filter(Boolean).join(' · ') || t('duplicates.noDetails')}
      </Text>
      <Group gap={4}>
        {person.isFlagged && (
          <Badge size="xs" color="orange" tt="none">
            {t('duplicates.flagged')}
          </Badge>
        )}
        {person.hasFieldAccount && (
          <Badge size="xs" variant="light" tt="none">
            {t('duplicates.hasAccount')}
          </Badge>
        )}
      </Group>
    </Stack>
  );
}

/** One group: its people with their teams, and "keep this one" to merge another into it. */
function GroupCard({ group, onMerge }: { group: DuplicateGroup; onMerge: (keep: Candidate, from: Candidate) => void }) {
  const t = useT();
  return (
    <Paper withBorder p="sm" radius="sm" data-reason={group.reason}>
      <Text fw={600} mb={4}>
        {group.reason === 'phone' ? t('duplicates.samePhone', { label: group.label }) : t('duplicates.sameName', { label: group.label })}
      </Text>
      <Table.ScrollContainer minWidth={560}>
        <Table withTableBorder aria-label={group.label}>
          <Table.Tbody>
            {group.people.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td w="35%">
                  <PersonCell person={p} />
                </Table.Td>
                <Table.Td>
                  {p.memberships.length === 0 && <Text c="dimmed">{t('duplicates.noTeam')}</Text>}
                  {p.memberships.map((m) => (
                    <Text key={`${m.teamId}-${m.role}-${m.isActive}`} size="sm" c={m.isActive ? undefined : 'dimmed'}>
                      <Anchor component={Link} href={teamHref(m.teamId)}>
                        {m.teamName}
                      </Anchor>{' '}
                      — {t(`teamRole.${m.role}`)}
                      {m.isActive ? '' : ` (${t('duplicates.left')})`}
                    </Text>
                  ))}
                </Table.Td>
                <Table.Td>
                  {group.people
                    .filter((other) => other.id !== p.id)
                    .map((other) => (
                      <Button key={other.id} size="xs" variant="light" onClick={() => onMerge(p, other)}>
                        {t('duplicates.mergeInto', { from: other.fullName, keep: p.fullName })}
                      </Button>
                    ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function DuplicatesView({ structure, code }: { structure: Structure; code: string }) {
  const t = useT();
  const list = useDuplicates(structure, code);
  const merge = useMergePeople();
  const [pair, setPair] = useState<{ keep: Candidate; from: Candidate } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const confirm = () => {
    if (!pair) return;
    merge.mutate(
      { keep: pair.keep.id, from: pair.from.id },
      {
        onSuccess: () => {
          setDone(t('duplicates.merged', { from: pair.from.fullName, keep: pair.keep.fullName }));
          setPair(null);
        },
      },
    );
  };
  return (
    <Stack gap="md">
      <Anchor component={Link} href={unitHref(structure, code)} size="sm">
        {t('duplicates.back')}
      </Anchor>
      <Title order={1} size="h2">
        {t('duplicates.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('duplicates.intro')}
      </Text>
      {done && (
        <Text c="green.8" role="status">
          {done}
        </Text>
      )}
      {list.isPending && <PageLoader />}
      <ErrorAlert error={list.error} />
      {list.data && list.data.items.length === 0 && <Text c="dimmed">{t('duplicates.none')}</Text>}
      {list.data?.items.map((g) => (
        <GroupCard key={`${g.reason}-${g.label}`} group={g} onMerge={(keep, from) => setPair({ keep, from })} />
      ))}
      <Modal opened={pair !== null} onClose={() => setPair(null)} title={t('duplicates.confirmTitle')}>
        {pair && (
          <Stack gap="sm">
            <Text size="sm">{t('duplicates.confirmText', { from: pair.from.fullName, keep: pair.keep.fullName })}</Text>
            <ErrorAlert error={merge.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setPair(null)}>
                {t('common.cancel')}
              </Button>
              <Button color="orange" loading={merge.isPending} onClick={confirm}>
                {t('duplicates.confirm')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

/** "Có thể trùng" `/people/duplicates/:structure/:code`: a commune's possible duplicate people and merging them. */
export function DuplicatesPage() {
  return <UnitRoute view={DuplicatesView} />;
}
