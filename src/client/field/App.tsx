import { useCallback, useEffect, useState } from 'react';
import type { FieldBootstrap } from '../../shared/schemas/activities.ts';
import { ApiError } from '../shared/request.ts';
import { fetchBootstrap, logout } from './api.ts';
import { ActivityForm } from './ActivityForm.tsx';
import { CodeScreen, LoginScreen, PasswordScreen } from './AuthScreens.tsx';
import { correctReturned, type Correction } from './corrections.ts';
import { HomeScreen } from './HomeScreen.tsx';
import { idbQueue, kv } from './idb.ts';
import { engine, useOnline } from './outbox.ts';
import { isPending } from './queue.ts';
import { getLang, setLang, t } from './strings.ts';

/** Cache name of the bootstrap in the service worker (vite.config.ts runtimeCaching). */
const SW_BOOTSTRAP_CACHE = 'field-bootstrap';
const BOOTSTRAP_KEY = 'bootstrap';

type Phase =
  | { kind: 'loading' }
  | { kind: 'login' }
  | { kind: 'password' }
  | { kind: 'code'; token: string | null }
  | { kind: 'ready'; data: FieldBootstrap }
  | { kind: 'error'; message: string };

type View = 'home' | 'form';
const viewOfPath = (): View => (window.location.pathname.replace(/\/+$/, '').endsWith('/new') ? 'form' : 'home');

/** Loads the team data online, or from the phone's copy when offline. */
async function loadBootstrap(): Promise<Phase> {
  try {
    const data = await fetchBootstrap();
    await kv.set(BOOTSTRAP_KEY, data);
    return { kind: 'ready', data };
  } catch (err) {
    if (err instanceof ApiError && err.code === 'PASSWORD_CHANGE_REQUIRED') return { kind: 'password' };
    if (err instanceof ApiError && err.status === 401) return { kind: 'login' };
    const cached = await kv.get<FieldBootstrap>(BOOTSTRAP_KEY).catch(() => undefined);
    if (cached) return { kind: 'ready', data: cached };
    return { kind: 'error', message: err instanceof ApiError && err.status > 0 ? err.message : t('firstVisitOnline') };
  }
}

/** A sent-back activity named by the link of its notification (`/field/?activity=<id>`), ready to correct. */
function linkedCorrection(data: FieldBootstrap): Correction | null {
  const id = new URLSearchParams(window.location.search).get('activity');
  const activity = data.recent.find((a) => a.id === id && a.status === 'returned' && a.canEdit);
  return activity ? correctReturned(activity) : null;
}

/** The field app: sign-in, the home list and the activity form (new work, or a correction). */
export function App() {
  // A login link from the commune (its QR code): set a password with it first.
  const [loginToken] = useState(() => new URLSearchParams(window.location.search).get('login'));
  const [phase, setPhase] = useState<Phase>(loginToken ? { kind: 'code', token: loginToken } : { kind: 'loading' });
  const [view, setView] = useState<View>(viewOfPath);
  const [correction, setCorrection] = useState<Correction | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const [, setLangState] = useState(getLang());
  const isOnline = useOnline();

  const openForm = useCallback((next: Correction | null) => {
    window.history.pushState({ view: 'form' }, '', '/field/new');
    setCorrection(next);
    setView('form');
  }, []);

  const show = useCallback(
    (next: Phase) => {
      if (next.kind === 'ready') {
        engine.setUser(next.data.user.username);
        void engine.sync();
        const linked = linkedCorrection(next.data);
        if (linked) {
          window.history.replaceState(null, '', '/field/');
          openForm(linked);
        }
      }
      setPhase(next);
    },
    [openForm],
  );
  const reload = useCallback(() => loadBootstrap().then(show), [show]);

  useEffect(() => {
    if (loginToken) window.history.replaceState(null, '', '/field/');
    else void loadBootstrap().then(show);
    const onPop = () => {
      const next = viewOfPath();
      if (next === 'home') setCorrection(null);
      setView(next);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [show, loginToken]);

  // Back to the list: through history when the form was opened from it (so Android's back works too).
  const closeForm = () => {
    if ((window.history.state as { view?: string } | null)?.view === 'form') window.history.back();
    else {
      window.history.replaceState(null, '', '/field/');
      setView('home');
    }
  };

  const onLogout = async () => {
    const username = phase.kind === 'ready' ? phase.data.user.username : null;
    const pending = (await idbQueue.list()).filter((i) => i.username === username && isPending(i)).length;
    if (pending > 0 && !window.confirm(t('logoutPending', { n: pending }))) return;
    await logout();
    engine.setUser(null);
    await kv.remove(BOOTSTRAP_KEY);
    if ('caches' in window) await caches.delete(SW_BOOTSTRAP_CACHE).catch(() => false);
    setPhase({ kind: 'login' });
  };

  const toggleLang = () => {
    const next = getLang() === 'vi' ? 'en' : 'vi';
    setLang(next);
    localStorage.setItem('cnscd-field-lang', next);
    setLangState(next);
  };

  let body;
  if (phase.kind === 'loading') body = <p className="center muted">{t('loading')}</p>;
  else if (phase.kind === 'login') {
    body = (
      <LoginScreen
        onDone={(mustChange) => (mustChange ? setPhase({ kind: 'password' }) : void reload())}
        onCode={() => setPhase({ kind: 'code', token: null })}
      />
    );
  } else if (phase.kind === 'code')
    body = <CodeScreen token={phase.token} onDone={() => void reload()} onBack={() => setPhase({ kind: 'login' })} />;
  else if (phase.kind === 'password') body = <PasswordScreen onDone={() => void reload()} />;
  else if (phase.kind === 'error') {
    body = (
      <div className="card center">
        <p role="alert">{phase.message}</p>
        <button type="button" className="btn" onClick={() => void reload()}>
          {t('retry')}
        </button>
      </div>
    );
  } else if (view === 'form' && phase.data.teams.length > 0) {
    body = (
      <ActivityForm
        key={correction?.replacesKey ?? correction?.activityId ?? 'new'}
        data={phase.data}
        correction={correction ?? undefined}
        onCancel={closeForm}
        onSaved={() => {
          setFlash(t(correction ? 'resent' : 'saved'));
          closeForm();
        }}
      />
    );
  } else {
    body = (
      <HomeScreen
        data={phase.data}
        flash={flash}
        onDismissFlash={() => setFlash(null)}
        onNew={() => {
          setFlash(null);
          openForm(null);
        }}
        onCorrect={(next) => {
          setFlash(null);
          openForm(next);
        }}
        onLogin={() => setPhase({ kind: 'login' })}
      />
    );
  }

  return (
    <div className="app">
      <header className="bar">
        <div className="bar-title">
          <strong>{t('appName')}</strong>
          {phase.kind === 'ready' && <span className="muted small">{phase.data.user.displayName}</span>}
        </div>
        <button type="button" className="link" onClick={toggleLang}>
          {t('language')}
        </button>
        {phase.kind === 'ready' && (
          <button type="button" className="link" onClick={() => void onLogout()}>
            {t('logout')}
          </button>
        )}
      </header>
      {!isOnline && (
        <p className="banner offline" role="status">
          {t('offline')}
        </p>
      )}
      <main className="content">{body}</main>
    </div>
  );
}
