import type { z } from 'zod';
import type { DirectiveDetail, directiveCreateSchema, directiveUpdateSchema } from '../../../shared/schemas/directives.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { normalizeText } from '../../../shared/text.ts';
import type { Db } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, type Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { OrgUnitRow } from '../org-units/org-units.repo.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import { vnDate } from '../teams/teams.service.ts';
import { visibilityOf } from './directives.policy.ts';
import {
  findDirective,
  insertDirective,
  insertRecipients,
  insertTasks,
  loadDirectiveParts,
  updateDirective,
  updateTask,
  type DirectiveRow,
  type TaskRow,
} from './directives.repo.ts';
import { newLetterNotices, newTaskNotices } from './directive-notices.ts';
import { resolveRecipients } from './recipients.ts';

type CreateInput = z.infer<typeof directiveCreateSchema>;
type UpdateInput = z.infer<typeof directiveUpdateSchema>;
type TaskInput = CreateInput['tasks'][number];

interface Deps {
  db: Db;
  clock: () => Date;
  orgUnits: OrgUnitsService;
  notifications: Pick<NotificationsService, 'notify'>;
  /** The detail view of a directive, after a change. */
  detail: (actor: Actor, row: DirectiveRow, record: boolean) => Promise<DirectiveDetail>;
  /** A directive the actor issued (404 otherwise). */
  issuedInScope: (actor: Actor, id: string) => Promise<DirectiveRow>;
}

