import { formatVnd } from '../../../shared/money.ts';
import { capitaliseNumberedUnits, unitInText } from '../../../shared/unit-names.ts';
import type { FundingScheme } from '../../../shared/schemas/budgets.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/context.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { TeamsService } from '../teams/teams.service.ts';
import type { Ledger } from './budgets.ledger.ts';
import type { BudgetAccess } from './budgets.policy.ts';
import { findSettlement, listExpenseFiles, listExpenses, listSettlementFiles } from './budgets.repo.ts';
import { renderSettlementDocx, type SettlementStatementModel } from './settlement.docx.ts';

interface Deps {
  db: Db;
  clock: () => Date;
  orgUnits: OrgUnitsService;
  teams: TeamsService;
  ledger: Ledger;
  access: BudgetAccess;
}

const TEAM_PREFIX = 'Tổ công nghệ số cộng đồng';

/** "10.000.000 đ/tổ/năm", "500.000 đ/tổ/tháng × 12 tháng", "100.000 đ/thành viên/tháng × 12 tháng × 8 thành viên". */
export function rateLine(scheme: FundingScheme, members: number): string {
  if (!scheme.isSet) return 'tỉnh chưa quy định';
  if (scheme.kind === 'per_team_year') return `${formatVnd(scheme.amount)}/tổ/năm`;
  if (scheme.kind === 'per_team_month') return `${formatVnd(scheme.amount)}/tổ/tháng × ${scheme.months} tháng`;
  return `${formatVnd(scheme.amount)}/thành viên/tháng × ${scheme.months} tháng × ${members} thành viên`;
}

/** The Word settlement statement of a team for a year, built from live data (frozen figures once accepted). */
export function createStatementService({ db, clock, orgUnits, teams, ledger, access }: Deps) {
  return {
    async statementDocx(actor: Actor, teamId: string, year: number): Promise<{ docx: Buffer; fileName: string }> {
      const team = await access.readable(actor, teamId);
      const structure = team.structure as Structure;
      const [commune, figures, rows, dossier, detail] = await Promise.all([
        orgUnits.findInScope(structure, team.communeCode, 'all'),
        ledger.figures([team], year).then((m) => m.get(team.id)!),
        listExpenses(db, teamId, year),
        findSettlement(db, teamId, year),
        teams.detail(actor, teamId).catch(() => null),
      ]);
      const receipts = await listExpenseFiles(
        db,
        rows.map((r) => r.id),
      );
      const docs = dossier ? await listSettlementFiles(db, dossier.id) : [];
      const communeName = commune?.name ?? team.communeCode;
      const teamName = capitaliseNumberedUnits(team.name);
      const agencyName = teamName.startsWith(TEAM_PREFIX) ? teamName.slice(TEAM_PREFIX.length).trim() : '';
      const model: SettlementStatementModel = {
        parentAgency: `UBND ${communeName}`,
        agencyLines: agencyName ? [TEAM_PREFIX, agencyName] : [teamName],
        place: commune && !/^\d/.test(commune.shortName) ? commune.shortName : communeName,
        date: dossier?.submittedAt ?? clock(),
        year,
        teamName,
        communeName: unitInText(communeName),
        rateLine: rateLine(figures.scheme, figures.members),
        allocated: figures.allocated,
        spent: figures.spent,
        balance: figures.balance,
        expenses: rows.map((r) => ({
          spentOn: r.spentOn,
          purpose: r.purpose,
          amount: r.amount,
          receipts: receipts.filter((f) => f.expenseId === r.id).length,
        })),
        documents: figures.scheme.checklist.map((c) => ({
          label: c.label,
          isIncluded: (dossier?.checked ?? []).includes(c.code) || docs.some((d) => d.checklistCode === c.code),
        })),
        note: dossier?.note ?? '',
        leaderName: detail?.members.find((m) => m.role === 'leader')?.person.fullName ?? null,
        communeAgency: `Ủy ban nhân dân ${unitInText(communeName)}`,
      };
      return { docx: await renderSettlementDocx(model), fileName: `quyet-toan-kinh-phi-${year}-${teamId.slice(0, 8)}.docx` };
    },
  };
}

/** The statement service's surface. */
export type StatementService = ReturnType<typeof createStatementService>;
