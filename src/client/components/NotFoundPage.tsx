import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import { useT } from '../i18n.ts';

/** 404 page with a link back to the units. */
export function NotFoundPage() {
  const t = useT();
  return (
    <Stack align="center" py="xl" gap="sm" ta="center">
      <Title order={1}>404</Title>
      <Title order={2} size="h3">
        {t('notFound.title')}
      </Title>
      <Text c="dimmed">{t('notFound.text')}</Text>
      <Button component={Link} href="/units" variant="light">
        {t('notFound.home')}
      </Button>
    </Stack>
  );
}
