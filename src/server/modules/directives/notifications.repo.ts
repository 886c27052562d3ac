import { and, count, desc, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { notifications } from '../../db/schema/index.ts';

/** A stored outbox entry. */
export type NotificationRow = typeof notifications.$inferSelect;

/** Inserts outbox entries; an entry whose dedupe key exists is skipped. Returns how many were new. */
export async function insertNotifications(tx: Db | Tx, rows: readonly (typeof notifications.$inferInsert)[]): Promise<number> {
  if (rows.length === 0) return 0;
  const created = await tx
    .insert(notifications)
    .values([...rows])
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ id: notifications.id });
  return created.length;
}

/**
 * One entry per (open task, recipient) whose deadline is `today`…`today + soonDays` ("sắp đến
 * hạn"), and one per pair overdue since at most `graceDays` ("quá hạn"): a server that was down on
 * the day still sends it, but recording an old letter does not flood the outbox. Idempotent
 * through the dedupe keys, so any number of instances may run it. Returns the entries added.
 */
export async function insertDueReminders(db: Db, today: string, now: Date, soonDays: number, graceDays: number): Promise<number> {
  const pairs = (window: ReturnType<typeof sql>) => sql`from directive_tasks t
    join directives d on d.id = t.directive_id and d.deleted_at is null
    join directive_recipients r on r.directive_id = d.id
    where ${window}
      and not exists (select 1 from task_responses s where s.task_id = t.id and s.unit_code = r.unit_code and s.status = 'done')`;
  const link = sql`'/directives/' || d.id`;
  const label = sql`coalesce(nullif(d.number_symbol, ''), 'văn bản') || ' — ' || t.title`;
  const due = sql`to_char(t.due_on, 'DD/MM/YYYY')`;
  const at = now.toISOString();
  const soon = (await db.execute(sql`insert into notifications (unit_code, unit_path, kind, title, body, link, due_on, dedupe_key, created_at)
    select r.unit_code, r.unit_path, 'task.due_soon', 'Sắp đến hạn: ' || ${label},
      'Hạn ' || ${due} || ' (còn ' || (t.due_on - ${today}::date) || ' ngày).', ${link}, t.due_on,
      'task.due_soon:' || t.id || ':' || r.unit_code, ${at}::timestamptz
    ${pairs(sql`t.due_on between ${today}::date and ${today}::date + ${soonDays}::int`)}
    on conflict (dedupe_key) do nothing returning id`)) as unknown as { rows: unknown[] };
  const late = (await db.execute(sql`insert into notifications (unit_code, unit_path, kind, title, body, link, due_on, dedupe_key, created_at)
    select r.unit_code, r.unit_path, 'task.overdue', 'Quá hạn: ' || ${label},
      'Đã quá hạn ' || ${due} || '.', ${link}, t.due_on,
      'task.overdue:' || t.id || ':' || r.unit_code, ${at}::timestamptz
    ${pairs(sql`t.due_on < ${today}::date and t.due_on >= ${today}::date - ${graceDays}::int`)}
    on conflict (dedupe_key) do nothing returning id`)) as unknown as { rows: unknown[] };
  return soon.rows.length + late.rows.length;
}

/** Outbox entries of some units (or of all), newest first. */
export async function listNotifications(db: Db, unitPaths: 'all' | readonly string[], limit: number, offset: number) {
  if (unitPaths !== 'all' && unitPaths.length === 0) return { items: [] as NotificationRow[], total: 0 };
  const where = unitPaths === 'all' ? undefined : and(inArray(notifications.unitPath, [...unitPaths]));
  const [items, [total]] = await Promise.all([
    db.select().from(notifications).where(where).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(notifications).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}
