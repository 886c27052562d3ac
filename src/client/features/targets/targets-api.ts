import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { User } from '../../../shared/schemas/accounts.ts';
import type { targetsSchema, targetsUpdateSchema, targetYearSchema } from '../../../shared/schemas/activities.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { TargetsImportResult } from '../../../shared/schemas/targets.ts';
import { ROLE_UNIT_LEVEL, roleCan } from '../../../shared/permissions.ts';
import { apiFetch, buildUrl } from '../../api.ts';
import { postFile } from '../../post-file.ts';
import { homeUnit } from '../activities/links.ts';

/** Targets of a unit's teams and communes. */
export type Targets = z.infer<typeof targetsSchema>;
/** A year's deadlines. */
export type TargetYear = z.infer<typeof targetYearSchema>;
/** Body of PUT /api/targets. */
export type TargetsUpdate = z.input<typeof targetsUpdateSchema>;

/** Targets page URL of a unit, optionally for a year. */
export function targetsHref(structure: Structure, code: string, year?: number): string {
  const path = `/targets/${structure}/${encodeURIComponent(code)}`;
  return year === undefined ? path : `${path}?year=${year}`;
}

/** Nav target of "Chỉ tiêu": the user's unit, or the unit chooser. */
export function targetsHome(user: User | null | undefined): string {
  const unit = homeUnit(user);
  return unit ? targetsHref(unit.structure, unit.code) : '/targets';
}

/** True when the user may set targets (of teams; the server checks the unit). */
export function canSetTargets(user: User | null | undefined): boolean {
  return Boolean(user?.assignments.some((a) => roleCan(a.role, 'target.manage')));
}

/** True when the user sets targets from the province (or nationally): commune targets and deadlines. */
export function canSetProvinceTargets(user: User | null | undefined): boolean {
  return Boolean(
    user?.assignments.some((a) => roleCan(a.role, 'target.manage') && (a.unitCode === null || ROLE_UNIT_LEVEL[a.role] === 'province')),
  );
}

const targetsKey = (structure: Structure, unit: string, year: number) => ['targets', structure, unit, year] as const;

/** Targets of the teams and communes under a unit for a year. */
export function useTargets(structure: Structure, unit: string, year: number) {
  return useQuery({
    queryKey: targetsKey(structure, unit, year),
    queryFn: ({ signal }) => apiFetch<Targets>('/api/targets', { query: { unit, year, structure }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Refreshes what depends on targets: the targets themselves and progress. */
function useInvalidateTargets() {
  const qc = useQueryClient();
  // Returned so the mutation settles once the new values are loaded (no flash of the old ones).
  return () => Promise.all([qc.invalidateQueries({ queryKey: ['targets'] }), qc.invalidateQueries({ queryKey: ['progress'] })]);
}

/** Sets or removes targets, all or nothing. */
export function useSaveTargets() {
  const invalidate = useInvalidateTargets();
  return useMutation({
    mutationFn: (body: TargetsUpdate) => apiFetch<{ updated: number }>('/api/targets', { method: 'PUT', body }),
    onSuccess: invalidate,
  });
}

/** Sets a province's deadlines for a year. */
export function useSaveTargetYear(structure: Structure, province: string, year: number) {
  const invalidate = useInvalidateTargets();
  return useMutation({
    mutationFn: (body: { completionDeadline: string; reportDeadline: string }) =>
      apiFetch<TargetYear>(`/api/provinces/${encodeURIComponent(province)}/years/${year}`, { method: 'PUT', query: { structure }, body }),
    onSuccess: invalidate,
  });
}

/** Download URL of the Excel appendix. */
export function appendixUrl(structure: Structure, unit: string, year: number): string {
  return buildUrl('/api/exports/targets', { unit, year, structure });
}

/** Uploads a filled-in appendix; a dry run checks it and saves nothing. */
export function uploadAppendix(
  params: { structure: Structure; unit: string; year: number; dryRun: boolean },
  file: File,
): Promise<TargetsImportResult> {
  return postFile<TargetsImportResult>('/api/imports/targets', { ...params, dryRun: String(params.dryRun) }, file);
}
