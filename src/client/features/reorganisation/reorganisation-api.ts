import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CommuneReestablishmentDetail,
  reestablishmentListSchema,
  teamDissolveSchema,
  teamMergeSchema,
  teamMoveSchema,
  villageLineageListSchema,
  villageLineageSchema,
} from '../../../shared/schemas/reorganisation.ts';
import { apiFetch } from '../../api.ts';

/** The communes of a province (or one commune) with their re-establishment status. */
export type ReestablishmentList = z.infer<typeof reestablishmentListSchema>;
/** Declared village lineage of a commune. */
export type VillageLineageList = z.infer<typeof villageLineageListSchema>;

const detailKey = (code: string) => ['reorganisation', 'commune', code] as const;

/** Page URL of the re-establishment of a current province or commune. */
export function reorganisationHref(code: string): string {
  return `/reorganisation/${encodeURIComponent(code)}`;
}

/** The province table (or one commune's row). */
export function useReestablishmentList(unit: string, enabled = true) {
  return useQuery({
    queryKey: ['reorganisation', 'list', unit],
    queryFn: ({ signal }) => apiFetch<ReestablishmentList>('/api/reorganisation', { query: { unit }, signal }),
    enabled,
  });
}

/** The page of one current commune: predecessors, their teams and villages, what was done. */
export function useCommuneReestablishment(code: string, enabled = true) {
  return useQuery({
    queryKey: detailKey(code),
    queryFn: ({ signal }) => apiFetch<CommuneReestablishmentDetail>(`/api/reorganisation/communes/${encodeURIComponent(code)}`, { signal }),
    enabled,
  });
}

/** Declared village lineage of a commune. */
export function useVillageLineage(code: string) {
  return useQuery({
    queryKey: ['reorganisation', 'lineage', code],
    queryFn: ({ signal }) => apiFetch<VillageLineageList>(`/api/org-units/${encodeURIComponent(code)}/village-successors`, { signal }),
  });
}

/** A mutation that refreshes everything the re-establishment touches. */
function useReorganisationMutation<V>(request: (vars: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => {
      for (const key of ['reorganisation', 'teams', 'team', 'coverage', 'org-unit']) void qc.invalidateQueries({ queryKey: [key] });
    },
  });
}

/** Moves a team into a village (or the commune) of the current structure. */
export function useMoveTeam() {
  return useReorganisationMutation(({ teamId, body }: { teamId: string; body: z.input<typeof teamMoveSchema> }) =>
    apiFetch(`/api/teams/${encodeURIComponent(teamId)}/move`, { method: 'POST', body }),
  );
}

/** Merges teams into the team kept. */
export function useMergeTeams() {
  return useReorganisationMutation(({ intoId, body }: { intoId: string; body: z.input<typeof teamMergeSchema> }) =>
    apiFetch(`/api/teams/${encodeURIComponent(intoId)}/merge`, { method: 'POST', body }),
  );
}

/** Dissolves a team with a date and a reason. */
export function useDissolveTeam() {
  return useReorganisationMutation(({ teamId, body }: { teamId: string; body: z.input<typeof teamDissolveSchema> }) =>
    apiFetch(`/api/teams/${encodeURIComponent(teamId)}/dissolve`, { method: 'POST', body }),
  );
}

/** Declares how villages became villages of the commune. */
export function useDeclareLineage(code: string) {
  return useReorganisationMutation((body: z.input<typeof villageLineageSchema>) =>
    apiFetch(`/api/org-units/${encodeURIComponent(code)}/village-successors`, { method: 'POST', body }),
  );
}
