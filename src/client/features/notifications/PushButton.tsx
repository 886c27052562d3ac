import { Button, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useT } from '../../i18n.ts';
import { enablePush, pushState, type PushState } from '../../push.ts';

/** "Nhận thông báo đẩy trên trình duyệt này": subscribes the browser (the main app's /sw.js) until it is on. */
export function PushButton() {
  const t = useT();
  const [state, setState] = useState<PushState>('unavailable');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void pushState().then(setState, () => setState('unavailable'));
  }, []);
  if (state === 'unavailable') return null;
  if (state === 'on') return <Text size="sm">{t('notifications.pushDone')}</Text>;
  if (state === 'blocked')
    return (
      <Text size="sm" c="dimmed">
        {t('notifications.pushBlocked')}
      </Text>
    );
  const enable = () =>
    enablePush('/sw.js', '/').then(setState, (err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  return (
    <>
      <Button size="xs" variant="default" onClick={() => void enable()}>
        {t('notifications.pushOn')}
      </Button>
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
    </>
  );
}
