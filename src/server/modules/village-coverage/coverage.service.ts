import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { CoverageRow } from '../../../shared/schemas/coverage.ts';
import type { Db } from '../../db/client.ts';
import { scopeFor, type Actor } from '../../http/context.ts';
import { notFound } from '../../http/errors.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { SettingsService } from '../settings/settings.service.ts';
import { coverageFigures, type CoverageCounts } from './coverage.repo.ts';
import { writeCoverageXlsx } from './coverage.xlsx.ts';

/** A coverage report: the unit's totals and one row per child unit. */
export interface CoverageReport {
  unit: CoverageRow;
  rows: CoverageRow[];
}

/** An export whose unit has been checked and figures computed; writing it cannot 404 any more. */
export interface PreparedCoverageXlsx {
  /** Download name, with the unit code: "do-phu-82.xlsx". */
  filename: string;
  /** Streams the workbook to `out`; resolves once it is complete. */
  write(out: NodeJS.WritableStream): Promise<void>;
}

interface Deps {
  db: Db;
  orgUnits: OrgUnitsService;
  settings: SettingsService;
}

const LEVELS = new Set<CoverageRow['level']>(['province', 'district', 'commune', 'village']);

function levelOf(level: string): CoverageRow['level'] {
  return LEVELS.has(level as CoverageRow['level']) ? (level as CoverageRow['level']) : 'village';
}

function row(code: string, name: string, level: string, counts: CoverageCounts): CoverageRow {
  return { code, name, level: levelOf(level), ...counts };
}

/** Download name of a unit's coverage workbook. */
export function coverageFilename(unitCode: string): string {
  return `do-phu-${unitCode}.xlsx`;
}

/**
 * Coverage of the Tổ CNSCĐ network under a unit (province, legacy district, commune or village):
 * villages with and without an active team, teams, members, and teams needing attention.
 */
export function createCoverageService({ db, orgUnits, settings }: Deps) {
  /** The report of a unit inside the actor's 'unit.read' scope; 404 otherwise. */
  async function get(actor: Actor, structure: Structure, unitCode: string): Promise<CoverageReport> {
    const scope = scopeFor(actor, 'unit.read');
    const unit = await orgUnits.findInScope(structure, unitCode, scope);
    if (!unit) throw notFound(`đơn vị mã ${unitCode}`);
    // A province's own row carries its code as province_code, so this holds at every level.
    const { composition } = await settings.forProvince(structure, unit.provinceCode);
    const figures = await coverageFigures(db, unit, scope, composition);
    return {
      unit: row(unit.code, unit.name, unit.level, figures.total),
      rows: figures.rows.map((r) => row(r.code, r.name, r.level, r)),
    };
  }

  /** Checks the unit and computes the figures now; the workbook is written later. */
  async function prepareXlsx(actor: Actor, structure: Structure, unitCode: string): Promise<PreparedCoverageXlsx> {
    const report = await get(actor, structure, unitCode);
    return {
      filename: coverageFilename(report.unit.code),
      write: (out) => writeCoverageXlsx(report, out),
    };
  }

  return {
    get,
    prepareXlsx,

    /** Streams the report of a unit as an .xlsx workbook to `out` (404 before writing anything). */
    async exportXlsx(actor: Actor, structure: Structure, unitCode: string, out: NodeJS.WritableStream): Promise<void> {
      const prepared = await prepareXlsx(actor, structure, unitCode);
      await prepared.write(out);
    },
  };
}

/** The coverage service's public surface. */
export type CoverageService = ReturnType<typeof createCoverageService>;
