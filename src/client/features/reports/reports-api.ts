import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ReportDefinition, ReportInstance, reportDefinitionInputSchema, ReportStatusMatrix } from '../../../shared/schemas/reports.ts';
import { apiFetch } from '../../api.ts';

/** Body of POST /api/report-definitions. */
export type ReportDefinitionInput = z.input<typeof reportDefinitionInputSchema>;

/** GET /api/report-definitions: definitions that concern the caller's units. */
export function useReportDefinitions(structure: string) {
  return useQuery({
    queryKey: ['reports', 'definitions', structure],
    queryFn: ({ signal }) => apiFetch<{ items: ReportDefinition[] }>('/api/report-definitions', { query: { structure }, signal }),
  });
}

/** POST /api/report-definitions. */
export function useCreateReportDefinition() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ReportDefinitionInput) => apiFetch<ReportDefinition>('/api/report-definitions', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['reports', 'definitions'] }),
  });
}

/** GET /api/reports: the unit's reports for a period; those not opened yet have no id. */
export function useUnitReports(structure: string, unit: string | null, period?: string) {
  return useQuery({
    queryKey: ['reports', 'unit', structure, unit, period ?? ''],
    queryFn: ({ signal }) => apiFetch<{ items: ReportInstance[] }>('/api/reports', { query: { structure, unit, period }, signal }),
    enabled: unit !== null,
  });
}

/** POST /api/reports: opens (creates the draft of) a report the unit has not opened yet. */
export function useOpenReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (r: Pick<ReportInstance, 'definitionId' | 'unitCode' | 'structure' | 'period'>) =>
      apiFetch<ReportInstance>('/api/reports', {
        method: 'POST',
        body: { definitionId: r.definitionId, unit: r.unitCode, structure: r.structure, period: r.period },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['reports', 'unit'] }),
  });
}

/** GET /api/report-instances/:id. */
export function useReportInstance(id: string) {
  return useQuery({
    queryKey: ['reports', 'instance', id],
    queryFn: ({ signal }) => apiFetch<ReportInstance>(`/api/report-instances/${id}`, { signal }),
  });
}

/** PATCH, submit, return and approve of one instance. */
export function useReportActions(id: string) {
  const qc = useQueryClient();
  const done = (data: ReportInstance) => {
    qc.setQueryData(['reports', 'instance', id], data);
    void qc.invalidateQueries({ queryKey: ['reports', 'status'] });
  };
  const url = `/api/report-instances/${id}`;
  return {
    save: useMutation({
      mutationFn: (sections: Record<string, string>) => apiFetch<ReportInstance>(url, { method: 'PATCH', body: { sections } }),
      onSuccess: done,
    }),
    submit: useMutation({ mutationFn: () => apiFetch<ReportInstance>(`${url}/submit`, { method: 'POST' }), onSuccess: done }),
    giveBack: useMutation({
      mutationFn: (comment: string) => apiFetch<ReportInstance>(`${url}/return`, { method: 'POST', body: { comment } }),
      onSuccess: done,
    }),
    approve: useMutation({ mutationFn: () => apiFetch<ReportInstance>(`${url}/approve`, { method: 'POST' }), onSuccess: done }),
    reopen: useMutation({
      mutationFn: (reason: string) => apiFetch<ReportInstance>(`${url}/reopen`, { method: 'POST', body: { reason } }),
      onSuccess: done,
    }),
  };
}

/** GET /api/report-definitions/:id/status. */
export function useReportStatus(id: string, period?: string) {
  return useQuery({
    queryKey: ['reports', 'status', id, period ?? ''],
    queryFn: ({ signal }) => apiFetch<ReportStatusMatrix>(`/api/report-definitions/${id}/status`, { query: { period }, signal }),
  });
}
