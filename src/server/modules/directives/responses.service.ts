import { Readable } from 'node:stream';
import type { z } from 'zod';
import { MAX_TASK_FILES, type responseInputSchema } from '../../../shared/schemas/directives.ts';
import type { BlobStore } from '../../blob/blob-store.ts';
import type { Db } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, isAdmin, type Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { vnDate } from '../teams/teams.service.ts';
import { toFileDto, toMyTaskDto } from './directives.mapper.ts';
import { canAnswerFor, ownRecipientPaths, visibilityOf } from './directives.policy.ts';
import { findRecipientsInScope, type DirectiveRow, type RecipientRow, type TaskRow } from './directives.repo.ts';
import { countTaskFiles, findFileWithDirective, insertFile, listTaskFiles } from './directives.files.repo.ts';
import { findResponse, findTaskWithDirective, listTasksOfRecipients, upsertResponse } from './directives.responses.repo.ts';
import { FILE_TYPES, sniffType } from '../../http/files.ts';
import { listed } from '../../../shared/schemas/lists.ts';

type ResponseInput = z.infer<typeof responseInputSchema>;

interface Deps {
  db: Db;
  clock: () => Date;
  blobs: BlobStore;
  orgUnits: OrgUnitsService;
}

/**
 * What each kind of task needs before it can be marked done: a yes/no task its answer; a file
 * task at least one attachment; a report or a list an attachment or a written note (short
 * reports are often typed in); "none" nothing.
 */
function assertComplete(task: TaskRow, input: ResponseInput, fileCount: number) {
  if (task.returns === 'yes_no' && (input.answer === undefined || input.answer === null)) {
    throw new AppError('VALIDATION', 'Nhiệm vụ này cần trả lời Có hoặc Không.');
  }
  if (task.returns === 'file' && fileCount === 0) throw new AppError('VALIDATION', 'Hãy đính kèm tệp kết quả trước khi báo hoàn thành.');
  if ((task.returns === 'report' || task.returns === 'list') && fileCount === 0 && input.note.trim() === '') {
    throw new AppError(
      'VALIDATION',
      task.returns === 'report'
        ? 'Hãy đính kèm báo cáo hoặc ghi nội dung báo cáo.'
        : 'Hãy đính kèm danh sách hoặc ghi danh sách vào ghi chú.',
    );
  }
}

