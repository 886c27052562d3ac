import { Stack, Text } from '@mantine/core';
import type { Assignment } from '../../../shared/schemas/accounts.ts';
import { useRoleLabel, useT } from '../../i18n.ts';

/** Role labels with their unit names, one per line. */
export function RolesCell({ assignments }: { assignments: Assignment[] }) {
  const t = useT();
  const roleLabel = useRoleLabel();
  return (
    <Stack gap={2}>
      {assignments.map((a) => (
        <Text key={a.id} size="sm">
          {roleLabel(a.role)}
          <Text span c="dimmed" size="sm">
            {' — '}
            {a.unitCode ? (a.unitName ?? a.unitCode) : t('users.wholeCountry')}
          </Text>
        </Text>
      ))}
    </Stack>
  );
}
