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

/** Runs vite build when the client is stale. */
export function ensureClient() {
  if (!isClientStale()) return;
  console.error('Đang dựng giao diện web (vite build)…');
  execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureClient();
