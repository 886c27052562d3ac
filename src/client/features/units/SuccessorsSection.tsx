import { Anchor, List, Stack, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useT } from '../../i18n.ts';
import { unitHref } from './labels.ts';
import { useSuccessors } from './units-api.ts';

/** "Đơn vị kế thừa": the units in the new structure that took over a legacy unit. */
export function SuccessorsSection({ code }: { code: string }) {
  const t = useT();
  const successors = useSuccessors(code, true);
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('successors.title')}
      </Title>
      {successors.isPending && <PageLoader />}
      <ErrorAlert error={successors.error} />
      {successors.data && successors.data.items.length === 0 && <Text c="dimmed">{t('successors.empty')}</Text>}
      {successors.data && successors.data.items.length > 0 && (
        <List spacing={4}>
          {successors.data.items.map((s) => (
            <List.Item key={`${s.structure}-${s.code}`}>
              <Anchor component={Link} href={unitHref(s.structure, s.code)}>
                {s.name}
              </Anchor>
              {s.isPartial && (
                <Text span c="dimmed" size="sm">
                  {' '}
                  {t('successors.partial')}
                </Text>
              )}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
