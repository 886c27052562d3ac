import type { z } from 'zod';
import type { directiveListQuerySchema } from '../../../shared/schemas/directives.ts';
import type { Db, Tx } from '../../db/client.ts';
import { isInScope } from '../../db/scope.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { hasAction, type Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import { vnDate } from '../teams/teams.service.ts';
import { toComplianceDto, toDetailDto, toSummaryDto } from './directives.mapper.ts';
import { canAnswerFor, ownRecipientPaths, visibilityOf } from './directives.policy.ts';
import {
  findDirective,
  findDirectivesByIds,
  listDirectives,
  loadDirectiveParts,
  markOpened,
  type DirectiveRow,
  type NamedRecipient,
} from './directives.repo.ts';
import { createDirectiveIssuing } from './directive-issuing.service.ts';

interface Deps {
  db: Db;
  clock: () => Date;
  orgUnits: OrgUnitsService;
  notifications: Pick<NotificationsService, 'notify'>;
}

/**
 * Directives: official letters recorded by the issuing province or district with their
 * recipients and tasks; list, read (a recipient opening it is recorded once), the issuer's
 * compliance matrix; editing and deleting come from the issuing service (directive-issuing.service.ts).
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

    ...createDirectiveIssuing({ db, clock, orgUnits, notifications, detail, issuedInScope }),

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
