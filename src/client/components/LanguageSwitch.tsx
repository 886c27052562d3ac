import { Button } from '@mantine/core';
import { setLang, useLang, useT } from '../i18n.ts';

const NAMES = { vi: 'Tiếng Việt', en: 'English' } as const;

/**
 * VI/EN toggle: one button naming the other language; the choice is persisted in localStorage.
 * (A segmented control measured the page on every render: the most expensive part of the header
 * on a slow phone.)
 */
export function LanguageSwitch() {
  const lang = useLang();
  const t = useT();
  const other = lang === 'vi' ? 'en' : 'vi';
  return (
    <Button
      size="xs"
      variant="default"
      px={8}
      lang={other}
      aria-label={`${other.toUpperCase()} – ${t('header.language')}: ${NAMES[other]}`}
      onClick={() => setLang(other)}
    >
      {other.toUpperCase()}
    </Button>
  );
}
