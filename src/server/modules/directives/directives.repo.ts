import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { unitScopeCondition, type UnitScope } from '../../db/scope.ts';
import { directiveFiles, directiveRecipients, directives, directiveTasks, orgUnits, taskResponses } from '../../db/schema/index.ts';

/** A stored directive. */
export type DirectiveRow = typeof directives.$inferSelect;
/** A stored task. */
export type TaskRow = typeof directiveTasks.$inferSelect;
/** A stored recipient. */
export type RecipientRow = typeof directiveRecipients.$inferSelect;
/** A stored answer. */
export type ResponseRow = typeof taskResponses.$inferSelect;
/** A stored attachment. */
export type FileRow = typeof directiveFiles.$inferSelect;

/** Who sees what: the issuing side by the issuer's path, the receiving side by the recipients' paths. */
export interface Visibility {
  issueScope: UnitScope;
  respondScope: UnitScope;
}

const d = sql.raw('d');
const issuerSeen = (v: Visibility) => unitScopeCondition(sql.raw('d.issuer_unit_path'), v.issueScope);
/** A recipient row's unit path (`r.unit_path`) within the visibility's receiving side. */
export const recipientSeen = (v: Visibility) => unitScopeCondition(sql.raw('r.unit_path'), v.respondScope);

/** A directive (not deleted) the visibility lets the caller see, or null. */
export async function findDirective(db: Db | Tx, id: string, v: Visibility): Promise<DirectiveRow | null> {
  const [row] = await db
    .select()
    .from(directives)
    .where(
      and(
        eq(directives.id, id),
        isNull(directives.deletedAt),
        sql`(${unitScopeCondition(directives.issuerUnitPath, v.issueScope)} or exists (select 1 from ${directiveRecipients} r
          where r.directive_id = ${directives.id} and ${recipientSeen(v)}))`,
      ),
    );
  return row ?? null;
}

/** List filters. `today` is the Vietnam date that decides what is overdue. */
export interface ListFilter extends Visibility {
  today: string;
  q?: string;
  status?: 'open' | 'overdue' | 'done';
  role?: 'issuer' | 'recipient';
  limit: number;
  offset: number;
}

/** A listed directive with its counts over the recipients the caller follows. */
export interface ListedDirective {
  id: string;
  isIssuer: boolean;
  isRecipient: boolean;
  taskCount: number;
  recipientCount: number;
  pairs: number;
  donePairs: number;
  overduePairs: number;
  nextDueOn: string | null;
}

/** Directives seen as issuer or recipient, with pair counts, filtered and paged (newest first). */
export async function listDirectives(db: Db, f: ListFilter): Promise<{ items: ListedDirective[]; total: number }> {
  const followed = sql`(${issuerSeen(f)} or ${recipientSeen(f)})`;
  const pair = (extra: SQL) => sql`(select count(*)::int from directive_tasks t join directive_recipients r on r.directive_id = ${d}.id
    where t.directive_id = ${d}.id and ${followed} and ${extra})`;
  const isDone = sql`exists (select 1 from task_responses s where s.task_id = t.id and s.unit_code = r.unit_code and s.status = 'done')`;
  const pattern = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const inner = sql`select ${d}.id, ${d}.issued_on, ${d}.created_at,
      ${issuerSeen(f)} as is_issuer,
      exists (select 1 from directive_recipients r where r.directive_id = ${d}.id and ${recipientSeen(f)}) as is_recipient,
      (select count(*)::int from directive_tasks t where t.directive_id = ${d}.id) as task_count,
      (select count(*)::int from directive_recipients r where r.directive_id = ${d}.id and ${followed}) as recipient_count,
      ${pair(sql`true`)} as pairs,
      ${pair(isDone)} as done_pairs,
      ${pair(sql`not ${isDone} and t.due_on < ${f.today}::date`)} as overdue_pairs,
      (select min(t.due_on)::text from directive_tasks t join directive_recipients r on r.directive_id = ${d}.id
        where t.directive_id = ${d}.id and ${followed} and not ${isDone}) as next_due_on
    from directives d
    where d.deleted_at is null
      and (${issuerSeen(f)} or exists (select 1 from directive_recipients r where r.directive_id = ${d}.id and ${recipientSeen(f)}))
      ${pattern ? sql`and (d.number_symbol ilike ${pattern} or d.excerpt ilike ${pattern} or d.issuer_name ilike ${pattern})` : sql``}`;
  const where = sql.join(
    [
      sql`true`,
      f.role === 'issuer' ? sql`x.is_issuer` : f.role === 'recipient' ? sql`x.is_recipient and not x.is_issuer` : undefined,
      f.status === 'done' ? sql`x.done_pairs = x.pairs` : undefined,
      f.status === 'overdue' ? sql`x.overdue_pairs > 0` : undefined,
      f.status === 'open' ? sql`x.done_pairs < x.pairs and x.overdue_pairs = 0` : undefined,
    ].filter((c): c is SQL => c !== undefined),
    sql` and `,
  );
  const rows = (await db.execute(sql`select x.*, count(*) over ()::int as total from (${inner}) x where ${where}
    order by x.issued_on desc, x.created_at desc, x.id limit ${f.limit} offset ${f.offset}`)) as unknown as {
    rows: Record<string, unknown>[];
  };
  const items = rows.rows.map((r) => ({
    id: r.id as string,
    isIssuer: r.is_issuer as boolean,
    isRecipient: r.is_recipient as boolean,
    taskCount: r.task_count as number,
    recipientCount: r.recipient_count as number,
    pairs: r.pairs as number,
    donePairs: r.done_pairs as number,
    overduePairs: r.overdue_pairs as number,
    nextDueOn: (r.next_due_on as string | null) ?? null,
  }));
  let total = (rows.rows[0]?.total as number | undefined) ?? 0;
  if (rows.rows.length === 0 && f.offset > 0) {
    const [c] = (
      (await db.execute(sql`select count(*)::int as n from (${inner}) x where ${where}`)) as unknown as { rows: { n: number }[] }
    ).rows;
    total = c?.n ?? 0;
  }
  return { items, total };
}

