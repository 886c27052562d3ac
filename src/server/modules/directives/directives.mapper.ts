import type { z } from 'zod';
import type {
  Compliance,
  DirectiveDetail,
  DirectiveFile,
  DirectiveSummary,
  MyTask,
  TaskReturns,
  directiveKindSchema,
  taskCountsSchema,
} from '../../../shared/schemas/directives.ts';
import type { DirectiveRow, FileRow, ListedDirective, NamedRecipient, ResponseRow, TaskRow } from './directives.repo.ts';
import { daysBetween } from '../../../shared/days.ts';
import { taskStatusOf } from './task-status.ts';

type Counts = z.infer<typeof taskCountsSchema>;

/** The public shape of an attachment. */
export function toFileDto(f: FileRow): DirectiveFile {
  return {
    id: f.id,
    taskId: f.taskId,
    unitCode: f.unitCode,
    name: f.fileName,
    contentType: f.contentType,
    bytes: f.bytes,
    url: `/api/directive-files/${f.id}`,
    createdAt: f.createdAt.toISOString(),
  };
}

function toTaskDto(t: TaskRow) {
  return {
    id: t.id,
    title: t.title,
    description: t.description,
    dueOn: t.dueOn,
    returns: t.returns as TaskReturns,
    sortOrder: t.sortOrder,
  };
}

