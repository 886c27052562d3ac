import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { healthSchema, readySchema } from '../../../shared/schemas/health.ts';
import type { Database } from '../../db/client.ts';
import { appliedMigration, latestMigration } from '../../db/migration-state.ts';
import { AppError } from '../../http/errors.ts';

/** Liveness (/api/health) and readiness (/api/ready: the database answers and is migrated). */
export const healthRoutes: FastifyPluginAsyncZod<{ database: Database; version: string }> = async (app, { database, version }) => {
  app.get('/api/health', { config: { access: 'public' }, schema: { tags: ['health'], response: { 200: healthSchema } } }, async () => {
    await database.db.execute(sql`select 1`);
    return { status: 'ok' as const, database: database.kind, version };
  });
  app.get('/api/ready', { config: { access: 'public' }, schema: { tags: ['health'], response: { 200: readySchema } } }, async () => {
    const applied = await appliedMigration(database.db).catch(() => {
      throw new AppError('UNAVAILABLE', 'Không kết nối được cơ sở dữ liệu.');
    });
    if (applied === null || applied < latestMigration()) {
      throw new AppError('UNAVAILABLE', 'Cơ sở dữ liệu chưa được cập nhật lược đồ của phiên bản này (đang chạy migrate?).');
    }
    return { status: 'ready' as const, database: database.kind, migration: applied };
  });
};