/** Recipients' side: answering tasks (done, reopened), attachments, the unit's task list. */
export function createResponsesService({ db, clock, blobs, orgUnits }: Deps) {
  const today = () => vnDate(clock());

  /** The task and the recipient unit the actor answers for (404 outside its units, 403 for a reader only). */
  async function answering(actor: Actor, taskId: string, unitCode: string | undefined) {
    if (!hasAction(actor, 'directive.respond')) throw forbidden();
    const { respondScope } = visibilityOf(actor);
    const found = await findTaskWithDirective(db, taskId, respondScope);
    if (!found) throw notFound('nhiệm vụ này');
    const seen = await findRecipientsInScope(db, found.directive.id, respondScope);
    const mine = seen.filter((r) => canAnswerFor(actor, r.unitPath) && (unitCode === undefined || r.unitCode === unitCode));
    if (mine.length === 0) {
      if (unitCode !== undefined && !seen.some((r) => r.unitCode === unitCode)) throw notFound(`nơi nhận mã ${unitCode} của văn bản này`);
      throw new AppError('FORBIDDEN', 'Chỉ đơn vị nhận văn bản mới báo cáo kết quả nhiệm vụ của mình.');
    }
    if (mine.length > 1)
      throw new AppError('VALIDATION', 'Hãy chọn đơn vị báo cáo (unitCode).', { unitCodes: mine.map((r) => r.unitCode) });
    return { ...found, recipient: mine[0]! };
  }

  async function pairDto(actor: Actor, directive: DirectiveRow, task: TaskRow, recipient: RecipientRow) {
    const [response, files, unit] = await Promise.all([
      findResponse(db, task.id, recipient.unitCode),
      listTaskFiles(db, task.id, recipient.unitCode),
      orgUnits.findInScope(directive.structure as Structure, recipient.unitCode, 'all'),
    ]);
    return toMyTaskDto(
      directive,
      task,
      { unitCode: recipient.unitCode, unitName: unit?.name ?? recipient.unitCode },
      response,
      files,
      today(),
      canAnswerFor(actor, recipient.unitPath),
    );
  }

  return {
    /** Marks a task done for the actor's unit (again: updates the note, keeps the first done time). */
    async markDone(actor: Actor, taskId: string, input: ResponseInput) {
      const { task, directive, recipient } = await answering(actor, taskId, input.unitCode);
      assertComplete(task, input, await countTaskFiles(db, task.id, recipient.unitCode));
      const before = await findResponse(db, task.id, recipient.unitCode);
      const at = clock();
      await db.transaction(async (tx) => {
        const after = await upsertResponse(tx, {
          taskId: task.id,
          unitCode: recipient.unitCode,
          unitPath: recipient.unitPath,
          status: 'done',
          note: input.note.normalize('NFC'),
          answer: task.returns === 'yes_no' ? (input.answer ?? null) : null,
          doneAt: before?.status === 'done' ? before.doneAt : at,
          doneByUserId: before?.status === 'done' ? before.doneByUserId : actor.userId,
          updatedAt: at,
        });
        await recordAudit(tx, auditActorOf(actor), {
          at,
          action: 'directive.task_done',
          entityType: 'directive_task',
          entityId: task.id,
          unitPath: recipient.unitPath,
          before,
          after,
        });
      });
      return pairDto(actor, directive, task, recipient);
    },

    /** Reopens a task the unit had marked done (no change when it is open). */
    async reopen(actor: Actor, taskId: string, unitCode: string | undefined) {
      const { task, directive, recipient } = await answering(actor, taskId, unitCode);
      const before = await findResponse(db, task.id, recipient.unitCode);
      if (before?.status === 'done') {
        const at = clock();
        await db.transaction(async (tx) => {
          const after = await upsertResponse(tx, { ...before, status: 'reopened', doneAt: null, doneByUserId: null, updatedAt: at });
          await recordAudit(tx, auditActorOf(actor), {
            at,
            action: 'directive.task_reopen',
            entityType: 'directive_task',
            entityId: task.id,
            unitPath: recipient.unitPath,
            before,
            after,
          });
        });
      }
      return pairDto(actor, directive, task, recipient);
    },

    /** Attaches a file (PDF, DOCX, XLSX, JPG, PNG by content) to the unit's answer. */
    async attach(actor: Actor, taskId: string, unitCode: string | undefined, content: Buffer, fileName: string) {
      const { task, directive, recipient } = await answering(actor, taskId, unitCode);
      const kind = sniffType(content);
      const type = kind && FILE_TYPES[kind];
      if (!type) throw new AppError('VALIDATION', 'Chỉ nhận tệp PDF, Word (.docx), Excel (.xlsx), JPG hoặc PNG.');
      if ((await countTaskFiles(db, task.id, recipient.unitCode)) >= MAX_TASK_FILES) {
        throw new AppError('VALIDATION', `Mỗi nhiệm vụ nhận tối đa ${MAX_TASK_FILES} tệp của một đơn vị.`);
      }
      const stored = await blobs.put(Readable.from(content), 'directive-files');
      const at = clock();
      try {
        const row = await db.transaction(async (tx) => {
          const file = await insertFile(tx, {
            directiveId: directive.id,
            taskId: task.id,
            unitCode: recipient.unitCode,
            blobKey: stored.key,
            fileName,
            contentType: type,
            bytes: content.length,
            createdByUserId: actor.userId,
            createdAt: at,
          });
          await recordAudit(tx, auditActorOf(actor), {
            at,
            action: 'directive.file_add',
            entityType: 'directive_file',
            entityId: file.id,
            unitPath: recipient.unitPath,
            after: file,
          });
          return file;
        });
        return toFileDto(row);
      } catch (err) {
        await blobs.remove(stored.key);
        throw err;
      }
    },

    /** Opens an attachment: the issuer side sees all, a recipient side those of units it reads. */
    async openFile(actor: Actor, fileId: string) {
      if (!hasAction(actor, 'directive.issue') && !hasAction(actor, 'directive.respond')) throw forbidden();
      const found = await findFileWithDirective(db, fileId, visibilityOf(actor));
      const stream = found ? await blobs.open(found.file.blobKey) : null;
      if (!found || !stream) throw notFound('tệp đính kèm này');
      return { stream, type: found.file.contentType, name: found.file.fileName };
    },

    /** Open tasks of the actor's own units (every unit for the administrator), by deadline. */
    async myTasks(actor: Actor) {
      if (!hasAction(actor, 'directive.respond')) throw forbidden();
      const rows = await listTasksOfRecipients(db, isAdmin(actor) ? 'all' : ownRecipientPaths(actor), 500);
      return {
        today: today(),
        ...listed(
          rows.map((r) =>
            toMyTaskDto(
              r.directive,
              r.task,
              { unitCode: r.recipient.unitCode, unitName: r.unitName ?? r.recipient.unitCode },
              r.response,
              [],
              today(),
              true,
            ),
          ),
        ),
      };
    },
  };
}

/** The responses service's public surface. */
export type ResponsesService = ReturnType<typeof createResponsesService>;
