import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';

/** An open task of a live directive, for one recipient that has not answered it. */
export interface OpenTaskRecipient {
  directiveId: string;
  numberSymbol: string;
  taskId: string;
  title: string;
  dueOn: string;
  unitCode: string;
  unitPath: string;
}

/** Every (task, recipient) pair not done whose deadline falls between `from` and `to` (YYYY-MM-DD, both included). */
export async function listOpenTaskRecipients(db: Db, from: string, to: string): Promise<OpenTaskRecipient[]> {
  const result = (await db.execute(sql`select d.id as "directiveId", d.number_symbol as "numberSymbol", t.id as "taskId", t.title,
      to_char(t.due_on, 'YYYY-MM-DD') as "dueOn", r.unit_code as "unitCode", r.unit_path as "unitPath"
    from directive_tasks t
    join directives d on d.id = t.directive_id and d.deleted_at is null
    join directive_recipients r on r.directive_id = d.id
    where t.due_on between ${from}::date and ${to}::date
      and not exists (select 1 from task_responses s where s.task_id = t.id and s.unit_code = r.unit_code and s.status = 'done')`)) as unknown as {
    rows: OpenTaskRecipient[];
  };
  return result.rows;
}
