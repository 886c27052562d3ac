import './field.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ErrorBoundary } from '../shared/ErrorBoundary.tsx';
import { App } from './App.tsx';
import { startOutbox } from './outbox.ts';
import { setLang, t } from './strings.ts';

/** Shown instead of the app when it fails to render: the queue is safe, and a reload button. */
function Crashed() {
  return (
    <main className="stack" role="alert">
      <p>{t('crashed')}</p>
      <button type="button" className="btn" onClick={() => window.location.reload()}>
        {t('reload')}
      </button>
    </main>
  );
}

setLang(localStorage.getItem('cnscd-field-lang') === 'en' ? 'en' : 'vi');

const root = document.getElementById('root');
if (!root) throw new Error('Missing #root element');
createRoot(root).render(
  <StrictMode>
    <ErrorBoundary fallback={<Crashed />}>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);

startOutbox();

// The worker precaches this app's shell (only the field app, never the main app) and keeps the
// team data. Its scope "/field" also covers the address people type, so that page opens at once
// (no redirect to /field/) and offline too; a worker registered by an older version for "/field/"
// gives way to it.
if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register('/field/sw.js', { scope: '/field' })
      .then(() => navigator.serviceWorker.getRegistrations())
      .then((registrations) => Promise.all(registrations.filter((r) => r.scope.endsWith('/field/')).map((r) => r.unregister())))
      .catch((err: unknown) => {
        console.warn('Service worker registration failed', err);
      });
  });
}
