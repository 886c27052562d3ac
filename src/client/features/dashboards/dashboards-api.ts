import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DashboardRanking, DashboardTrend } from '../../../shared/schemas/dashboards.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { apiFetch, buildUrl } from '../../api.ts';
import type { TeamProgress } from '../progress/progress-api.ts';

/** Dashboard URL of a unit. */
export function dashboardHref(structure: Structure, code: string): string {
  return `/dashboard/${structure}/${encodeURIComponent(code)}`;
}

/** Achieved per month of a year under a unit (one indicator, or all). */
export function useTrend(structure: Structure, unit: string, year: number, indicator: string | null) {
  return useQuery({
    queryKey: ['dashboards', 'trend', structure, unit, year, indicator],
    queryFn: ({ signal }) =>
      apiFetch<DashboardTrend>('/api/dashboards/trend', { query: { unit, year, structure, indicator: indicator ?? undefined }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Ranking of the unit's communes or teams; fetched only while `enabled` (the section is open). */
export function useRanking(structure: Structure, unit: string, year: number, indicator: string | null, enabled: boolean) {
  return useQuery({
    queryKey: ['dashboards', 'ranking', structure, unit, year, indicator],
    queryFn: ({ signal }) =>
      apiFetch<DashboardRanking>('/api/dashboards/ranking', { query: { unit, year, structure, indicator: indicator ?? undefined }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** URL of the ranking's Excel download. */
export function rankingXlsxUrl(structure: Structure, unit: string, year: number, indicator: string | null): string {
  return buildUrl('/api/dashboards/ranking.xlsx', { unit, year, structure, ...(indicator ? { indicator } : {}) });
}

/** The teams' progress (GET /api/progress/teams, same cache as the progress page), fetched only while `enabled`. */
export function useTeamProgressOnDemand(structure: Structure, unit: string, year: number, enabled: boolean) {
  return useQuery({
    queryKey: ['progress', 'teams', structure, unit, year],
    queryFn: ({ signal }) => apiFetch<TeamProgress>('/api/progress/teams', { query: { unit, year, structure }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}
