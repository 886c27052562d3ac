import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Level, OrgUnit, Structure } from '../../../shared/schemas/org-units.ts';
import { STRUCTURES } from '../../../shared/structures.ts';
import { apiFetch } from '../../api.ts';

/** `{ items, total }` page of org units. */
export interface OrgUnitList {
  items: OrgUnit[];
  total: number;
}
/** A unit with its ancestors (root first) and number of children. */
export type OrgUnitDetail = OrgUnit & { ancestors: OrgUnit[]; childCount: number };
/** A successor of a legacy unit in the current structure. */
export interface Successor {
  code: string;
  name: string;
  structure: Structure;
  provinceCode: string;
  isPartial: boolean;
}
/** Village fields a manager may change. */
export interface VillagePatch {
  name?: string;
  type?: string;
  isRetired?: boolean;
}

/** Narrows a URL segment to a structure. */
export function isStructure(value: string | null | undefined): value is Structure {
  return (STRUCTURES as readonly string[]).includes(value ?? '');
}

/** Full-text search of official units (diacritics optional); disabled for an empty query. */
export function useUnitSearch(structure: Structure, q: string, level?: Level) {
  return useQuery({
    queryKey: ['org-units', 'search', structure, q, level ?? null],
    queryFn: ({ signal }) => apiFetch<OrgUnitList>('/api/org-units', { query: { structure, q, level, limit: 50 }, signal }),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}

/** Official units of one level (e.g. all provinces). */
export function useUnitsByLevel(structure: Structure, level: Level) {
  return useQuery({
    queryKey: ['org-units', 'level', structure, level],
    queryFn: ({ signal }) => apiFetch<OrgUnitList>('/api/org-units', { query: { structure, level, limit: 500 }, signal }),
    staleTime: 10 * 60_000,
  });
}

/** One unit with its ancestors (not fetched while `enabled` is false). */
export function useUnit(structure: Structure, code: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['org-unit', structure, code],
    queryFn: ({ signal }) => apiFetch<OrgUnitDetail>(`/api/org-units/${encodeURIComponent(code)}`, { query: { structure }, signal }),
  });
}

/** Direct official children of a unit. */
export function useChildren(structure: Structure, code: string, enabled: boolean) {
  return useQuery({
    queryKey: ['org-unit', structure, code, 'children'],
    queryFn: ({ signal }) => apiFetch<OrgUnitList>(`/api/org-units/${encodeURIComponent(code)}/children`, { query: { structure }, signal }),
    enabled,
  });
}

/** Successors (in the current structure) of a legacy unit. */
export function useSuccessors(code: string, enabled: boolean) {
  return useQuery({
    queryKey: ['org-unit', 'legacy', code, 'successors'],
    queryFn: ({ signal }) =>
      apiFetch<{ unit: OrgUnit; items: Successor[] }>(`/api/org-units/${encodeURIComponent(code)}/successors`, {
        query: { structure: 'legacy' },
        signal,
      }),
    enabled,
  });
}

const villagesKey = (structure: Structure, code: string) => ['villages', structure, code] as const;

/** Villages of a commune, retired ones included; needs a session (no global redirect on 401). */
export function useVillages(structure: Structure, code: string, enabled: boolean) {
  return useQuery({
    queryKey: villagesKey(structure, code),
    queryFn: ({ signal }) =>
      apiFetch<OrgUnitList>(`/api/org-units/${encodeURIComponent(code)}/villages`, {
        query: { structure, includeRetired: true },
        quiet: true,
        signal,
      }),
    enabled,
  });
}

/** Creates a village under a commune. */
export function useCreateVillage(structure: Structure, communeCode: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { type: string; name: string }) =>
      apiFetch<OrgUnit>(`/api/org-units/${encodeURIComponent(communeCode)}/villages`, {
        method: 'POST',
        query: { structure },
        body,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: villagesKey(structure, communeCode) }),
  });
}

/** Renames, retypes, retires or restores a village. */
export function useUpdateVillage(structure: Structure, communeCode: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ code, patch }: { code: string; patch: VillagePatch }) =>
      apiFetch<OrgUnit>(`/api/villages/${encodeURIComponent(code)}`, { method: 'PATCH', query: { structure }, body: patch }),
    onSuccess: () => qc.invalidateQueries({ queryKey: villagesKey(structure, communeCode) }),
  });
}
