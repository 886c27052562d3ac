import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite } from '../src/server/db/client.ts';
import { ensureUnitsLoaded } from '../src/server/modules/org-units/org-units.loader.ts';

/** Migrates one PGlite, loads the official units, and dumps it: every test file starts from that snapshot. */
export default async function setup(project: TestProject) {
  const database = await openPglite();
  await database.migrate();
  await ensureUnitsLoaded(database.db);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-snap-')), 'pglite.tar');
  const blob = await database.snapshot!();
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  await database.close();
  project.provide('pgliteSnapshot', file);
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
