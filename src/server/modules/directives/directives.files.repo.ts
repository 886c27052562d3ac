import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { unitScopeCondition } from '../../db/scope.ts';
import { directiveFiles, directiveRecipients, directives } from '../../db/schema/index.ts';
import { recipientSeen, type DirectiveRow, type FileRow, type Visibility } from './directives.repo.ts';

/** Number of files one unit attached to one task. */
export async function countTaskFiles(db: Db | Tx, taskId: string, unitCode: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(directiveFiles)
    .where(and(eq(directiveFiles.taskId, taskId), eq(directiveFiles.unitCode, unitCode)));
  return row?.n ?? 0;
}

/** Stores an attachment's row. */
export async function insertFile(tx: Tx, row: typeof directiveFiles.$inferInsert): Promise<FileRow> {
  const [created] = await tx.insert(directiveFiles).values(row).returning();
  return created!;
}

/**
 * An attachment with its directive (not deleted) that the visibility lets the caller open: the
 * issuing side opens every attachment, a receiving side those of the recipient units it reads.
 */
export async function findFileWithDirective(db: Db, id: string, v: Visibility): Promise<{ file: FileRow; directive: DirectiveRow } | null> {
  const [row] = await db
    .select({ file: directiveFiles, directive: directives })
    .from(directiveFiles)
    .innerJoin(directives, eq(directives.id, directiveFiles.directiveId))
    .where(
      and(
        eq(directiveFiles.id, id),
        isNull(directives.deletedAt),
        sql`(${unitScopeCondition(directives.issuerUnitPath, v.issueScope)} or exists (select 1 from ${directiveRecipients} r
          where r.directive_id = ${directives.id} and r.unit_code = ${directiveFiles.unitCode} and ${recipientSeen(v)}))`,
      ),
    );
  return row ?? null;
}

/** The files one unit attached to one task. */
export async function listTaskFiles(db: Db | Tx, taskId: string, unitCode: string): Promise<FileRow[]> {
  return db
    .select()
    .from(directiveFiles)
    .where(and(eq(directiveFiles.taskId, taskId), eq(directiveFiles.unitCode, unitCode)))
    .orderBy(asc(directiveFiles.createdAt));
}
