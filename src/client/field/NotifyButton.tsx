import { useEffect, useState } from 'react';
import { enablePush, pushState, type PushState } from '../push.ts';
import { t } from './strings.ts';

/** "Get notifications on this device": shown until the phone is subscribed to Web Push (when the server offers it). */
export function NotifyButton() {
  const [state, setState] = useState<PushState>('unavailable');
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    void pushState().then(setState, () => setState('unavailable'));
  }, []);
  const enable = async () => {
    try {
      const next = await enablePush('/field/sw.js', '/field/');
      setState(next);
      setMessage(next === 'on' ? t('notifyOnDone') : next === 'blocked' ? t('notifyBlocked') : null);
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
    }
  };
  if (state === 'unavailable' || (state === 'on' && !message)) return null;
  return (
    <div className="stack tight">
      {state !== 'on' && (
        <button type="button" className="btn" onClick={() => void enable()}>
          {t('notifyOn')}
        </button>
      )}
      {(message || state === 'blocked') && (
        <p className="muted small" role="status">
          {message ?? t('notifyBlocked')}
        </p>
      )}
    </div>
  );
}
