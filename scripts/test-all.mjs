#!/usr/bin/env node
// `npm test`: every suite (unit + integration on PGlite, integration on PostgreSQL, browser
// journeys in Chromium) in one Vitest run, then one plain "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureClient } from './ensure-client.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const report = path.join(root, 'test-results/vitest.json');
fs.rmSync(report, { force: true });
ensureClient();

const run = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules/vitest/vitest.mjs'),
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit' },
);

// A suite that fails before running a test (a broken import, a setup error) counts as a failure.
const json = fs.existsSync(report) ? JSON.parse(fs.readFileSync(report, 'utf8')) : null;
const passed = json ? json.numPassedTests : 0;
const counted = json ? json.numFailedTests + (json.numFailedTests === 0 ? json.numFailedTestSuites : 0) : 0;
const failed = run.status !== 0 && counted === 0 ? 1 : counted;
console.log(`${passed} passed, ${failed} failed`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