/** Directives by id (deleted or not), for mapping a list page. */
export async function findDirectivesByIds(db: Db, ids: readonly string[]): Promise<DirectiveRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(directives)
    .where(inArray(directives.id, [...ids]));
}

/** Inserts a directive. */
export async function insertDirective(tx: Tx, row: typeof directives.$inferInsert): Promise<DirectiveRow> {
  const [created] = await tx.insert(directives).values(row).returning();
  return created!;
}

/** Updates a directive's own columns. */
export async function updateDirective(tx: Tx, id: string, patch: Partial<typeof directives.$inferInsert>): Promise<DirectiveRow> {
  const [row] = await tx
    .update(directives)
    .set({ ...patch })
    .where(eq(directives.id, id))
    .returning();
  return row!;
}

/** Adds recipients; units already there are skipped. Returns the new ones. */
export async function insertRecipients(tx: Tx, rows: readonly (typeof directiveRecipients.$inferInsert)[]): Promise<RecipientRow[]> {
  if (rows.length === 0) return [];
  return tx
    .insert(directiveRecipients)
    .values([...rows])
    .onConflictDoNothing()
    .returning();
}

/** Adds tasks. */
export async function insertTasks(tx: Tx, rows: readonly (typeof directiveTasks.$inferInsert)[]): Promise<TaskRow[]> {
  if (rows.length === 0) return [];
  return tx
    .insert(directiveTasks)
    .values([...rows])
    .returning();
}

/** Updates a task. */
export async function updateTask(tx: Tx, id: string, patch: Partial<typeof directiveTasks.$inferInsert>): Promise<TaskRow> {
  const [row] = await tx.update(directiveTasks).set(patch).where(eq(directiveTasks.id, id)).returning();
  return row!;
}

/** A recipient with its unit's name. */
export type NamedRecipient = RecipientRow & { unitName: string };

/** Tasks, recipients (named), answers and files of a directive. */
export async function loadDirectiveParts(db: Db | Tx, directive: DirectiveRow) {
  // One after the other: `db` may be a transaction, whose single connection takes one query at a time.
  const tasks = await db
    .select()
    .from(directiveTasks)
    .where(eq(directiveTasks.directiveId, directive.id))
    .orderBy(asc(directiveTasks.sortOrder), asc(directiveTasks.dueOn));
  const recipients = await db
    .select({ recipient: directiveRecipients, unitName: orgUnits.name })
    .from(directiveRecipients)
    .leftJoin(orgUnits, and(eq(orgUnits.structure, directive.structure), eq(orgUnits.code, directiveRecipients.unitCode)))
    .where(eq(directiveRecipients.directiveId, directive.id))
    .orderBy(asc(directiveRecipients.unitPath));
  const responses = await db
    .select({ response: taskResponses })
    .from(taskResponses)
    .innerJoin(directiveTasks, eq(directiveTasks.id, taskResponses.taskId))
    .where(eq(directiveTasks.directiveId, directive.id));
  const files = await db
    .select()
    .from(directiveFiles)
    .where(eq(directiveFiles.directiveId, directive.id))
    .orderBy(asc(directiveFiles.createdAt));
  return {
    tasks,
    recipients: recipients.map((r): NamedRecipient => ({ ...r.recipient, unitName: r.unitName ?? r.recipient.unitCode })),
    responses: responses.map((r) => r.response),
    files,
  };
}

/** The recipients of a directive whose unit path lies in `scope`. */
export async function findRecipientsInScope(db: Db | Tx, directiveId: string, scope: UnitScope): Promise<RecipientRow[]> {
  return db
    .select()
    .from(directiveRecipients)
    .where(and(eq(directiveRecipients.directiveId, directiveId), unitScopeCondition(directiveRecipients.unitPath, scope)));
}

/** Marks recipients as opened (only the first time); returns those that changed. */
export async function markOpened(
  tx: Tx,
  directiveId: string,
  unitCodes: readonly string[],
  at: Date,
  userId: string,
): Promise<RecipientRow[]> {
  if (unitCodes.length === 0) return [];
  return tx
    .update(directiveRecipients)
    .set({ openedAt: at, openedByUserId: userId })
    .where(
      and(
        eq(directiveRecipients.directiveId, directiveId),
        inArray(directiveRecipients.unitCode, [...unitCodes]),
        isNull(directiveRecipients.openedAt),
      ),
    )
    .returning();
}
