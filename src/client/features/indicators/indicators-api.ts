import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Indicator, indicatorCreateSchema, indicatorUpdateSchema } from '../../../shared/schemas/activities.ts';
import { apiFetch } from '../../api.ts';

/** Body of POST /api/provinces/:code/indicators. */
export type IndicatorCreate = z.input<typeof indicatorCreateSchema>;
/** Body of PATCH /api/indicators/:id. */
export type IndicatorUpdate = z.input<typeof indicatorUpdateSchema>;

const indicatorsKey = (province: string | null, includeRetired: boolean) => ['indicators', province, includeRetired] as const;

/** National indicators plus the province's own (null: the caller's province); retired ones only when asked. */
export function useIndicators(province: string | null, includeRetired = false, enabled = true) {
  return useQuery({
    queryKey: indicatorsKey(province, includeRetired),
    queryFn: ({ signal }) =>
      apiFetch<{ items: Indicator[] }>('/api/indicators', {
        query: { province: province ?? undefined, includeRetired: includeRetired ? 'true' : undefined },
        signal,
      }),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** Adds an indicator of the province. */
export function useCreateIndicator(province: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: IndicatorCreate) =>
      apiFetch<Indicator>(`/api/provinces/${encodeURIComponent(province)}/indicators`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['indicators'] }),
  });
}

/** Renames, re-classifies, retires or restores a province indicator. */
export function useUpdateIndicator() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: IndicatorUpdate }) =>
      apiFetch<Indicator>(`/api/indicators/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['indicators'] }),
  });
}
