import type { Readable } from 'node:stream';
import type { Mau2ImportResult } from '../../../shared/schemas/imports.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { Db, Tx } from '../../db/client.ts';
import type { UnitScope } from '../../db/scope.ts';
import { AppError } from '../../http/errors.ts';
import { isWithin } from '../../lib/tree-path.ts';
import { recordAudit, type AuditActor } from '../audit/audit.service.ts';
import type { OrgUnitRow } from '../org-units/org-units.repo.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { VillagesService } from '../org-units/villages.service.ts';
import { teamKey, type TeamImporter } from '../teams/teams.import.ts';
import { villageNames } from '../org-units/villages.service.ts';
import { foldVietnamese } from '../../../shared/text.ts';
import { parseMau2, type Mau2Issue, type Mau2ParsedTeam } from './mau2.parse.ts';
import { matchCommune } from './mau2.resolve.ts';
import { parseTeamName } from './mau2.text.ts';

/** What to import and where. */
export interface Mau2ImportRequest {
  source: string | Readable;
  provinceCode: string;
  structure: Structure;
  isDryRun: boolean;
  maxRows: number;
  fileName?: string;
  onProgress?: (rowsRead: number) => void;
  /** Awaited once the file is read and valid, just before the writing transaction starts. */
  beforeApply?: () => Promise<void>;
}

interface Deps {
  db: Db;
  clock: () => Date;
  orgUnits: OrgUnitsService;
  villages: VillagesService;
  teamImporter: TeamImporter;
}

/** Thrown inside the transaction of a dry run so that nothing it wrote is kept. */
class DryRunRollback extends Error {}

type Counts = Pick<Mau2ImportResult, 'teamsCreated' | 'membersCreated' | 'villagesCreated'>;

/**
 * Mẫu 2 import: parse (streaming), resolve every commune, then find-or-create villages, teams,
 * people and memberships in ONE transaction. Any error → nothing is saved. A dry run does the
 * same work and rolls it back, so its counts are exact.
 */
export function createMau2ImportService({ db, clock, orgUnits, villages, teamImporter }: Deps) {
  async function resolveCommunes(req: Mau2ImportRequest, scope: UnitScope, teams: Mau2ParsedTeam[]) {
    const rows = await orgUnits.communesOfProvince(req.structure, req.provinceCode);
    if (rows.length === 0) throw new AppError('NOT_FOUND', `Không tìm thấy tỉnh mã ${req.provinceCode} trong cơ cấu ${req.structure}.`);
    const byCode = new Map(rows.map((r) => [r.unit.code, r.unit]));
    const candidates = rows.map((r) => ({ code: r.unit.code, shortName: r.unit.shortName, type: r.unit.type, parentShortName: r.parentShortName }));
    const errors: Mau2Issue[] = [];
    const communeOf = new Map<Mau2ParsedTeam, OrgUnitRow>();
    const cache = new Map<string, ReturnType<typeof matchCommune>>();
    for (const team of teams) {
      const match = cache.get(team.communeText) ?? matchCommune(team.communeText, candidates);
      cache.set(team.communeText, match);
      const at = { sheet: team.sheet, row: team.communeRow, column: team.communeColumn };
      if (!match.ok) {
        errors.push({ ...at, code: match.code, message: match.message });
        continue;
      }
      const unit = byCode.get(match.code)!;
      if (scope !== 'all' && !scope.some((p) => isWithin(unit.path, p))) {
        errors.push({ ...at, code: 'COMMUNE_OUT_OF_SCOPE', message: `${unit.name} nằm ngoài phạm vi quản lý của bạn.` });
        continue;
      }
      communeOf.set(team, unit);
    }
    return { errors, communeOf };
  }

  /** Villages, then teams, then people and memberships: each step one bulk pass. */
  async function apply(tx: Tx, who: AuditActor, structure: Structure, parsed: Mau2ParsedTeam[], communeOf: Map<Mau2ParsedTeam, OrgUnitRow>): Promise<Counts> {
    const named = parsed.map((team) => ({ team, commune: communeOf.get(team)!, ...parseTeamName(team.teamName) }));
    const wantedVillages = named.flatMap((n) => (n.village ? [{ commune: n.commune, ...n.village }] : []));
    const villageResult = await villages.ensureMany(tx, who, structure, wantedVillages);
    const unitOf = (n: (typeof named)[number]) =>
      n.village ? villageResult.villages.get(`${n.commune.code}|${foldVietnamese(villageNames(n.village.type, n.village.name).name)}`)! : n.commune;
    const teamResult = await teamImporter.ensureTeams(
      tx,
      structure,
      named.map((n) => ({ unit: unitOf(n), communeCode: n.commune.code, name: n.name })),
    );
    const items = named.flatMap((n) => {
      const team = teamResult.teams.get(teamKey(n.commune.code, n.name))!;
      return n.team.members.map((member) => ({ team, member }));
    });
    const memberResult = await teamImporter.ensureMembers(tx, structure, items);
    return { villagesCreated: villageResult.created, teamsCreated: teamResult.created, membersCreated: memberResult.membershipsCreated };
  }

  return {
    /** Runs an import for `who`, limited to communes inside `scope`. */
    async run(who: AuditActor, scope: UnitScope, req: Mau2ImportRequest): Promise<Mau2ImportResult> {
      const parsed = await parseMau2(req.source, { maxRows: req.maxRows, onProgress: req.onProgress });
      const members = parsed.teams.reduce((n, t) => n + t.members.length, 0);
      const result: Mau2ImportResult = {
        ok: false,
        dryRun: req.isDryRun,
        rows: parsed.rows,
        teams: parsed.teams.length,
        members,
        teamsCreated: 0,
        membersCreated: 0,
        villagesCreated: 0,
        errors: parsed.errors,
        warnings: parsed.warnings,
      };
      if (parsed.errors.some((e) => e.code === 'FILE_INVALID' || e.code === 'TOO_MANY_ROWS')) return result;
      // Report unknown communes together with row errors, so one round of fixes is enough.
      const { errors, communeOf } = await resolveCommunes(req, scope, parsed.teams);
      const allErrors = [...parsed.errors, ...errors].sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row);
      if (allErrors.length > 0) return { ...result, errors: allErrors };

      let counts: Counts = { teamsCreated: 0, membersCreated: 0, villagesCreated: 0 };
      await req.beforeApply?.();
      try {
        await db.transaction(async (tx) => {
          counts = await apply(tx, who, req.structure, parsed.teams, communeOf);
          await recordAudit(tx, who, {
            at: clock(),
            action: 'import.mau2',
            entityType: 'import',
            entityId: req.fileName ?? null,
            unitPath: `${req.structure}:/${req.provinceCode}/`,
            after: { provinceCode: req.provinceCode, rows: result.rows, teams: result.teams, members, ...counts },
          });
          if (req.isDryRun) throw new DryRunRollback();
        });
      } catch (err) {
        if (!(err instanceof DryRunRollback)) throw err;
      }
      return { ...result, ...counts, ok: true };
    },
  };
}

/** The Mẫu 2 import service's surface. */
export type Mau2ImportService = ReturnType<typeof createMau2ImportService>;
