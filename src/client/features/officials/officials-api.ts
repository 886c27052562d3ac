import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { Official, officialInputSchema } from '../../../shared/schemas/officials.ts';
import { apiFetch } from '../../api.ts';

/** Body of POST /api/org-units/:code/officials (PATCH takes any subset). */
export type OfficialInput = z.input<typeof officialInputSchema>;

/** Query key of a commune's officials. */
export const officialsKey = (structure: Structure, code: string) => ['officials', structure, code] as const;

/** Officials in charge of a commune's teams (CCCD masked). */
export function useOfficials(structure: Structure, code: string) {
  return useQuery({
    queryKey: officialsKey(structure, code),
    queryFn: ({ signal }) =>
      apiFetch<{ items: Official[] }>(`/api/org-units/${encodeURIComponent(code)}/officials`, { query: { structure }, signal }),
  });
}

/** Adds an official to a commune; refreshes the list. */
export function useCreateOfficial(structure: Structure, code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: OfficialInput) =>
      apiFetch<Official>(`/api/org-units/${encodeURIComponent(code)}/officials`, { method: 'POST', query: { structure }, body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: officialsKey(structure, code) }),
  });
}

/** Changes an official's fields (partial); refreshes the list. */
export function useUpdateOfficial(structure: Structure, code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Partial<OfficialInput> }) =>
      apiFetch<Official>(`/api/officials/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: officialsKey(structure, code) }),
  });
}

/** Deletes an official; refreshes the list. */
export function useDeleteOfficial(structure: Structure, code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/api/officials/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: officialsKey(structure, code) }),
  });
}

/** Reveals an official's clear CCCD number (the server writes an audit event). */
export function useRevealOfficialCccd(id: string) {
  return useMutation({
    mutationFn: () =>
      apiFetch<{ cccd: string | null }>(`/api/officials/${encodeURIComponent(id)}/reveal-cccd`, { method: 'POST', body: {} }),
  });
}