/** The header fields every view shares. */
function header(row: DirectiveRow) {
  return {
    id: row.id,
    structure: row.structure,
    issuerUnitCode: row.issuerUnitCode,
    kind: row.kind as z.infer<typeof directiveKindSchema>,
    numberSymbol: row.numberSymbol,
    issuedOn: row.issuedOn,
    issuedOnText: row.issuedOnText,
    issuerName: row.issuerName,
    excerpt: row.excerpt,
    hasSignedFile: row.signedFileKey !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A list entry: open, overdue (some task past its deadline) or done (every pair answered). */
export function toSummaryDto(row: DirectiveRow, l: ListedDirective): DirectiveSummary {
  const status = l.pairs > 0 && l.donePairs === l.pairs ? 'done' : l.overduePairs > 0 ? 'overdue' : 'open';
  return {
    ...header(row),
    role: l.isIssuer ? 'issuer' : 'recipient',
    isIssuer: l.isIssuer,
    isRecipient: l.isRecipient,
    taskCount: l.taskCount,
    recipientCount: l.recipientCount,
    nextDueOn: l.nextDueOn,
    status,
  };
}

/** Everything known about a directive, loaded once. */
export interface DirectiveParts {
  tasks: TaskRow[];
  recipients: NamedRecipient[];
  responses: ResponseRow[];
  files: FileRow[];
}

const pairKey = (taskId: string, unitCode: string) => `${taskId}|${unitCode}`;

/** Looks up answers and files per (task, unit). */
export function indexParts(parts: DirectiveParts) {
  const responses = new Map(parts.responses.map((r) => [pairKey(r.taskId, r.unitCode), r]));
  const files = new Map<string, FileRow[]>();
  for (const f of parts.files) {
    if (!f.taskId || !f.unitCode) continue;
    const key = pairKey(f.taskId, f.unitCode);
    files.set(key, [...(files.get(key) ?? []), f]);
  }
  return {
    response: (taskId: string, unitCode: string) => responses.get(pairKey(taskId, unitCode)) ?? null,
    doneAt: (taskId: string, unitCode: string) => {
      const r = responses.get(pairKey(taskId, unitCode));
      return r?.status === 'done' ? r.doneAt : null;
    },
    files: (taskId: string, unitCode: string) => files.get(pairKey(taskId, unitCode)) ?? [],
  };
}

/** One pair as the recipient sees it. */
export function toMyTaskDto(
  row: DirectiveRow,
  task: TaskRow,
  recipient: { unitCode: string; unitName: string },
  response: ResponseRow | null,
  files: FileRow[],
  today: string,
  canAnswer: boolean,
): MyTask {
  const doneAt = response?.status === 'done' ? response.doneAt : null;
  return {
    ...toTaskDto(task),
    directiveId: row.id,
    numberSymbol: row.numberSymbol,
    excerpt: row.excerpt,
    issuerName: row.issuerName,
    unitCode: recipient.unitCode,
    unitName: recipient.unitName,
    status: taskStatusOf(task.dueOn, today, doneAt),
    daysLeft: task.dueOn === null ? null : daysBetween(today, task.dueOn),
    note: response?.note ?? '',
    answer: response?.answer ?? null,
    doneAt: doneAt?.toISOString() ?? null,
    canAnswer,
    files: files.map(toFileDto),
  };
}

/** Counts of recipients per state for one task. */
function countsFor(task: TaskRow, parts: DirectiveParts, today: string, idx: ReturnType<typeof indexParts>): Counts {
  const counts: Counts = { done: 0, doneLate: 0, overdue: 0, open: 0, notOpened: 0 };
  for (const r of parts.recipients) {
    const status = taskStatusOf(task.dueOn, today, idx.doneAt(task.id, r.unitCode));
    if (status === 'done_late') counts.doneLate++;
    else counts[status]++;
    if (!r.openedAt) counts.notOpened++;
  }
  return counts;
}

/** The directive page: counts for the issuer, its own tasks for a recipient. */
export function toDetailDto(
  row: DirectiveRow,
  parts: DirectiveParts,
  view: {
    isIssuer: boolean;
    isRecipient: boolean;
    isUnopened: boolean;
    seen: NamedRecipient[];
    mine: NamedRecipient[];
    canAnswer: (r: NamedRecipient) => boolean;
  },
  today: string,
): DirectiveDetail {
  const idx = indexParts(parts);
  const seen = view.isIssuer ? parts.recipients : view.seen;
  const pairs = parts.tasks.flatMap((t) => seen.map((r) => taskStatusOf(t.dueOn, today, idx.doneAt(t.id, r.unitCode))));
  const open = parts.tasks.filter((t) => seen.some((r) => idx.response(t.id, r.unitCode)?.status !== 'done'));
  return {
    ...header(row),
    role: view.isIssuer ? 'issuer' : 'recipient',
    isIssuer: view.isIssuer,
    isRecipient: view.isRecipient,
    isUnopened: view.isUnopened,
    taskCount: parts.tasks.length,
    recipientCount: seen.length,
    nextDueOn: open.flatMap((t) => (t.dueOn ? [t.dueOn] : [])).sort()[0] ?? null,
    status:
      pairs.length > 0 && pairs.every((s) => s === 'done' || s === 'done_late') ? 'done' : pairs.includes('overdue') ? 'overdue' : 'open',
    signedFileName: row.signedFileName,
    signedFileUrl: row.signedFileKey ? `/api/directives/${row.id}/signed-file` : null,
    today,
    tasks: parts.tasks.map((t) => ({ ...toTaskDto(t), counts: view.isIssuer ? countsFor(t, parts, today, idx) : null })),
    recipients: seen.map((r) => ({ unitCode: r.unitCode, unitName: r.unitName, openedAt: r.openedAt?.toISOString() ?? null })),
    myTasks: view.mine.flatMap((r) =>
      parts.tasks.map((t) => toMyTaskDto(row, t, r, idx.response(t.id, r.unitCode), idx.files(t.id, r.unitCode), today, view.canAnswer(r))),
    ),
  };
}

/** The issuer's matrix: recipients × tasks. */
export function toComplianceDto(row: DirectiveRow, parts: DirectiveParts, today: string): Compliance {
  const idx = indexParts(parts);
  return {
    directiveId: row.id,
    numberSymbol: row.numberSymbol,
    excerpt: row.excerpt,
    today,
    tasks: parts.tasks.map((t) => ({ ...toTaskDto(t), counts: countsFor(t, parts, today, idx) })),
    rows: parts.recipients.map((r) => ({
      unitCode: r.unitCode,
      unitName: r.unitName,
      openedAt: r.openedAt?.toISOString() ?? null,
      cells: parts.tasks.map((t) => {
        const response = idx.response(t.id, r.unitCode);
        const doneAt = response?.status === 'done' ? response.doneAt : null;
        return {
          taskId: t.id,
          status: taskStatusOf(t.dueOn, today, doneAt),
          doneAt: doneAt?.toISOString() ?? null,
          note: response?.note ?? '',
          answer: response?.answer ?? null,
          fileCount: idx.files(t.id, r.unitCode).length,
        };
      }),
    })),
  };
}
