import { Button, CloseButton, Group, Input, Paper, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { ROLE_UNIT_LEVEL, ROLES, type Role } from '../../../shared/permissions.ts';
import { STRUCTURES, type Structure } from '../../../shared/schemas/org-units.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { useRoleLabel, useT } from '../../i18n.ts';
import { structureLabel } from '../units/labels.ts';
import { emptyDraft, needsUnit, type AssignmentDraft } from './assignments.ts';

interface EditorProps {
  value: AssignmentDraft[];
  onChange: (drafts: AssignmentDraft[]) => void;
  showErrors: boolean;
}

function AssignmentRow({
  draft,
  onChange,
  onRemove,
  showErrors,
}: {
  draft: AssignmentDraft;
  onChange: (d: AssignmentDraft) => void;
  onRemove: (() => void) | null;
  showErrors: boolean;
}) {
  const t = useT();
  const roleLabel = useRoleLabel();
  const withUnit = needsUnit(draft.role);
  return (
    <Paper withBorder p="xs" radius="sm">
      <Group justify="flex-end" mb={-8}>
        {onRemove && <CloseButton size="sm" aria-label={t('users.removeAssignment')} onClick={onRemove} />}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: withUnit ? 3 : 1 }} spacing="xs">
        <Select
          label={t('users.role')}
          data={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))}
          value={draft.role}
          allowDeselect={false}
          onChange={(v) => v && onChange({ ...draft, role: v as Role, unit: null })}
        />
        {withUnit && (
          <Select
            label={t('users.structure')}
            data={STRUCTURES.map((s) => ({ value: s, label: structureLabel(t, s) }))}
            value={draft.structure}
            allowDeselect={false}
            onChange={(v) => v && onChange({ ...draft, structure: v as Structure, unit: null })}
          />
        )}
        {withUnit && (
          <UnitPicker
            key={`${draft.role}-${draft.structure}`}
            structure={draft.structure}
            level={ROLE_UNIT_LEVEL[draft.role]}
            value={draft.unit}
            onChange={(unit) => onChange({ ...draft, unit })}
            error={showErrors && !draft.unit ? t('users.unitRequired') : undefined}
          />
        )}
      </SimpleGrid>
      {!withUnit && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('users.wholeCountry')}
        </Text>
      )}
    </Paper>
  );
}

/** Edits one or more role assignments: role, structure and a unit picked by search (admin needs no unit). */
export function AssignmentsEditor({ value, onChange, showErrors }: EditorProps) {
  const t = useT();
  const replace = (index: number, draft: AssignmentDraft) => onChange(value.map((d, i) => (i === index ? draft : d)));
  const remove = (index: number) => onChange(value.filter((_, i) => i !== index));
  return (
    <Input.Wrapper label={t('users.assignments')} required>
      <Stack gap="xs" mt={4}>
        {value.map((draft, index) => (
          <AssignmentRow
            key={draft.key}
            draft={draft}
            onChange={(d) => replace(index, d)}
            onRemove={value.length > 1 ? () => remove(index) : null}
            showErrors={showErrors}
          />
        ))}
        <Button variant="light" size="xs" onClick={() => onChange([...value, emptyDraft()])} style={{ alignSelf: 'flex-start' }}>
          {t('users.addAssignment')}
        </Button>
      </Stack>
    </Input.Wrapper>
  );
}
