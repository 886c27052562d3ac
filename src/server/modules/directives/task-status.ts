import type { TaskStatus } from '../../../shared/schemas/directives.ts';
import { vnDate } from '../teams/teams.service.ts';

/**
 * A recipient's state on a task, in Vietnam dates: done on or before the deadline day is "done",
 * after it "done_late"; not done, it is "overdue" from the day after the deadline, else "open".
 * A task without a deadline is never late.
 */
export function taskStatusOf(dueOn: string | null, today: string, doneAt: Date | null): TaskStatus {
  if (doneAt) return dueOn === null || vnDate(doneAt) <= dueOn ? 'done' : 'done_late';
  return dueOn !== null && today > dueOn ? 'overdue' : 'open';
}
