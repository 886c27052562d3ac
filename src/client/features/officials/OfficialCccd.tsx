import { Button, Group, Stack, Text } from '@mantine/core';
import type { Official } from '../../../shared/schemas/officials.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n.ts';
import { useRevealOfficialCccd } from './officials-api.ts';

/** The masked CCCD of an official, with a "Xem" button (audited reveal) for users allowed to see the clear number. */
export function OfficialCccd({ official, canReveal }: { official: Official; canReveal: boolean }) {
  const t = useT();
  const reveal = useRevealOfficialCccd(official.id);
  if (!official.cccdMasked)
    return (
      <Text span c="dimmed">
        —
      </Text>
    );
  const shown = reveal.data ? (reveal.data.cccd ?? '—') : official.cccdMasked;
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="nowrap">
        <Text span ff="monospace" aria-live="polite" style={{ whiteSpace: 'nowrap' }}>
          {shown}
        </Text>
        {canReveal && !reveal.data && (
          <Button
            size="compact-xs"
            variant="light"
            loading={reveal.isPending}
            onClick={() => reveal.mutate()}
            aria-label={t('officials.revealLabel', { name: official.fullName })}
          >
            {t('officials.reveal')}
          </Button>
        )}
      </Group>
      {reveal.data && (
        <Text size="xs" c="dimmed" role="status">
          {t('officials.revealLogged')}
        </Text>
      )}
      <ErrorAlert error={reveal.error} />
    </Stack>
  );
}
