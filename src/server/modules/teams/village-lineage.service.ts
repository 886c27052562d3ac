import type { z } from 'zod';
import type { villageLineageSchema } from '../../../shared/schemas/reorganisation.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { Db, Tx } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import type { OrgUnitRow } from '../org-units/org-units.repo.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { VillagesService } from '../org-units/villages.service.ts';
import { placementOf, type ReorganisationService } from './reorganisation.service.ts';
import type { TeamRow } from './teams.repo.ts';
import { vnDate, type TeamsService } from './teams.service.ts';
import { findSuccessorsFrom, insertVillageSuccessors, listActiveTeamsOfVillages, listLineage } from './village-lineage.repo.ts';
import { listed } from '../../../shared/schemas/lists.ts';

type LineageInput = z.infer<typeof villageLineageSchema>;

interface Deps {
  db: Db;
  clock: () => Date;
  orgUnits: OrgUnitsService;
  villages: Pick<VillagesService, 'retireInTx'>;
  teams: Pick<TeamsService, 'assertNameFree'>;
  reorganisation: Pick<ReorganisationService, 'prepareRelocation'>;
}

/** How many old and new villages each kind takes. */
const SHAPES: Record<LineageInput['kind'], { from: (n: number) => boolean; to: (n: number) => boolean; message: string }> = {
  merge: { from: (n) => n >= 2, to: (n) => n === 1, message: 'Sáp nhập cần ít nhất hai thôn/ấp cũ và một thôn/ấp mới.' },
  split: { from: (n) => n === 1, to: (n) => n >= 2, message: 'Chia tách cần một thôn/ấp cũ và ít nhất hai thôn/ấp mới.' },
  rename: { from: (n) => n === 1, to: (n) => n === 1, message: 'Đổi tên cần đúng một thôn/ấp cũ và một thôn/ấp mới.' },
};

const toDto = (r: Awaited<ReturnType<typeof listLineage>>[number]) => ({
  fromStructure: r.link.fromStructure,
  fromCode: r.link.fromCode,
  fromName: r.fromName,
  toCode: r.link.toCode,
  toName: r.toName,
  kind: r.link.kind as LineageInput['kind'],
  effectiveOn: r.link.effectiveOn,
});

/**
 * Village lineage (ADR 0012): a commune of the current structure declares which villages its
 * villages came from (its own former ones, or those of the legacy communes it was formed from),
 * as a merge, a split or a rename from a date. Its own former villages are retired; the active
 * teams of merged or renamed villages move to the successor, so coverage and the feed follow;
 * a split village's teams wait for the commune to place them. Old villages keep their rows.
 */
