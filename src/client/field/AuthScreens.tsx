import { useState, type FormEvent } from 'react';
import { changePassword, login, redeemLogin } from './api.ts';
import { t } from './strings.ts';

/** A form's submission: busy while `action` runs, its error message (or a check's) shown above the form. */
function useSubmission() {
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const alert = error && (
    <p className="error" role="alert">
      {error}
    </p>
  );
  return { alert, setError, isBusy, run };
}

/** The new password typed twice (two fields), and what is wrong with it, if anything. */
function useNewPassword() {
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const problem = next.length < 8 ? t('pwTooShort') : next !== confirm ? t('pwMismatch') : null;
  const fields = (
    <>
      <label className="field">
        <span>{t('pwNew')}</span>
        <input type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('pwConfirm')}</span>
        <input type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
      </label>
    </>
  );
  return { value: next, problem, fields };
}

/** Username and password; tells the caller whether a new password must be set first. */
export function LoginScreen({ onDone, onCode }: { onDone: (mustChangePassword: boolean) => void; onCode: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { alert, setError, isBusy, run } = useSubmission();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) return setError(t('loginRequired'));
    await run(async () => {
      const user = await login(username.trim(), password);
      onDone(user.mustChangePassword);
    });
  };

  return (
    <form className="card stack" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h1>{t('loginTitle')}</h1>
      <p className="muted">{t('appTitle')}</p>
      {alert}
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
      <button type="button" className="link" onClick={onCode}>
        {t('codeAsk')}
      </button>
    </form>
  );
}

/**
 * Signing in with what the commune issued: the code typed (or the QR code's link, which carries
 * it), and a new password. Works once; the server counts wrong codes towards the login throttle.
 */
export function CodeScreen({ token, onDone, onBack }: { token: string | null; onDone: () => void; onBack: () => void }) {
  const [code, setCode] = useState('');
  const password = useNewPassword();
  const { alert, setError, isBusy, run } = useSubmission();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!token && !code.trim()) return setError(t('codeRequired'));
    if (password.problem) return setError(password.problem);
    await run(async () => {
      await redeemLogin(token ? { token } : { code: code.trim() }, password.value);
      onDone();
    });
  };

  return (
    <form className="card stack" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h1>{t('codeTitle')}</h1>
      <p className="note">{t(token ? 'codeFromLink' : 'codeIntro')}</p>
      {alert}
      {!token && (
        <label className="field">
          <span>{t('codeLabel')}</span>
          <input autoCapitalize="characters" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />
        </label>
      )}
      {password.fields}
      <button type="submit" className="btn primary" disabled={isBusy}>
        {t('codeSubmit')}
      </button>
      <button type="button" className="link" onClick={onBack}>
        {t('back')}
      </button>
    </form>
  );
}

/** The forced (or voluntary) password change. */
export function PasswordScreen({ onDone }: { onDone: () => void }) {
  const [current, setCurrent] = useState('');
  const password = useNewPassword();
  const { alert, setError, isBusy, run } = useSubmission();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (password.problem) return setError(password.problem);
    await run(async () => {
      await changePassword(current, password.value);
      onDone();
    });
  };

  return (
    <form className="card stack" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h1>{t('pwTitle')}</h1>
      <p className="note">{t('pwMust')}</p>
      {alert}
      <label className="field">
        <span>{t('pwCurrent')}</span>
        <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
      </label>
      {password.fields}
      <button type="submit" className="btn primary" disabled={isBusy}>
        {t('pwSubmit')}
      </button>
    </form>
  );
}
