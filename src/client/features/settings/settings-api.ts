import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { ProvinceSettings } from '../../../shared/schemas/settings.ts';
import { apiFetch } from '../../api.ts';

/** Province settings page URL. */
export function settingsHref(structure: Structure, code: string): string {
  return `/provinces/${structure}/${encodeURIComponent(code)}/settings`;
}

const settingsKey = (structure: Structure, code: string) => ['province-settings', structure, code] as const;
const settingsUrl = (code: string) => `/api/provinces/${encodeURIComponent(code)}/settings`;

/** A province's settings (composition rules, department name, Mẫu 1 legal bases). */
export function useProvinceSettings(structure: Structure, code: string) {
  return useQuery({
    queryKey: settingsKey(structure, code),
    queryFn: ({ signal }) => apiFetch<ProvinceSettings>(settingsUrl(code), { query: { structure }, signal }),
  });
}

/** Replaces a province's settings with the whole object (needs 'settings.manage'). */
export function useSaveProvinceSettings(structure: Structure, code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ProvinceSettings) => apiFetch<ProvinceSettings>(settingsUrl(code), { method: 'PUT', query: { structure }, body }),
    onSuccess: (saved) => {
      qc.setQueryData(settingsKey(structure, code), saved);
      // Team warnings depend on the composition rules.
      void qc.invalidateQueries({ queryKey: ['teams'] });
      void qc.invalidateQueries({ queryKey: ['team'] });
    },
  });
}
