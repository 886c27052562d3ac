import type { z } from 'zod';
import type { ImportIssue } from '../../../shared/schemas/imports.ts';
import { TARGETS_IMPORT_LIMITS, type TargetsImportResult, type targetsImportQuerySchema } from '../../../shared/schemas/targets.ts';
import { foldVietnamese } from '../../../shared/text.ts';
import type { Db } from '../../db/client.ts';
import type { UnitScope } from '../../db/scope.ts';
import { transactionWithOutcome } from '../../db/transaction.ts';
import type { Actor } from '../../http/context.ts';
import { auditActorOf } from '../audit/audit.service.ts';
import type { OrgUnitRow } from '../org-units/org-units.repo.ts';
import { applyPlan, type TargetPlan } from './targets.apply.ts';
import { FATAL_CODES, parseTargetsAppendix, type AppendixRow } from './targets.parse.ts';
import { quoted } from '../imports/mau2.text.ts';
import { existingTeamIds, type TargetTeamRow } from './targets.repo.ts';
import type { TargetsService } from './targets.service.ts';

type ImportQuery = z.infer<typeof targetsImportQuerySchema>;

/** An import whose unit has been checked; running it reads the file. */
export interface PreparedTargetsImport {
  run(file: Buffer): Promise<TargetsImportResult>;
}

interface Deps {
  db: Db;
  clock: () => Date;
  targets: TargetsService;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

/** "UBND phường Sa Đéc", "Sa Đéc" and "Phường Sa Đéc" all name the team's commune. */
function isSameCommune(text: string, team: TargetTeamRow): boolean {
  if (text === '') return true;
  const wanted = foldVietnamese(text).replace(/^ubnd /u, '');
  const name = foldVietnamese(team.communeName);
  return name === wanted || name.endsWith(` ${wanted}`);
}

/** Matches each row to a team of the unit (by id, else by commune and team name); reports the rest. */
async function matchTeams(db: Db, unit: OrgUnitRow, allowed: readonly TargetTeamRow[], rows: readonly AppendixRow[]) {
  const byId = new Map(allowed.map((t) => [t.id, t]));
  const byName = new Map<string, TargetTeamRow[]>();
  for (const t of allowed) byName.set(foldVietnamese(t.name), [...(byName.get(foldVietnamese(t.name)) ?? []), t]);
  const strangers = rows.map((r) => r.teamId.toLowerCase()).filter((id) => UUID.test(id) && !byId.has(id));
  const existing = await existingTeamIds(db, [...new Set(strangers)]);
  const errors: ImportIssue[] = [];
  const matched: { row: AppendixRow; team: TargetTeamRow }[] = [];
  const firstRow = new Map<string, number>();
  for (const row of rows) {
    const id = row.teamId.toLowerCase();
    const at = { sheet: row.sheet, row: row.row, column: row.teamId !== '' ? row.idColumn : row.teamColumn };
    const error = (code: string, message: string) => errors.push({ ...at, code, message });
    let team: TargetTeamRow | undefined;
    if (id !== '') {
      team = byId.get(id);
      if (!team && existing.has(id))
        error(
          'TEAM_OUT_OF_SCOPE',
          `Tổ có mã "${quoted(row.teamId)}" không thuộc ${unit.name}, đã giải thể hoặc nằm ngoài phạm vi quản lý của bạn`,
        );
      else if (!team) error('TEAM_UNKNOWN', `Không tìm thấy tổ có mã "${quoted(row.teamId)}": không sửa cột "Mã tổ" của tệp tải về`);
    } else if (row.teamName === '') {
      error('TEAM_MISSING', 'Dòng có chỉ tiêu nhưng thiếu tên tổ và mã tổ');
    } else {
      const candidates = (byName.get(foldVietnamese(row.teamName)) ?? []).filter((t) => isSameCommune(row.communeText, t));
      if (candidates.length === 1) team = candidates[0];
      else if (candidates.length === 0)
        error(
          'TEAM_UNKNOWN',
          `Không tìm thấy tổ "${quoted(row.teamName)}" ${row.communeText ? `của ${quoted(row.communeText)} ` : ''}trong ${unit.name}`,
        );
      else error('TEAM_AMBIGUOUS', `Có ${candidates.length} tổ tên "${quoted(row.teamName)}": ghi rõ xã/phường hoặc dùng cột "Mã tổ"`);
    }
    if (!team) continue;
    const seen = firstRow.get(team.id);
    if (seen !== undefined) error('TEAM_DUPLICATE', `Tổ "${team.name}" đã có ở dòng ${seen}`);
    else {
      firstRow.set(team.id, row.row);
      matched.push({ row, team });
    }
  }
  return { errors, matched };
}

/**
 * Import of a filled-in targets appendix: parse, match every team, then set the targets of the
 * listed teams in ONE transaction (a blank cell removes the target). Any error → nothing saved; a
 * dry run does the same work and does not keep it, so its count is exact.
 */
export function createTargetsImportService({ db, clock, targets }: Deps) {
  async function run(actor: Actor, unit: OrgUnitRow, scope: UnitScope, q: ImportQuery, file: Buffer): Promise<TargetsImportResult> {
    const indicators = await targets.indicatorsOf(unit.provinceCode);
    const parsed = await parseTargetsAppendix(file, { indicatorCodes: new Set(indicators.keys()), maxRows: TARGETS_IMPORT_LIMITS.maxRows });
    const result: TargetsImportResult = { ok: false, dryRun: q.dryRun, rows: parsed.rows.length, updated: 0, errors: parsed.errors };
    if (parsed.errors.some((e) => FATAL_CODES.has(e.code))) return result;
    // Team problems are reported together with cell problems, so one round of fixes is enough.
    const { errors, matched } = await matchTeams(db, unit, await targets.activeTeams(unit, scope), parsed.rows);
    const allErrors = [...parsed.errors, ...errors].sort(
      (a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row || a.column.length - b.column.length || a.column.localeCompare(b.column),
    );
    if (allErrors.length > 0) return { ...result, errors: allErrors };

    const plan: TargetPlan = {
      year: q.year,
      structure: q.structure,
      teams: matched.flatMap(({ row, team }) => [...row.targets].map(([indicator, target]) => ({ team, indicator, target }))),
      communes: [],
    };
    const updated = await transactionWithOutcome(db, async (tx) => ({
      isKept: !q.dryRun,
      value: await applyPlan(tx, auditActorOf(actor), clock(), plan, 'target.import'),
    }));
    return { ...result, ok: true, updated };
  }

  return {
    /** Checks the unit (404 outside the actor's `target.manage` scope) before any file is read. */
    async prepare(actor: Actor, q: ImportQuery): Promise<PreparedTargetsImport> {
      const { unit, scope } = await targets.unitInScope(actor, q.structure, q.unit, 'target.manage');
      return { run: (file) => run(actor, unit, scope, q, file) };
    },
  };
}

/** The appendix import service's surface. */
export type TargetsImportService = ReturnType<typeof createTargetsImportService>;
