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
import { ApiError, apiFetch } from '../../api.ts';

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
    queryFn: ({ signal }) => apiFetch<{ items: DirectiveSummary[]; total: number }>('/api/directives', { query: { ...filters, limit: 20 }, signal }),
  });
}

/** GET /api/directives/:id (opening it as a recipient is recorded by the server). */
export function useDirective(id: string) {
  return useQuery({ queryKey: ['directives', 'one', id], queryFn: ({ signal }) => apiFetch<DirectiveDetail>(`/api/directives/${id}`, { signal }) });
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
  return useQuery({ queryKey: ['directives', 'my-tasks'], queryFn: ({ signal }) => apiFetch<{ today: string; items: MyTask[] }>('/api/my-tasks', { signal }), enabled });
}

/** Sends one file as multipart/form-data and returns the JSON answer. */
export async function uploadFile<T>(url: string, file: File, method: 'POST' | 'PUT' = 'POST'): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await fetch(url, { method, body: form, credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const body = (await res.json().catch(() => null)) as { error?: { code: ApiError['code']; message: string } } | null;
  if (!res.ok) throw new ApiError(res.status, body?.error?.code ?? 'INTERNAL', body?.error?.message ?? `Lỗi máy chủ (HTTP ${res.status})`);
  return body as T;
}

/** Records a directive, then uploads its signed PDF when one is chosen. */
export function useCreateDirective() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, pdf }: { body: DirectiveCreate; pdf: File | null }) => {
      const created = await apiFetch<DirectiveDetail>('/api/directives', { method: 'POST', body });
      if (pdf) await uploadFile(`/api/directives/${created.id}/signed-file`, pdf, 'PUT');
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
      for (const file of files) await uploadFile<DirectiveFile>(`/api/directive-tasks/${taskId}/files`, file);
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
