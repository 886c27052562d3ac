import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { duplicateListSchema, personDetailSchema, personMatchesSchema } from '../../../shared/schemas/teams.ts';
import { apiFetch } from '../../api.ts';

/** The "Có thể trùng" groups of a commune. */
export type DuplicateList = z.infer<typeof duplicateListSchema>;
/** Who a member typed into a team's form may already be. */
export type PersonMatches = z.infer<typeof personMatchesSchema>;

/** Where a commune's possible duplicates are listed. */
export function duplicatesHref(structure: Structure, code: string): string {
  return `/people/duplicates/${structure}/${encodeURIComponent(code)}`;
}

/** The possible duplicates among a commune's people. */
export function useDuplicates(structure: Structure, unit: string) {
  return useQuery({
    queryKey: ['duplicates', structure, unit],
    queryFn: ({ signal }) => apiFetch<DuplicateList>('/api/people/duplicates', { query: { unit, structure }, signal }),
  });
}

/** Merges `from` into `keep`; refreshes the lists that showed either. */
export function useMergePeople() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ keep, from }: { keep: string; from: string }) =>
      apiFetch<z.infer<typeof personDetailSchema>>(`/api/people/${encodeURIComponent(keep)}/merge`, { method: 'POST', body: { from } }),
    onSuccess: () => {
      for (const key of ['duplicates', 'person', 'team', 'teams', 'coverage']) void qc.invalidateQueries({ queryKey: [key] });
    },
  });
}

/** Who the name, phone and birth year typed for a new member of `teamId` may already be (after a pause in typing). */
export function usePersonMatches(teamId: string, typed: { phone: string; fullName: string; birthYear: string }) {
  const query = {
    phone: typed.phone.trim() || undefined,
    fullName: typed.fullName.trim() || undefined,
    birthYear: typed.birthYear.trim() || undefined,
  };
  const isWorthAsking = Boolean(
    (query.phone && query.phone.replace(/\D/g, '').length >= 9) || (query.fullName && query.fullName.length >= 4),
  );
  return useQuery({
    queryKey: ['person-matches', teamId, query],
    queryFn: ({ signal }) => apiFetch<PersonMatches>(`/api/teams/${encodeURIComponent(teamId)}/person-matches`, { query, signal }),
    enabled: isWorthAsking,
    retry: false,
    staleTime: 30_000,
  });
}
