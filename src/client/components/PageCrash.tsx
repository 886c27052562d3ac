import { Button, Stack, Text, Title } from '@mantine/core';
import { useT } from '../i18n.ts';

/** Shown instead of a page that failed to render: what happened and a reload button. */
export function PageCrash() {
  const t = useT();
  return (
    <Stack align="center" py="xl" gap="sm" ta="center" role="alert">
      <Title order={2} size="h3">
        {t('crash.title')}
      </Title>
      <Text c="dimmed">{t('crash.text')}</Text>
      <Button onClick={() => window.location.reload()}>{t('crash.reload')}</Button>
    </Stack>
  );
}