/** Issuing directives: recording a letter with its recipients and tasks, editing it, deleting it. */
export function createDirectiveIssuing({ db, clock, orgUnits, notifications, detail, issuedInScope }: Deps) {
  const today = () => vnDate(clock());

  async function issuerUnit(actor: Actor, structure: Structure, code: string): Promise<OrgUnitRow> {
    const unit = await orgUnits.findInScope(structure, code, visibilityOf(actor).issueScope);
    if (!unit) throw notFound(`đơn vị ban hành mã ${code}`);
    if (unit.level !== 'province' && unit.level !== 'district')
      throw new AppError('VALIDATION', 'Đơn vị ban hành phải là cấp tỉnh hoặc cấp huyện.');
    return unit;
  }

  /** A missing date (a copy that leaves the day blank, a task without a deadline) is not checked. */
  function checkDates(issuedOn: string | null, tasks: readonly { dueOn?: string | null }[]) {
    if (issuedOn === null) return;
    if (issuedOn > today()) throw new AppError('VALIDATION', 'Ngày ban hành không được sau hôm nay.');
    if (tasks.some((t) => t.dueOn && t.dueOn < issuedOn))
      throw new AppError('VALIDATION', 'Hạn của nhiệm vụ không được trước ngày ban hành.');
  }

  const taskRows = (directiveId: string, tasks: readonly TaskInput[], from: number) =>
    tasks.map((t, i) => ({
      directiveId,
      title: normalizeText(t.title),
      description: t.description.normalize('NFC'),
      dueOn: t.dueOn,
      returns: t.returns,
      sortOrder: from + i,
    }));

  return {
    /** Records a letter, its recipients and tasks, and tells every recipient (outbox). */
    async create(actor: Actor, input: CreateInput) {
      if (!hasAction(actor, 'directive.issue')) throw forbidden();
      const issuer = await issuerUnit(actor, input.structure, input.issuerUnitCode);
      checkDates(input.issuedOn, input.tasks);
      const units = await resolveRecipients(orgUnits, issuer, input.recipients);
      const at = clock();
      const row = await db.transaction(async (tx) => {
        const d = await insertDirective(tx, {
          structure: issuer.structure,
          issuerUnitCode: issuer.code,
          issuerUnitPath: issuer.path,
          provinceCode: issuer.provinceCode,
          kind: input.kind,
          numberSymbol: normalizeText(input.numberSymbol),
          issuedOn: input.issuedOn,
          issuedOnText: input.issuedOnText ? normalizeText(input.issuedOnText) : null,
          issuerName: normalizeText(input.issuerName),
          excerpt: normalizeText(input.excerpt),
          createdByUserId: actor.userId,
          createdAt: at,
          updatedAt: at,
        });
        const recipients = await insertRecipients(
          tx,
          units.map((u) => ({ directiveId: d.id, unitCode: u.code, unitPath: u.path })),
        );
        const tasks = await insertTasks(tx, taskRows(d.id, input.tasks, 0));
        await notifications.notify(tx, newLetterNotices(d, recipients, tasks, at));
        await recordAudit(tx, auditActorOf(actor), {
          at,
          action: 'directive.create',
          entityType: 'directive',
          entityId: d.id,
          unitPath: issuer.path,
          after: { ...d, recipients: recipients.map((r) => r.unitCode), tasks },
        });
        return d;
      });
      return detail(actor, row, false);
    },

    /** Edits the letter's header, edits tasks, adds tasks and recipients (never removes answers). */
    async update(actor: Actor, id: string, input: UpdateInput) {
      const row = await issuedInScope(actor, id);
      checkDates(input.issuedOn === undefined ? row.issuedOn : input.issuedOn, [...(input.addTasks ?? []), ...(input.tasks ?? [])]);
      const issuer = await orgUnits.findInScope(row.structure as Structure, row.issuerUnitCode, 'all');
      const units = input.addRecipients?.length ? await resolveRecipients(orgUnits, issuer!, input.addRecipients) : [];
      const at = clock();
      await db.transaction(async (tx) => {
        const parts = await loadDirectiveParts(tx, row);
        const updated = await updateDirective(tx, id, {
          ...(input.kind ? { kind: input.kind } : {}),
          ...(input.numberSymbol !== undefined ? { numberSymbol: normalizeText(input.numberSymbol) } : {}),
          ...(input.issuedOn !== undefined ? { issuedOn: input.issuedOn } : {}),
          ...(input.issuedOnText !== undefined ? { issuedOnText: input.issuedOnText ? normalizeText(input.issuedOnText) : null } : {}),
          ...(input.issuerName ? { issuerName: normalizeText(input.issuerName) } : {}),
          ...(input.excerpt ? { excerpt: normalizeText(input.excerpt) } : {}),
          updatedAt: at,
        });
        const changedTasks: TaskRow[] = [];
        for (const t of input.tasks ?? []) {
          if (!parts.tasks.some((p) => p.id === t.id)) throw notFound('nhiệm vụ này trong văn bản');
          const { id: taskId, ...patch } = t;
          changedTasks.push(await updateTask(tx, taskId, { ...patch, ...(patch.title ? { title: normalizeText(patch.title) } : {}) }));
        }
        const added = await insertTasks(tx, taskRows(id, input.addTasks ?? [], parts.tasks.length));
        const newRecipients = await insertRecipients(
          tx,
          units.map((u) => ({ directiveId: id, unitCode: u.code, unitPath: u.path })),
        );
        await notifications.notify(tx, [
          ...newLetterNotices(updated, newRecipients, [...parts.tasks, ...added], at),
          ...newTaskNotices(updated, parts.recipients, added, at),
        ]);
        await recordAudit(tx, auditActorOf(actor), {
          at,
          action: 'directive.update',
          entityType: 'directive',
          entityId: id,
          unitPath: row.issuerUnitPath,
          before: { ...row, tasks: parts.tasks.filter((t) => changedTasks.some((c) => c.id === t.id)) },
          after: { ...updated, tasks: changedTasks, addedTasks: added, addedRecipients: newRecipients.map((r) => r.unitCode) },
        });
      });
      return detail(actor, (await findDirective(db, id, visibilityOf(actor)))!, false);
    },

    /** Deletes a letter softly: it disappears from lists, the trail keeps it. */
    async remove(actor: Actor, id: string) {
      const row = await issuedInScope(actor, id);
      const at = clock();
      await db.transaction(async (tx) => {
        await updateDirective(tx, id, { deletedAt: at, updatedAt: at });
        await recordAudit(tx, auditActorOf(actor), {
          at,
          action: 'directive.delete',
          entityType: 'directive',
          entityId: id,
          unitPath: row.issuerUnitPath,
          before: row,
        });
      });
    },
  };
}
