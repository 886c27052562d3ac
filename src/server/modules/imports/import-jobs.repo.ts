import { and, eq, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { importJobs } from '../../db/schema/index.ts';
import { unitScopeCondition, type UnitScope } from '../../db/scope.ts';

/** A stored import job. */
export type ImportJobRow = typeof importJobs.$inferSelect;

/** Creates a job. */
export async function insertImportJob(db: Db, row: typeof importJobs.$inferInsert): Promise<ImportJobRow> {
  const [created] = await db.insert(importJobs).values(row).returning();
  return created!;
}

/** Records a job's progress or outcome. */
export async function updateImportJob(db: Db, id: string, patch: Partial<typeof importJobs.$inferInsert>): Promise<void> {
  await db
    .update(importJobs)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(importJobs.id, id));
}

/** Who reads import jobs: the jobs they started, and those of provinces inside their scope. */
export interface JobReader {
  userId: string;
  scope: UnitScope;
}

/** A job the reader started or whose province lies in their scope, or null. */
export async function findImportJob(db: Db, id: string, reader: JobReader): Promise<ImportJobRow | null> {
  const isVisible = or(eq(importJobs.createdBy, reader.userId), unitScopeCondition(importJobs.unitPath, reader.scope));
  const [row] = await db
    .select()
    .from(importJobs)
    .where(and(eq(importJobs.id, id), isVisible));
  return row ?? null;
}

/** Marks failed the running jobs (those silent since `silentSince`, or all); returns how many. */
export async function failRunningImportJobs(db: Db, silentSince: Date | null, error: string): Promise<number> {
  const rows = await db
    .update(importJobs)
    .set({ status: 'failed', error, updatedAt: new Date() })
    .where(and(eq(importJobs.status, 'running'), silentSince ? lt(importJobs.updatedAt, silentSince) : undefined))
    .returning({ id: importJobs.id });
  return rows.length;
}
