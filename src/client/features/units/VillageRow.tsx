import { useState, type FormEvent } from 'react';
import { Badge, Button, Group, Table, Text, TextInput } from '@mantine/core';
import { villageUpdateSchema, type OrgUnit, type Structure } from '../../../shared/schemas/org-units.ts';
import { useSchemaCheck } from '../../components/use-schema-check.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n.ts';
import { useUpdateVillage } from './units-api.ts';

interface VillageRowProps {
  village: OrgUnit;
  structure: Structure;
  communeCode: string;
  canManage: boolean;
}

function RenameForm({
  initial,
  onSave,
  onCancel,
  saving,
}: {
  initial: string;
  onSave: (name: string) => void;
  onCancel: () => void;
  saving: boolean;
}) {
  const t = useT();
  const [name, setName] = useState(initial);
  const { errors, check } = useSchemaCheck(villageUpdateSchema);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = check({ name });
    if (body?.name) onSave(body.name);
  };
  return (
    <form onSubmit={submit}>
      <Group gap="xs" wrap="wrap">
        <TextInput
          size="xs"
          aria-label={t('villages.newName')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          autoFocus
        />
        <Button size="xs" type="submit" loading={saving}>
          {t('common.save')}
        </Button>
        <Button size="xs" variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </Group>
    </form>
  );
}

/** One village: name, type, code, "Đã giải thể" when retired, and rename / retire / restore for managers. */
export function VillageRow({ village, structure, communeCode, canManage }: VillageRowProps) {
  const t = useT();
  const update = useUpdateVillage(structure, communeCode);
  const [editing, setEditing] = useState(false);
  const retired = village.retiredAt !== null;
  const save = (name: string) => update.mutate({ code: village.code, patch: { name } }, { onSuccess: () => setEditing(false) });
  const toggleRetired = () => update.mutate({ code: village.code, patch: { isRetired: !retired } });

  return (
    <Table.Tr style={retired ? { opacity: 0.6 } : undefined} data-retired={retired || undefined}>
      <Table.Td>
        {editing ? (
          <RenameForm initial={village.name} onSave={save} onCancel={() => setEditing(false)} saving={update.isPending} />
        ) : (
          <Group gap="xs" preventGrowOverflow={false}>
            <Text c={retired ? 'dimmed' : undefined} td={retired ? 'line-through' : undefined}>
              {village.name}
            </Text>
            {retired && (
              <Badge color="gray" variant="light" tt="none" style={{ flexShrink: 0 }}>
                {t('villages.retired')}
              </Badge>
            )}
          </Group>
        )}
        {update.error && <ErrorAlert error={update.error} />}
      </Table.Td>
      <Table.Td c={retired ? 'dimmed' : undefined}>{village.type}</Table.Td>
      <Table.Td c="dimmed" visibleFrom="sm">
        {village.code}
      </Table.Td>
      {canManage && (
        <Table.Td>
          <Group gap={4} wrap="nowrap">
            {!editing && (
              <Button size="compact-xs" variant="subtle" onClick={() => setEditing(true)}>
                {t('villages.rename')}
              </Button>
            )}
            <Button
              size="compact-xs"
              variant="subtle"
              color={retired ? 'teal' : 'red'}
              onClick={toggleRetired}
              loading={update.isPending && !editing}
            >
              {retired ? t('villages.restore') : t('villages.retire')}
            </Button>
          </Group>
        </Table.Td>
      )}
    </Table.Tr>
  );
}
