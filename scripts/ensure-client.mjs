#!/usr/bin/env node
// Builds the web client (vite build → dist/client) when it is missing or older than its sources,
// so `npm start` serves a current client without rebuilding on every start.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The main app and the field app (PWA, with its service worker) are built together.
const outputs = ['dist/client/index.html', 'dist/client/field/index.html', 'dist/client/field/sw.js'].map((p) => path.join(root, p));
const sources = ['src/client', 'src/shared', 'vite.config.ts', 'package-lock.json'];

function newestMtime(p) {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((e) => newestMtime(path.join(p, e))));
}

/** True when dist/client is missing or older than any client source. */
export function isClientStale() {
  if (!outputs.every((output) => fs.existsSync(output))) return true;
  const built = Math.min(...outputs.map((output) => fs.statSync(output).mtimeMs));
  return sources.some((s) => fs.existsSync(path.join(root, s)) && newestMtime(path.join(root, s)) > built);
}

const vite = path.join(root, 'node_modules/vite/bin/vite.js');

/**
 * Runs vite build when the client is stale. Without vite (`npm ci --omit=dev`), a client built
 * before is served as it is, and with none the start stops with one sentence saying what to do.
 * Returns false only then.
 */
export function ensureClient() {
  if (!isClientStale()) return true;
  if (!fs.existsSync(vite)) {
    if (outputs.every((output) => fs.existsSync(output))) return true;
    console.error(
      'Chưa có giao diện web đã dựng (dist/client) và không có công cụ dựng (vite, cài bằng npm ci không kèm --omit=dev): ' +
        'hãy chạy "npm ci && npm run build" rồi mới "npm ci --omit=dev". / The web client is not built and vite is not installed: run "npm ci && npm run build" first.',
    );
    return false;
  }
  console.error('Đang dựng giao diện web (vite build)…');
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url) && !ensureClient()) process.exit(1);
