import type { z } from 'zod';
import type { villageListImportQuerySchema, VillageListImportResult } from '../../../shared/schemas/imports.ts';
import { foldVietnamese } from '../../../shared/text.ts';
import type { Db } from '../../db/client.ts';
import { transactionWithOutcome } from '../../db/transaction.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { isWithin } from '../../lib/tree-path.ts';
import { auditActorOf } from '../audit/audit.service.ts';
import type { OrgUnitRow } from '../org-units/org-units.repo.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { VillageListsService } from '../org-units/village-lists.service.ts';
import { villageNames, type VillageWanted } from '../org-units/villages.service.ts';
import type { Mau2Issue } from './mau2.parse.ts';
import { matchCommune } from './mau2.resolve.ts';
import { parseVillageList, type VillageLine } from './villages.parse.ts';

type Query = z.infer<typeof villageListImportQuerySchema>;

/** The lines' communes among `communes` (by the file's text), with an error for each line that names none of them. */
function resolveLines(lines: readonly VillageLine[], communes: readonly { unit: OrgUnitRow; parentShortName: string }[], unit: OrgUnitRow) {
  const candidates = communes.map((c) => ({
    code: c.unit.code,
    shortName: c.unit.shortName,
    type: c.unit.type,
    parentShortName: c.parentShortName,
  }));
  const byCode = new Map(communes.map((c) => [c.unit.code, c.unit]));
  const cache = new Map<string, ReturnType<typeof matchCommune>>();
  const errors: Mau2Issue[] = [];
  const warnings: Mau2Issue[] = [];
  const wanted: VillageWanted[] = [];
  const seen = new Map<string, number>();
  for (const line of lines) {
    const match = cache.get(line.communeText) ?? matchCommune(line.communeText, candidates);
    cache.set(line.communeText, match);
    const at = { sheet: line.sheet, row: line.row, column: line.communeColumn };
    if (!match.ok) {
      errors.push({ ...at, code: match.code, message: match.message });
      continue;
    }
    const commune = byCode.get(match.code)!;
    if (!isWithin(commune.path, unit.path)) {
      errors.push({ ...at, code: 'COMMUNE_OUT_OF_SCOPE', message: `${commune.name} không thuộc ${unit.name}.` });
      continue;
    }
    const key = `${commune.code}|${foldVietnamese(villageNames(line.type, line.name).name)}`;
    const first = seen.get(key);
    if (first !== undefined) {
      warnings.push({
        ...at,
        code: 'DUPLICATE_ROW',
        message: `"${line.name}" của ${commune.name} đã có ở dòng ${first}: dòng này được bỏ qua.`,
      });
      continue;
    }
    seen.set(key, line.row);
    wanted.push({ commune, type: line.type, name: line.name });
  }
  return { errors, warnings, wanted };
}

/**
 * Loading village lists from Excel (commune, village name, type) for a province, district or
 * commune in the actor's village.manage scope: all or nothing, every problem on its row. The
 * communes named get their missing villages and their list declared (ADR 0014); a dry run does
 * the same and keeps nothing.
 */
export function createVillageListImportService({
  db,
  orgUnits,
  villageLists,
}: {
  db: Db;
  orgUnits: OrgUnitsService;
  villageLists: VillageListsService;
}) {
  return {
    /** Checks the unit before the file is read: outside the actor's scope nothing is learnt. */
    async prepare(actor: Actor, q: Query) {
      if (!hasAction(actor, 'village.manage')) throw forbidden();
      const scope = scopeFor(actor, 'village.manage');
      const unit = await orgUnits.findInScope(q.structure, q.unit, scope);
      if (!unit) throw notFound(`đơn vị mã ${q.unit}`);
      if (unit.level === 'village') throw new AppError('VALIDATION', 'Danh sách thôn nhập cho một tỉnh, huyện hoặc xã/phường.');
      // Every commune of the province is matched, so one outside the unit is named as such; the unit is in scope.
      const communes = await orgUnits.communesOfProvince(q.structure, unit.provinceCode);
      return {
        async run(source: Buffer): Promise<VillageListImportResult> {
          const parsed = await parseVillageList(source);
          const resolved = resolveLines(parsed.lines, communes, unit);
          const errors = [...parsed.errors, ...resolved.errors].sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row);
          const warnings = [...parsed.warnings, ...resolved.warnings];
          const base = { dryRun: q.dryRun, rows: parsed.rows, errors, warnings, villagesCreated: 0, villagesFound: 0, communesDeclared: 0 };
          if (errors.length > 0 || resolved.wanted.length === 0) return { ...base, ok: errors.length === 0 };
          const inScope = communes.map((c) => c.unit).filter((c) => isWithin(c.path, unit.path));
          // A dry run applies the list and rolls it back, so its counts are exact.
          const outcome = await transactionWithOutcome(db, async (tx) => ({
            isKept: !q.dryRun,
            value: await villageLists.apply(tx, auditActorOf(actor), q.structure, inScope, resolved.wanted),
          }));
          return { ...base, ok: true, ...outcome };
        },
      };
    },
  };
}

/** The village list import's surface. */
export type VillageListImportService = ReturnType<typeof createVillageListImportService>;
