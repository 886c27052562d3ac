import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Compliance,
  DirectiveDetail,
  DirectiveFile,
  DirectiveSummary,
  MyTask,
  directiveCreateSchema,
} from '../../../shared/schemas/directives.ts';
import { apiFetch } from '../../api.ts';
import { postFile } from '../../post-file.ts';

/** Body of POST /api/directives. */
export type DirectiveCreate = z.input<typeof directiveCreateSchema>;
/** Filters of the list. */
export interface DirectiveFilters {
  q?: string;
  status?: 'open' | 'overdue' | 'done';
  role?: 'issuer' | 'recipient';
  offset?: number;
}

/** GET /api/directives: issued and received letters in the caller's scope. */
export function useDirectives(filters: DirectiveFilters) {
  return useQuery({
    queryKey: ['directives', filters],
    queryFn: ({ signal }) =>
      apiFetch<{ items: DirectiveSummary[]; total: number }>('/api/directives', { query: { ...filters, limit: 20 }, signal }),
  });
}

/** GET /api/directives/:id (opening it as a recipient is recorded by the server). */
export function useDirective(id: string) {
  return useQuery({
    queryKey: ['directives', 'one', id],
    queryFn: ({ signal }) => apiFetch<DirectiveDetail>(`/api/directives/${id}`, { signal }),
  });
}

/** POST /api/directives/:id/open: the recipient has opened the letter (recorded once per unit). */
export function useOpenDirective(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<DirectiveDetail>(`/api/directives/${id}/open`, { method: 'POST' }),
    onSuccess: (detail) => qc.setQueryData(['directives', 'one', id], detail),
  });
}

/** GET /api/directives/:id/compliance. */
export function useCompliance(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['directives', 'compliance', id],
    queryFn: ({ signal }) => apiFetch<Compliance>(`/api/directives/${id}/compliance`, { signal }),
    enabled,
  });
}

/** GET /api/my-tasks. */
export function useMyTasks(enabled: boolean) {
  return useQuery({
    queryKey: ['directives', 'my-tasks'],
    queryFn: ({ signal }) => apiFetch<{ today: string; items: MyTask[] }>('/api/my-tasks', { signal }),
    enabled,
  });
}

/** Records a directive, then uploads its signed PDF when one is chosen. */
export function useCreateDirective() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, pdf }: { body: DirectiveCreate; pdf: File | null }) => {
      const created = await apiFetch<DirectiveDetail>('/api/directives', { method: 'POST', body });
      if (pdf) await postFile(`/api/directives/${created.id}/signed-file`, undefined, pdf, 'PUT');
      return created;
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['directives'] }),
  });
}

/** Marks a task done for the caller's unit, after uploading the chosen attachments. */
export function useMarkDone() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ taskId, note, answer, files }: { taskId: string; note: string; answer: boolean | null; files: File[] }) => {
      for (const file of files) await postFile<DirectiveFile>(`/api/directive-tasks/${taskId}/files`, undefined, file);
      return apiFetch<MyTask>(`/api/directive-tasks/${taskId}/responses`, { method: 'POST', body: { note, answer } });
    },
    onSettled: () => qc.invalidateQueries({ queryKey: ['directives'] }),
  });
}

/** Reopens a task marked done. */
export function useReopen() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (taskId: string) => apiFetch<MyTask>(`/api/directive-tasks/${taskId}/responses`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['directives'] }),
  });
}
