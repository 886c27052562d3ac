import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditEvent } from '../../../shared/schemas/audit.ts';
import { apiFetch } from '../../api.ts';

/** Filters of the audit log as typed in the form (dates as YYYY-MM-DD, Vietnam time). */
export interface AuditFilters {
  action: string;
  actor: string;
  entityType: string;
  from: string;
  to: string;
}

/** No filter. */
export const EMPTY_AUDIT_FILTERS: AuditFilters = { action: '', actor: '', entityType: '', from: '', to: '' };
/** Page size of the audit table. */
export const AUDIT_PAGE_SIZE = 50;

/** Start (or end) of a calendar day in Vietnam time, as an ISO timestamp with offset. */
export function dayBoundary(date: string, end: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(date)) return undefined;
  return `${date}T${end ? '23:59:59.999' : '00:00:00.000'}+07:00`;
}

/** One page of audit events. */
export function useAuditEvents(filters: AuditFilters, offset: number) {
  return useQuery({
    queryKey: ['audit', filters, offset],
    queryFn: ({ signal }) =>
      apiFetch<{ items: AuditEvent[]; total: number }>('/api/audit-events', {
        query: {
          action: filters.action.trim(),
          actor: filters.actor.trim(),
          entityType: filters.entityType.trim(),
          from: dayBoundary(filters.from, false),
          to: dayBoundary(filters.to, true),
          limit: AUDIT_PAGE_SIZE,
          offset,
        },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}
