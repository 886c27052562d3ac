import { useDebouncedValue } from '@mantine/hooks';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useT } from '../../i18n.ts';
import { usePersonMatches } from '../people/duplicates-api.ts';
import type { PersonDraft } from './person-draft.ts';

/**
 * Under the "new member" fields: the person of the commune who holds the typed phone (adding
 * attaches them), or people with the same name and birth year, who can be added instead.
 */
export function PersonMatches({ teamId, person, onUse }: { teamId: string; person: PersonDraft; onUse: (personId: string) => void }) {
  const t = useT();
  // Debounced as one string: a new object on every render would restart the timer for ever.
  const [typed] = useDebouncedValue(JSON.stringify([person.phone, person.fullName, person.birthYear]), 400);
  const [phone, fullName, birthYear] = JSON.parse(typed) as [string, string, string];
  const matches = usePersonMatches(teamId, { phone, fullName, birthYear }).data;
  if (!matches) return null;
  if (matches.byPhone) {
    return (
      <Alert color="blue" variant="light" title={t('members.holderTitle', { name: matches.byPhone.fullName })}>
        {t('members.holderText')}
      </Alert>
    );
  }
  if (matches.namesakes.length === 0) return null;
  return (
    <Alert color="yellow" variant="light" title={t('members.namesakesTitle')}>
      <Stack gap={4}>
        {matches.namesakes.map((p) => (
          <Group key={p.id} gap="xs" justify="space-between">
            <Text size="sm">{[p.fullName, p.birthYear, p.phone].filter(Boolean).join(' · ')}</Text>
            <Button size="xs" variant="light" onClick={() => onUse(p.id)}>
              {t('members.useExisting')}
            </Button>
          </Group>
        ))}
      </Stack>
    </Alert>
  );
}
