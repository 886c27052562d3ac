import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { unitScopeCondition, type UnitScope } from '../../db/scope.ts';
import { directiveRecipients, directives, directiveTasks, orgUnits, taskResponses } from '../../db/schema/index.ts';
import type { DirectiveRow, ResponseRow, TaskRow } from './directives.repo.ts';

/** A task with its directive (not deleted), when the directive is addressed to a unit in `respondScope`. */
export async function findTaskWithDirective(
  db: Db | Tx,
  taskId: string,
  respondScope: UnitScope,
): Promise<{ task: TaskRow; directive: DirectiveRow } | null> {
  const [row] = await db
    .select({ task: directiveTasks, directive: directives })
    .from(directiveTasks)
    .innerJoin(directives, eq(directives.id, directiveTasks.directiveId))
    .where(
      and(
        eq(directiveTasks.id, taskId),
        isNull(directives.deletedAt),
        sql`exists (select 1 from ${directiveRecipients} r where r.directive_id = ${directives.id} and ${unitScopeCondition(sql.raw('r.unit_path'), respondScope)})`,
      ),
    );
  return row ?? null;
}

/** One unit's answer to one task, or null. */
export async function findResponse(db: Db | Tx, taskId: string, unitCode: string): Promise<ResponseRow | null> {
  const [row] = await db
    .select()
    .from(taskResponses)
    .where(and(eq(taskResponses.taskId, taskId), eq(taskResponses.unitCode, unitCode)));
  return row ?? null;
}

/** Writes one unit's answer to one task. */
export async function upsertResponse(tx: Tx, row: typeof taskResponses.$inferInsert): Promise<ResponseRow> {
  const [saved] = await tx
    .insert(taskResponses)
    .values(row)
    .onConflictDoUpdate({
      target: [taskResponses.taskId, taskResponses.unitCode],
      set: {
        status: row.status,
        note: row.note,
        answer: row.answer,
        doneAt: row.doneAt,
        doneByUserId: row.doneByUserId,
        updatedAt: row.updatedAt,
      },
    })
    .returning();
  return saved!;
}

/** The open and answered tasks of recipients in `scope` (the units' own task lists), by deadline. */
export async function listTasksOfRecipients(db: Db, scope: UnitScope, limit: number) {
  return db
    .select({
      task: directiveTasks,
      directive: directives,
      recipient: directiveRecipients,
      unitName: orgUnits.name,
      response: taskResponses,
    })
    .from(directiveRecipients)
    .innerJoin(directives, and(eq(directives.id, directiveRecipients.directiveId), isNull(directives.deletedAt)))
    .innerJoin(directiveTasks, eq(directiveTasks.directiveId, directives.id))
    .leftJoin(taskResponses, and(eq(taskResponses.taskId, directiveTasks.id), eq(taskResponses.unitCode, directiveRecipients.unitCode)))
    .leftJoin(orgUnits, and(eq(orgUnits.structure, directives.structure), eq(orgUnits.code, directiveRecipients.unitCode)))
    .where(and(unitScopeCondition(directiveRecipients.unitPath, scope), sql`coalesce(${taskResponses.status}, 'open') <> 'done'`))
    .orderBy(asc(directiveTasks.dueOn), desc(directives.issuedOn), asc(directiveTasks.sortOrder))
    .limit(limit);
}
