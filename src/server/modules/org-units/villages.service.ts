import type { z } from 'zod';
import type { Structure, villageCreateSchema, villageUpdateSchema } from '../../../shared/schemas/org-units.ts';
import { foldVietnamese, normalizeText } from '../../../shared/text.ts';
import type { Db, Tx } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { childPath } from '../../lib/tree-path.ts';
import { auditActorOf, recordAudit, prepareAuditMany, type AuditActor } from '../audit/audit.service.ts';
import { toOrgUnitDto } from './org-units.mapper.ts';
import { findUnit, listUnits, type OrgUnitRow } from './org-units.repo.ts';
import {
  findActiveVillageByName,
  insertVillage,
  prepareVillagesInsert,
  listVillagesOfCommunes,
  lockVillageSequences,
  nextVillageSequence,
  updateVillage,
} from './villages.repo.ts';

/** Splits "Khóm 2" typed with type "khóm" into the short name "2"; otherwise keeps the name. */
export function villageNames(type: string, rawName: string): { name: string; shortName: string } {
  const name = normalizeText(rawName);
  const prefix = foldVietnamese(type);
  const folded = foldVietnamese(name);
  const shortName = folded.startsWith(`${prefix} `) ? name.slice(name.length - (folded.length - prefix.length - 1)) : name;
  const label = type.charAt(0).toUpperCase() + type.slice(1);
  return { name: `${label} ${shortName}`, shortName };
}

/** Village code: the commune code and a per-commune sequence, e.g. "29905-007". Never reused. */
export function villageCode(communeCode: string, sequence: number): string {
  return `${communeCode}-${String(sequence).padStart(3, '0')}`;
}

/** A village an import needs: `type name` under `commune`. */
export interface VillageWanted {
  commune: OrgUnitRow;
  type: string;
  name: string;
}

/**
 * A new village's complete row, created at `now`. One literal with every field in one order, so
 * the many an import keeps share one object shape (a spread gave each its own, ≈ 400 bytes).
 */
