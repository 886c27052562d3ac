import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { Db, Tx } from '../../db/client.ts';
import { writeBulk } from '../../db/bulk.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit, type AuditActor } from '../audit/audit.service.ts';
import { findUnit, type OrgUnitRow } from './org-units.repo.ts';
import { listVillageListDeclarations, upsertVillageListDeclarations } from './village-lists.repo.ts';
import type { VillagesService, VillageWanted } from './villages.service.ts';

/** What loading village lists did. */
export interface VillageListOutcome {
  villagesCreated: number;
  villagesFound: number;
  communesDeclared: number;
}

/**
 * Communes' village lists (ADR 0014): a commune declares its list complete, on its page or by
 * loading it from Excel; coverage counts only the villages of communes that did, so a commune
 * with no list is not covered instead of looking complete.
 */
export function createVillageListsService({
  db,
  clock,
  villages,
}: {
  db: Db;
  clock: () => Date;
  villages: Pick<VillagesService, 'beginImport'>;
}) {
  return {
    /** The commune (in the actor's village.manage scope) declares its village list complete; audited. */
    async declare(actor: Actor, structure: Structure, communeCode: string) {
      if (!hasAction(actor, 'village.manage')) throw forbidden();
      const commune = await findUnit(db, structure, communeCode, scopeFor(actor, 'village.manage'));
      if (!commune || commune.level !== 'commune') throw notFound(`xã/phường mã ${communeCode}`);
      const at = clock();
      await db.transaction(async (tx) => {
        const [before] = await listVillageListDeclarations(tx, structure, [communeCode]);
        await upsertVillageListDeclarations(tx, [
          { structure, communeCode, unitPath: commune.path, declaredAt: at, declaredByUserId: actor.userId },
        ]);
        await recordAudit(tx, auditActorOf(actor), {
          at,
          action: 'village_list.declare',
          entityType: 'org_unit',
          entityId: `${structure}:${communeCode}`,
          unitPath: commune.path,
          before: before ? { declaredAt: before.declaredAt } : null,
          after: { declaredAt: at },
        });
      });
      return { communeCode, declaredAt: at.toISOString() };
    },

    /**
     * Inside an import's transaction: finds or creates the villages of `entries` (among
     * `communes`, whose village codes it locks) and declares the village list of every commune
     * named, with one audit event each.
     */
    async apply(
      tx: Tx,
      who: AuditActor,
      structure: Structure,
      communes: readonly OrgUnitRow[],
      entries: readonly VillageWanted[],
    ): Promise<VillageListOutcome> {
      const session = await villages.beginImport(tx, who, structure, communes);
      const plan = session.plan(entries);
      await writeBulk(tx, plan.inserts);
      const named = [...new Map(entries.map((e) => [e.commune.code, e.commune])).values()];
      const at = clock();
      await upsertVillageListDeclarations(
        tx,
        named.map((c) => ({ structure, communeCode: c.code, unitPath: c.path, declaredAt: at, declaredByUserId: who.userId })),
      );
      for (const c of named) {
        const count = entries.filter((e) => e.commune.code === c.code).length;
        await recordAudit(tx, who, {
          at,
          action: 'village_list.declare',
          entityType: 'org_unit',
          entityId: `${structure}:${c.code}`,
          unitPath: c.path,
          after: { declaredAt: at, villagesListed: count },
        });
      }
      return { villagesCreated: plan.created, villagesFound: entries.length - plan.created, communesDeclared: named.length };
    },
  };
}

/** The village lists service's surface. */
export type VillageListsService = ReturnType<typeof createVillageListsService>;
