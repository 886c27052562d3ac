import { useState, type FormEvent } from 'react';
import { changePassword, login } from './api.ts';
import { t } from './strings.ts';

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Username and password; tells the caller whether a new password must be set first. */
export function LoginScreen({ onDone }: { onDone: (mustChangePassword: boolean) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) return setError(t('loginRequired'));
    setBusy(true);
    setError(null);
    try {
      const user = await login(username.trim(), password);
      onDone(user.mustChangePassword);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card stack" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h1>{t('loginTitle')}</h1>
      <p className="muted">{t('appTitle')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <label className="field">
        <span>{t('username')}</span>
        <input
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('password')}</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <button type="submit" className="btn primary" disabled={isBusy}>
        {t('loginSubmit')}
      </button>
    </form>
  );
}

/** The forced (or voluntary) password change. */
export function PasswordScreen({ onDone }: { onDone: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (next.length < 8) return setError(t('pwTooShort'));
    if (next !== confirm) return setError(t('pwMismatch'));
    setBusy(true);
    setError(null);
    try {
      await changePassword(current, next);
      onDone();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card stack" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h1>{t('pwTitle')}</h1>
      <p className="note">{t('pwMust')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <label className="field">
        <span>{t('pwCurrent')}</span>
        <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('pwNew')}</span>
        <input type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('pwConfirm')}</span>
        <input type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
      </label>
      <button type="submit" className="btn primary" disabled={isBusy}>
        {t('pwSubmit')}
      </button>
    </form>
  );
}
