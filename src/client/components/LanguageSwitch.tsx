import { SegmentedControl } from '@mantine/core';
import { setLang, useLang, useT, type Lang } from '../i18n.ts';

/** VI/EN toggle; the choice is persisted in localStorage. */
export function LanguageSwitch() {
  const lang = useLang();
  const t = useT();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('header.language')}
      value={lang}
      onChange={(value) => setLang(value as Lang)}
      data={[
        { value: 'vi', label: 'VI' },
        { value: 'en', label: 'EN' },
      ]}
    />
  );
}
