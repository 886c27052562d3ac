import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { genderConfirmSchema, PersonWithoutGender } from '../../../shared/schemas/genders.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { apiFetch } from '../../api.ts';

/** Body of POST /api/people/genders. */
export type GenderConfirm = z.input<typeof genderConfirmSchema>;

const key = (structure: Structure, unit: string) => ['without-gender', structure, unit] as const;

/** Active members under a unit without a recorded gender (the first 500), with proposals. */
export function useWithoutGender(structure: Structure, unit: string, enabled = true) {
  return useQuery({
    queryKey: key(structure, unit),
    queryFn: ({ signal }) =>
      apiFetch<{ items: PersonWithoutGender[]; total: number }>('/api/people/without-gender', {
        query: { unit, structure, limit: 500 },
        signal,
      }),
    enabled,
  });
}

/** Confirms genders in bulk; refreshes the lists and the people shown. */
export function useConfirmGenders() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: GenderConfirm) => apiFetch<{ updated: number }>('/api/people/genders', { method: 'POST', body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['without-gender'] });
      void qc.invalidateQueries({ queryKey: ['person'] });
      void qc.invalidateQueries({ queryKey: ['team'] });
    },
  });
}

/** Link to the page where a unit's members without a gender are confirmed. */
export const gendersHref = (structure: Structure, code: string) => `/genders/${structure}/${encodeURIComponent(code)}`;