export function createVillageLineageService({ db, clock, orgUnits, villages, teams, reorganisation }: Deps) {
  async function communeOf(actor: Actor, code: string, action: 'unit.read' | 'village.manage'): Promise<OrgUnitRow> {
    const commune = await orgUnits.findInScope('current', code, scopeFor(actor, action));
    if (!commune || commune.level !== 'commune') throw notFound(`xã/phường mã ${code} (cơ cấu hiện hành)`);
    return commune;
  }

  /** The old villages: this commune's own (not among the new ones) or those of its legacy predecessors. */
  async function oldVillages(commune: OrgUnitRow, from: LineageInput['from'], to: readonly string[]): Promise<OrgUnitRow[]> {
    const predecessors = new Set((await orgUnits.predecessors(commune.code)).map((p) => p.code));
    const out: OrgUnitRow[] = [];
    for (const f of from) {
      const village = await orgUnits.findInScope(f.structure, f.code, 'all');
      const isOwn = f.structure === 'current' && village?.parentCode === commune.code && !to.includes(f.code);
      const isPredecessors = f.structure === 'legacy' && predecessors.has(village?.parentCode ?? '');
      if (!village || village.level !== 'village' || !(isOwn || isPredecessors)) {
        throw notFound(`thôn/ấp cũ mã ${f.code} của ${commune.name} hoặc của các xã/phường cũ hợp thành`);
      }
      out.push(village);
    }
    return out;
  }

  async function newVillages(commune: OrgUnitRow, codes: readonly string[]): Promise<OrgUnitRow[]> {
    const out: OrgUnitRow[] = [];
    for (const code of codes) {
      const village = await orgUnits.findInScope('current', code, 'all');
      if (!village || village.level !== 'village' || village.parentCode !== commune.code || village.retiredAt) {
        throw notFound(`thôn/ấp mới mã ${code} đang dùng của ${commune.name}`);
      }
      out.push(village);
    }
    return out;
  }

  return {
    /** Lineage declared by a commune in the actor's reading scope. */
    async list(actor: Actor, communeCode: string) {
      const commune = await communeOf(actor, communeCode, 'unit.read');
      const items = (await listLineage(db, { structure: 'current', communeCode: commune.code })).map(toDto);
      return listed(items);
    },

    /** Successors declared for some villages of one structure (old villages stay readable with where they went). */
    async successorsOf(structure: Structure, codes: readonly string[]) {
      return codes.length === 0 ? [] : (await listLineage(db, { structure, fromCodes: codes })).map(toDto);
    },

    /** Declares a merge, split or rename; one transaction with the retirements, the teams' moves and the audit trail. */
    async declare(actor: Actor, communeCode: string, input: LineageInput) {
      if (!hasAction(actor, 'village.manage') || !hasAction(actor, 'team.manage')) throw forbidden();
      const commune = await communeOf(actor, communeCode, 'village.manage');
      const shape = SHAPES[input.kind];
      if (!shape.from(input.from.length) || !shape.to(input.to.length) || new Set(input.to).size !== input.to.length) {
        throw new AppError('VALIDATION', shape.message);
      }
      if (input.effectiveOn > vnDate(clock())) throw new AppError('VALIDATION', 'Ngày hiệu lực không được sau hôm nay.');
      const [olds, news] = [await oldVillages(commune, input.from, input.to), await newVillages(commune, input.to)];
      for (const structure of ['current', 'legacy']) {
        const taken = await findSuccessorsFrom(
          db,
          structure,
          olds.filter((v) => v.structure === structure).map((v) => v.code),
        );
        if (taken[0])
          throw new AppError('CONFLICT', `Thôn/ấp mã ${taken[0].fromCode} đã được khai báo đi vào thôn/ấp khác.`, {
            code: taken[0].fromCode,
          });
      }
      // Merged or renamed villages take their teams along; a split village's teams are placed one by one.
      const teamsToMove = input.kind === 'split' ? [] : await listActiveTeamsOfVillages(db, olds);
      const to = placementOf(news[0]!);
      const relocations: { team: TeamRow; relocate: (tx: Tx) => Promise<TeamRow> }[] = [];
      for (const team of teamsToMove) {
        relocations.push({
          team,
          relocate: await reorganisation.prepareRelocation(actor, team, to, { kind: 'village', on: input.effectiveOn }),
        });
      }
      const who = auditActorOf(actor);
      await db.transaction(async (tx) => {
        await insertVillageSuccessors(
          tx,
          olds.flatMap((o) =>
            news.map((n) => ({
              fromStructure: o.structure,
              fromCode: o.code,
              toStructure: 'current',
              toCode: n.code,
              kind: input.kind,
              effectiveOn: input.effectiveOn,
              communeCode: commune.code,
              unitPath: commune.path,
            })),
          ),
        );
        for (const village of olds) if (village.structure === 'current') await villages.retireInTx(tx, who, village);
        for (const { team, relocate } of relocations) {
          await teams.assertNameFree(tx, to.structure, to.communeCode, team.name, team.id);
          await relocate(tx);
        }
        await recordAudit(tx, who, {
          at: clock(),
          action: 'village.lineage',
          entityType: 'org_unit',
          entityId: `current:${commune.code}`,
          unitPath: commune.path,
          after: { ...input, teamsMoved: relocations.map((r) => r.team.id) },
        });
      });
      return this.list(actor, communeCode);
    },
  };
}

/** The village lineage service's surface. */
export type VillageLineageService = ReturnType<typeof createVillageLineageService>;
