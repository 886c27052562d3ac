import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { User } from '../../../shared/schemas/accounts.ts';
import type {
  BudgetList,
  Expense,
  FundingScheme,
  Settlement,
  TeamBudget,
  fundingSchemeInputSchema,
} from '../../../shared/schemas/budgets.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { apiFetch } from '../../api.ts';
import { postFile } from '../../post-file.ts';
import { homeUnit } from '../activities/links.ts';
import { userCan } from '../auth/session.ts';

/** Body of PUT /api/provinces/:code/funding/:year. */
export type FundingSchemeInput = z.input<typeof fundingSchemeInputSchema>;

/** Budgets page of a unit, optionally for a year. */
export function budgetsHref(structure: Structure, code: string, year?: number): string {
  const path = `/budgets/${structure}/${encodeURIComponent(code)}`;
  return year === undefined ? path : `${path}?year=${year}`;
}

/** A team's budget page for a year. */
export function teamBudgetHref(teamId: string, year: number): string {
  return `/budgets/teams/${teamId}?year=${year}`;
}

/** Nav target of "Kinh phí": the user's unit, or the unit chooser. */
export function budgetsHome(user: User | null | undefined): string {
  const unit = homeUnit(user);
  return unit ? budgetsHref(unit.structure, unit.code) : '/budgets';
}

/** True when the user sees budgets at all (province, district, commune, team leader). */
export function canSeeBudgets(user: User | null | undefined): boolean {
  return userCan(user, 'budget.manage') || userCan(user, 'budget.spend') || userCan(user, 'team.manage');
}

/** Teams × allocated/spent/balance under a unit. */
export function useBudgets(structure: Structure, unit: string, year: number) {
  return useQuery({
    queryKey: ['budgets', structure, unit, year],
    queryFn: ({ signal }) => apiFetch<BudgetList>('/api/budgets', { query: { unit, year, structure }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** One team's budget, expenses and dossier. */
export function useTeamBudget(teamId: string, year: number) {
  return useQuery({
    queryKey: ['budgets', 'team', teamId, year],
    queryFn: ({ signal }) => apiFetch<TeamBudget>(`/api/teams/${teamId}/budget`, { query: { year }, signal }),
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['budgets'] });
}

/** Sets a province's funding scheme. */
export function useSaveScheme(structure: Structure, province: string, year: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: FundingSchemeInput) =>
      apiFetch<FundingScheme>(`/api/provinces/${encodeURIComponent(province)}/funding/${year}`, {
        method: 'PUT',
        query: { structure },
        body,
      }),
    onSuccess: invalidate,
  });
}

/** Expense mutations of a team. */
export function useExpenseActions(teamId: string) {
  const invalidate = useInvalidate();
  const options = { onSuccess: invalidate };
  return {
    create: useMutation({
      mutationFn: (body: { spentOn: string; purpose: string; amount: number }) =>
        apiFetch<Expense>(`/api/teams/${teamId}/expenses`, { method: 'POST', body }),
      ...options,
    }),
    remove: useMutation({ mutationFn: (id: string) => apiFetch<void>(`/api/expenses/${id}`, { method: 'DELETE' }), ...options }),
    receipt: useMutation({
      mutationFn: ({ id, file }: { id: string; file: File }) => postFile<Expense>(`/api/expenses/${id}/receipts`, undefined, file),
      ...options,
    }),
  };
}

/** Dossier mutations of a team for a year. */
export function useSettlementActions(teamId: string, year: number) {
  const invalidate = useInvalidate();
  const options = { onSuccess: invalidate };
  const save = (body: { checked?: string[]; note?: string }) =>
    apiFetch<Settlement>(`/api/teams/${teamId}/settlement`, { method: 'PATCH', query: { year }, body });
  /** The dossier's id, saving the draft as it stands first when it was never saved (a PATCH names at least one field). */
  const idOf = async (s: Settlement) => s.id ?? (await save({ checked: s.checklist.filter((c) => c.isChecked).map((c) => c.code) })).id!;
  return {
    save: useMutation({ mutationFn: save, ...options }),
    file: useMutation({
      mutationFn: async ({ settlement, code, file }: { settlement: Settlement; code: string; file: File }) =>
        postFile<Settlement>(`/api/settlements/${await idOf(settlement)}/files`, { code }, file),
      ...options,
    }),
    submit: useMutation({
      mutationFn: async (s: Settlement) => apiFetch<Settlement>(`/api/settlements/${await idOf(s)}/submit`, { method: 'POST' }),
      ...options,
    }),
    sendBack: useMutation({
      mutationFn: ({ id, comment }: { id: string; comment: string }) =>
        apiFetch<Settlement>(`/api/settlements/${id}/return`, { method: 'POST', body: { comment } }),
      ...options,
    }),
    accept: useMutation({
      mutationFn: (id: string) => apiFetch<Settlement>(`/api/settlements/${id}/accept`, { method: 'POST' }),
      ...options,
    }),
    idOf,
  };
}
