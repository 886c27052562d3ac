import type { z } from 'zod';
import type { directiveCreateSchema, directiveListQuerySchema, directiveUpdateSchema } from '../../../shared/schemas/directives.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { normalizeText } from '../../../shared/text.ts';
import type { Db, Tx } from '../../db/client.ts';
import { isInScope } from '../../db/scope.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, type Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import type { Notice, NotificationsService } from '../notifications/notifications.service.ts';
import type { OrgUnitRow } from '../org-units/org-units.repo.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import { vnDate } from '../teams/teams.service.ts';
import { toComplianceDto, toDetailDto, toSummaryDto } from './directives.mapper.ts';
import { canAnswerFor, ownRecipientPaths, visibilityOf } from './directives.policy.ts';
import {
  findDirective,
  findDirectivesByIds,
  insertDirective,
  insertRecipients,
  insertTasks,
  listDirectives,
  loadDirectiveParts,
  markOpened,
  updateDirective,
  updateTask,
  type DirectiveRow,
  type NamedRecipient,
  type RecipientRow,
  type TaskRow,
} from './directives.repo.ts';
import { resolveRecipients } from './recipients.ts';

type CreateInput = z.infer<typeof directiveCreateSchema>;
type UpdateInput = z.infer<typeof directiveUpdateSchema>;
type TaskInput = CreateInput['tasks'][number];

interface Deps {
  db: Db;
  clock: () => Date;
  orgUnits: OrgUnitsService;
  notifications: Pick<NotificationsService, 'notify'>;
}

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
function newLetterNotices(d: DirectiveRow, recipients: readonly RecipientRow[], tasks: readonly TaskRow[], at: Date): Notice[] {
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
function newTaskNotices(d: DirectiveRow, recipients: readonly RecipientRow[], tasks: readonly TaskRow[], at: Date): Notice[] {
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

/**
 * Directives: official letters recorded by the issuing province or district with their
 * recipients and tasks; list, read (a recipient opening it is recorded once), edit, delete, and
 * the issuer's compliance matrix.
 */
export function createDirectivesService({ db, clock, orgUnits, notifications }: Deps) {
  const today = () => vnDate(clock());

  function assertReader(actor: Actor) {
    if (!hasAction(actor, 'directive.issue') && !hasAction(actor, 'directive.respond')) throw forbidden();
  }

  /** A directive the actor issued (its subtree issued), for edits and the matrix. */
  async function issuedInScope(actor: Actor, id: string, conn: Db | Tx = db): Promise<DirectiveRow> {
    if (!hasAction(actor, 'directive.issue')) throw forbidden();
    const row = await findDirective(conn, id, { issueScope: visibilityOf(actor).issueScope, respondScope: [] });
    if (!row) throw notFound('văn bản chỉ đạo này');
    return row;
  }

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

  /** The detail view; with `record`, records the first opening by each of the actor's own recipient units. */
  async function detail(actor: Actor, row: DirectiveRow, record: boolean) {
    const v = visibilityOf(actor);
    let parts = await loadDirectiveParts(db, row);
    const own = ownRecipientPaths(actor);
    let unopened = parts.recipients.filter((r) => own.includes(r.unitPath) && r.openedAt === null);
    if (record && unopened.length > 0) {
      await db.transaction(async (tx) => {
        const opened = await markOpened(
          tx,
          row.id,
          unopened.map((r) => r.unitCode),
          clock(),
          actor.userId,
        );
        for (const r of opened) {
          await recordAudit(tx, auditActorOf(actor), {
            at: clock(),
            action: 'directive.open',
            entityType: 'directive',
            entityId: row.id,
            unitPath: r.unitPath,
            after: { unitCode: r.unitCode },
          });
        }
      });
      parts = await loadDirectiveParts(db, row);
      unopened = [];
    }
    const isIssuer = isInScope(v.issueScope, row.issuerUnitPath);
    const seen = parts.recipients.filter((r) => isInScope(v.respondScope, r.unitPath));
    const mine = isIssuer ? parts.recipients.filter((r) => own.includes(r.unitPath)) : seen;
    const view = {
      isIssuer,
      isRecipient: seen.length > 0,
      isUnopened: unopened.length > 0,
      seen,
      mine,
      canAnswer: (r: NamedRecipient) => canAnswerFor(actor, r.unitPath),
    };
    return toDetailDto(row, parts, view, today());
  }

  return {
    /** Directives issued in the actor's subtree and those addressed to units in it, newest first. */
    async list(actor: Actor, q: z.infer<typeof directiveListQuerySchema>) {
      assertReader(actor);
      const result = await listDirectives(db, { ...visibilityOf(actor), today: today(), ...q });
      const rows = new Map(
        (
          await findDirectivesByIds(
            db,
            result.items.map((i) => i.id),
          )
        ).map((r) => [r.id, r]),
      );
      return { items: result.items.map((i) => toSummaryDto(rows.get(i.id)!, i)), total: result.total };
    },

    /** One directive: the issuer's counts, or the recipient's own tasks. Reading records nothing ({@link open} does). */
    async get(actor: Actor, id: string) {
      assertReader(actor);
      const row = await findDirective(db, id, visibilityOf(actor));
      if (!row) throw notFound('văn bản chỉ đạo này');
      return detail(actor, row, false);
    },

    /** Records that the actor's own recipient units opened the letter (the first time only, audited); returns the detail. */
    async open(actor: Actor, id: string) {
      assertReader(actor);
      const row = await findDirective(db, id, visibilityOf(actor));
      if (!row) throw notFound('văn bản chỉ đạo này');
      return detail(actor, row, true);
    },

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

    /** The matrix recipients × tasks (issuer side only). */
    async compliance(actor: Actor, id: string) {
      const row = await issuedInScope(actor, id);
      return toComplianceDto(row, await loadDirectiveParts(db, row), today());
    },

    /** The directive row when the actor issued it (for the signed-file service). */
    issuedInScope,
  };
}

/** The directives service's public surface. */
export type DirectivesService = ReturnType<typeof createDirectivesService>;
