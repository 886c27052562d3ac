import { Center, Loader } from '@mantine/core';
import { useT } from '../i18n.ts';

/** Centered spinner used while a page or its data loads. */
export function PageLoader() {
  const t = useT();
  return (
    <Center py="xl" aria-busy="true">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}
