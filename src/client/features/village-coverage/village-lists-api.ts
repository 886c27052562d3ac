import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { VillageListImportResult } from '../../../shared/schemas/imports.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { apiFetch } from '../../api.ts';
import { postFile } from '../../post-file.ts';

/** Loads a village list (a dry run checks it and saves nothing). */
export function uploadVillageList(
  params: { structure: Structure; unit: string; dryRun: boolean },
  file: File,
): Promise<VillageListImportResult> {
  return postFile<VillageListImportResult>('/api/imports/villages', { ...params, dryRun: String(params.dryRun) }, file);
}

/** The commune declares its village list complete; coverage and the village list refresh. */
export function useDeclareVillageList(structure: Structure, commune: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiFetch<{ communeCode: string; declaredAt: string }>(`/api/org-units/${encodeURIComponent(commune)}/village-list/declare`, {
        method: 'POST',
        query: { structure },
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['coverage'] }),
  });
}
