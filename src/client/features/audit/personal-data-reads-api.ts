import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { PersonalDataRead } from '../../../shared/schemas/audit.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { apiFetch } from '../../api.ts';

/** Page size of the reads table. */
export const READS_PAGE_SIZE = 50;

/** Page `/units/:structure/:code/personal-data-reads`. */
export function personalDataReadsHref(structure: Structure, code: string): string {
  return `/units/${structure}/${encodeURIComponent(code)}/personal-data-reads`;
}

/** One page of the audited reads of personal data on a unit and below it, newest first. */
export function usePersonalDataReads(structure: Structure, code: string, offset: number) {
  return useQuery({
    queryKey: ['personal-data-reads', structure, code, offset],
    queryFn: ({ signal }) =>
      apiFetch<{ items: PersonalDataRead[]; total: number }>(`/api/org-units/${encodeURIComponent(code)}/personal-data-reads`, {
        query: { structure, limit: READS_PAGE_SIZE, offset },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}
