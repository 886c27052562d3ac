import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPostgres } from '../src/server/db/client.ts';
import { ensureUnitsLoaded } from '../src/server/modules/org-units/org-units.loader.ts';
import { startPgCluster, type PgCluster } from './pg-cluster.ts';
import { TEMPLATE_DB } from './test-db.ts';

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Uses TEST_DATABASE_URL, or starts a throw-away cluster, then builds a template database
 * that every test file copies with CREATE DATABASE … TEMPLATE.
 */
export default async function setup(project: TestProject) {
  let cluster: PgCluster | null = null;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    cluster = await startPgCluster();
    if (!cluster) throw new Error('PostgreSQL binaries (initdb, pg_ctl) not found and TEST_DATABASE_URL is not set');
    adminUrl = cluster.adminUrl;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE_DB}`);
  await admin.query(`create database ${TEMPLATE_DB}`);
  const database = await openPostgres(withDatabase(adminUrl, TEMPLATE_DB));
  await database.migrate();
  await ensureUnitsLoaded(database.db);
  await database.close();
  await admin.end();
  project.provide('pgAdminUrl', adminUrl);
  return async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`drop database if exists ${TEMPLATE_DB}`);
    await c.end();
    cluster?.stop();
  };
}
