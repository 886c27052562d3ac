import './field.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { startOutbox } from './outbox.ts';
import { setLang } from './strings.ts';

setLang(localStorage.getItem('cnscd-field-lang') === 'en' ? 'en' : 'vi');

const root = document.getElementById('root');
if (!root) throw new Error('Missing #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

startOutbox();

// The worker precaches this app's shell (only /field/, never the main app) and keeps the team data.
if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/field/sw.js', { scope: '/field/' }).catch((err: unknown) => {
      console.warn('Service worker registration failed', err);
    });
  });
}