function newVillageRow(
  commune: OrgUnitRow,
  code: string,
  type: string,
  names: { name: string; shortName: string },
  now: Date,
  searchName = foldVietnamese(names.name),
): OrgUnitRow {
  return {
    structure: commune.structure,
    code,
    name: names.name,
    shortName: names.shortName,
    type,
    level: 'village',
    parentCode: commune.code,
    provinceCode: commune.provinceCode,
    path: childPath(commune.path, code),
    searchName,
    isOfficial: false,
    retiredAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** Villages (thôn, ấp, khóm, tổ dân phố…) created and kept by communes. */
export function createVillagesService({ db, clock }: { db: Db; clock: () => Date }) {
  async function getCommuneInScope(actor: Actor, structure: Structure, code: string, action: 'unit.read' | 'village.manage') {
    const unit = await findUnit(db, structure, code, scopeFor(actor, action));
    if (!unit || unit.level !== 'commune') throw notFound(`xã/phường mã ${code}`);
    return unit;
  }

  async function assertNameFree(tx: Tx, village: Pick<OrgUnitRow, 'structure' | 'parentCode' | 'code'>, name: string) {
    const clash = await findActiveVillageByName(tx, village.structure as Structure, village.parentCode!, foldVietnamese(name));
    if (clash && clash.code !== village.code) {
      throw new AppError('CONFLICT', `Đã có "${clash.name}" trong xã/phường này.`, { code: clash.code });
    }
  }

  function villageAudit(village: OrgUnitRow, at: Date) {
    return {
      at,
      action: 'village.create',
      entityType: 'org_unit',
      entityId: `${village.structure}:${village.code}`,
      unitPath: village.path,
      after: toOrgUnitDto(village),
    };
  }

  async function insertNewVillage(tx: Tx, who: AuditActor, commune: OrgUnitRow, type: string, names: { name: string; shortName: string }) {
    const code = villageCode(commune.code, await nextVillageSequence(tx, commune.structure as Structure, commune.code));
    const village = await insertVillage(tx, newVillageRow(commune, code, type, names, clock()));
    await recordAudit(tx, who, villageAudit(village, clock()));
    return village;
  }

  return {
    /**
     * Inside an import's transaction: a session that finds the active villages an import names,
     * batch after batch, creating the missing ones in bulk with the next free codes. It takes the
     * village-code locks of all `communes` at once (sorted, so concurrent imports cannot deadlock)
     * and reads their villages once. Keys are `<commune code>|<folded full name>`.
     */
    async beginImport(tx: Tx, who: AuditActor, structure: Structure, communes: readonly OrgUnitRow[]) {
      const codes = communes.map((c) => c.code);
      await lockVillageSequences(tx, structure, codes);
      const byKey = new Map<string, OrgUnitRow>();
      const nextSeq = new Map<string, number>();
      for (const v of await listVillagesOfCommunes(tx, structure, codes)) {
        const seq = Number(v.code.split('-')[1] ?? 0);
        nextSeq.set(v.parentCode!, Math.max(nextSeq.get(v.parentCode!) ?? 1, seq + 1));
        if (!v.retiredAt) byKey.set(`${v.parentCode}|${v.searchName}`, v);
      }
      return {
        /**
         * The villages named by `wanted` (communes among the session's), one for each, in order;
         * the missing ones get their codes now and are stored, with their audit events, by `inserts`.
         */
        plan(wanted: readonly VillageWanted[]) {
          const now = clock();
          const toCreate: OrgUnitRow[] = [];
          const villages = wanted.map((w) => {
            const names = villageNames(w.type, w.name);
            const searchName = foldVietnamese(names.name);
            const key = `${w.commune.code}|${searchName}`;
            const found = byKey.get(key);
            if (found) return found;
            const seq = nextSeq.get(w.commune.code) ?? 1;
            nextSeq.set(w.commune.code, seq + 1);
            const village = newVillageRow(w.commune, villageCode(w.commune.code, seq), w.type, names, now, searchName);
            toCreate.push(village);
            byKey.set(key, village);
            return village;
          });
          const inserts = [
            prepareVillagesInsert(tx, toCreate),
            prepareAuditMany(
              tx,
              who,
              toCreate.map((v) => villageAudit(v, now)),
            ),
          ];
          return { villages, created: toCreate.length, inserts };
        },
      };
    },

    /** Villages of a commune the actor can see. */
    async list(actor: Actor, structure: Structure, communeCode: string, includeRetired: boolean) {
      await getCommuneInScope(actor, structure, communeCode, 'unit.read');
      const result = await listUnits(db, {
        structure,
        parentCode: communeCode,
        level: 'village',
        tokens: [],
        includeRetired,
        scope: scopeFor(actor, 'unit.read'),
        limit: 1000,
        offset: 0,
      });
      return { items: result.items.map(toOrgUnitDto), total: result.total };
    },

    /** Creates a village under a commune in the actor's scope, with a generated stable code. */
    async create(actor: Actor, structure: Structure, communeCode: string, input: z.infer<typeof villageCreateSchema>) {
      if (!hasAction(actor, 'village.manage')) throw forbidden();
      const commune = await getCommuneInScope(actor, structure, communeCode, 'village.manage');
      const names = villageNames(input.type, input.name);
      const created = await db.transaction(async (tx) => {
        await assertNameFree(tx, { structure, parentCode: communeCode, code: '' }, names.name);
        return insertNewVillage(tx, auditActorOf(actor), commune, input.type, names);
      });
      return toOrgUnitDto(created);
    },

    /** Inside another use case's transaction: retires a village that went into others (its code and history stay). */
    async retireInTx(tx: Tx, who: AuditActor, village: OrgUnitRow): Promise<void> {
      if (village.retiredAt) return;
      const row = await updateVillage(tx, village.structure as Structure, village.code, { retiredAt: clock() });
      await recordAudit(tx, who, {
        at: clock(),
        action: 'village.retire',
        entityType: 'org_unit',
        entityId: `${village.structure}:${village.code}`,
        unitPath: village.path,
        before: toOrgUnitDto(village),
        after: toOrgUnitDto(row),
      });
    },

    /** Renames, retypes, retires or restores a village; retired villages keep their code and history. */
    async update(actor: Actor, structure: Structure, code: string, input: z.infer<typeof villageUpdateSchema>) {
      if (!hasAction(actor, 'village.manage')) throw forbidden();
      const village = await findUnit(db, structure, code, scopeFor(actor, 'village.manage'));
      if (!village || village.level !== 'village') throw notFound(`thôn/ấp mã ${code}`);
      const type = input.type ?? village.type;
      const names = input.name !== undefined || input.type !== undefined ? villageNames(type, input.name ?? village.shortName) : null;
      const retiredAt = input.isRetired === undefined ? village.retiredAt : input.isRetired ? (village.retiredAt ?? clock()) : null;
      const updated = await db.transaction(async (tx) => {
        const isActiveAfter = retiredAt === null;
        if (isActiveAfter) await assertNameFree(tx, village, names?.name ?? village.name);
        const row = await updateVillage(tx, structure, code, {
          ...(names ? { ...names, type, searchName: foldVietnamese(names.name) } : {}),
          retiredAt,
        });
        await recordAudit(tx, auditActorOf(actor), {
          at: clock(),
          action: input.isRetired === true ? 'village.retire' : input.isRetired === false ? 'village.restore' : 'village.update',
          entityType: 'org_unit',
          entityId: `${structure}:${code}`,
          unitPath: village.path,
          before: toOrgUnitDto(village),
          after: toOrgUnitDto(row),
        });
        return row;
      });
      return toOrgUnitDto(updated);
    },
  };
}

/** The villages service's public surface. */
export type VillagesService = ReturnType<typeof createVillagesService>;
