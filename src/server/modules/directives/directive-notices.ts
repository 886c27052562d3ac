import type { Notice } from '../notifications/notifications.service.ts';
import type { DirectiveRow, RecipientRow, TaskRow } from './directives.repo.ts';

const label = (d: DirectiveRow) => (d.numberSymbol ? `${d.numberSymbol} — ${d.excerpt}` : d.excerpt);

const vnDay = (iso: string) => iso.split('-').reverse().join('/');

/** What a new letter asks of its recipients: how many tasks, and the nearest deadline. */
function assignedText(d: DirectiveRow, tasks: readonly TaskRow[]): string {
  if (tasks.length === 0) return `${d.issuerName} gửi văn bản đến đơn vị.`;
  const first = tasks
    .map((t) => t.dueOn)
    .filter((due): due is string => due !== null)
    .sort()[0];
  return `${d.issuerName} giao ${tasks.length} nhiệm vụ cho đơn vị${first ? `, hạn sớm nhất ${vnDay(first)}` : ''}.`;
}

/** Outbox entries telling each new recipient about the letter and the tasks it assigns. */
export function newLetterNotices(d: DirectiveRow, recipients: readonly RecipientRow[], tasks: readonly TaskRow[], at: Date): Notice[] {
  return recipients.map((r) => ({
    unitCode: r.unitCode,
    unitPath: r.unitPath,
    audience: 'directive.respond',
    kind: 'directive.new',
    title: `Văn bản mới: ${label(d)}`,
    body: assignedText(d, tasks),
    link: `/directives/${d.id}`,
    dedupeKey: `directive.new:${d.id}:${r.unitCode}`,
    createdAt: at,
  }));
}

/** Outbox entries telling existing recipients about tasks added later. */
export function newTaskNotices(d: DirectiveRow, recipients: readonly RecipientRow[], tasks: readonly TaskRow[], at: Date): Notice[] {
  return tasks.flatMap((t) =>
    recipients.map((r) => ({
      unitCode: r.unitCode,
      unitPath: r.unitPath,
      audience: 'directive.respond' as const,
      kind: 'task.new',
      title: `Nhiệm vụ mới: ${t.title}`,
      body: `${label(d)}; ${t.dueOn ? `hạn ${vnDay(t.dueOn)}` : 'không có hạn'}.`,
      link: `/directives/${d.id}`,
      dueOn: t.dueOn,
      dedupeKey: `task.new:${t.id}:${r.unitCode}`,
      createdAt: at,
    })),
  );
}
