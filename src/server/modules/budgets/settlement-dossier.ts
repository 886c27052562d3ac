import type { FundingScheme, Settlement, SettlementStatus } from '../../../shared/schemas/budgets.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { Db, Tx } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import type { Actor } from '../../http/context.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { TeamWithUnit } from '../teams/teams.repo.ts';
import { toBudgetFileDto } from './budget-files.ts';
import { canReadBudgets, type BudgetAccess } from './budgets.policy.ts';
import { findSettlement, findSettlementById, listSettlementFiles, lockSettlement, type SettlementRow } from './budgets.repo.ts';
import { deadlineFlags, isOpen } from './budgets.rules.ts';
import type { FundingService } from './funding.service.ts';

/** The words for a dossier's status in messages. */
export const STATUS_WORDS: Record<SettlementStatus, string> = {
  draft: 'đang lập',
  submitted: 'đã nộp',
  returned: 'bị trả lại',
  accepted: 'đã được duyệt',
};

/** Locks a dossier the request has found and checks it may still be changed. */
export async function openForTeam(tx: Tx, dossier: Pick<SettlementRow, 'teamId' | 'year'>): Promise<SettlementRow> {
  const locked = (await lockSettlement(tx, dossier.teamId, dossier.year))!;
  if (!isOpen(locked.status as SettlementStatus)) {
    throw new AppError(
      'CONFLICT',
      `Hồ sơ quyết toán năm ${locked.year} ${STATUS_WORDS[locked.status as SettlementStatus]}: không sửa được nữa.`,
    );
  }
  return locked;
}

/** Refuses changes to a year whose dossier is submitted or accepted (the dossier row is locked meanwhile). */
export async function assertYearOpen(tx: Tx, teamId: string, year: number) {
  const dossier = await lockSettlement(tx, teamId, year);
  if (dossier && !isOpen(dossier.status as 'draft')) {
    const state = dossier.status === 'accepted' ? 'đã được duyệt' : 'đã nộp';
    throw new AppError('CONFLICT', `Hồ sơ quyết toán năm ${year} ${state}: không thêm, sửa hay xóa khoản chi được nữa.`);
  }
}

/** Reading settlement dossiers as the API shows them: by team and year, or by id for an actor who may read the team's budget. */
export function createSettlementReader({
  db,
  clock,
  orgUnits,
  funding,
  access,
}: {
  db: Db;
  clock: () => Date;
  orgUnits: OrgUnitsService;
  funding: FundingService;
  access: BudgetAccess;
}) {
  async function communeName(team: { structure: string; communeCode: string }) {
    return (await orgUnits.findInScope(team.structure as Structure, team.communeCode, 'all'))?.name ?? team.communeCode;
  }

  /** The dossier as the API shows it to this actor; a team without one gets an unsaved draft. */
  async function toDto(
    actor: Actor,
    team: TeamWithUnit,
    year: number,
    row: SettlementRow | null,
    scheme?: FundingScheme,
  ): Promise<Settlement> {
    const s = scheme ?? (await funding.schemeOf(team.structure, team.provinceCode, year));
    const status = (row?.status ?? 'draft') as SettlementStatus;
    const files = row ? (await listSettlementFiles(db, row.id)).map(toBudgetFileDto) : [];
    const checked = row?.checked ?? [];
    return {
      id: row?.id ?? null,
      teamId: team.id,
      teamName: team.name,
      communeName: await communeName(team),
      year,
      status,
      checked,
      note: row?.note ?? '',
      deadline: s.settlementDeadline,
      submittedAt: row?.submittedAt?.toISOString() ?? null,
      reviewedAt: row?.reviewedAt?.toISOString() ?? null,
      reviewComment: row?.reviewComment ?? null,
      ...deadlineFlags(status, row?.submittedAt ?? null, s.settlementDeadline, clock()),
      isLocked: status === 'accepted',
      acceptedFigures: row?.acceptedFigures ?? null,
      checklist: s.checklist.map((item) => ({
        ...item,
        isChecked: checked.includes(item.code),
        files: files.filter((f) => f.checklistCode === item.code),
      })),
      canEdit: isOpen(status) && (await access.canSpend(actor, team)),
      canReview: status === 'submitted' && access.canReview(actor, team.unitPath),
    };
  }

  /** A dossier by id with its team, for an actor who may read the team's budget. */
  async function visible(actor: Actor, id: string) {
    if (!canReadBudgets(actor)) throw forbidden();
    const row = await findSettlementById(db, id, await access.reach(actor));
    if (!row) throw notFound('hồ sơ quyết toán này');
    return { row, team: await access.readable(actor, row.teamId) };
  }

  async function get(actor: Actor, teamId: string, year: number): Promise<Settlement> {
    const team = await access.readable(actor, teamId);
    return toDto(actor, team, year, await findSettlement(db, teamId, year));
  }

  return { toDto, visible, get };
}

/** Reads settlement dossiers. */
export type SettlementReader = ReturnType<typeof createSettlementReader>;
