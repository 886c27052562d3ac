import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DashboardRanking, DashboardReports, DashboardTeam, DashboardTrend } from '../../../shared/schemas/dashboards.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { apiFetch, buildUrl } from '../../api.ts';
import type { TeamProgress } from '../progress/progress-api.ts';

/** Dashboard URL of a unit. */
export function dashboardHref(structure: Structure, code: string): string {
  return `/dashboard/${structure}/${encodeURIComponent(code)}`;
}

/** Dashboard URL of a team. */
export function teamDashboardHref(id: string): string {
  return `/dashboard/team/${encodeURIComponent(id)}`;
}

/** Whose trend: a unit, or one team. */
export type TrendSubject = { structure: Structure; unit: string } | { team: string };

/** Achieved per month of a year under a unit or of a team, for one indicator (none: not asked). */
export function useTrend(subject: TrendSubject, year: number, indicator: string | null) {
  return useQuery({
    queryKey: ['dashboards', 'trend', subject, year, indicator],
    queryFn: ({ signal }) =>
      apiFetch<DashboardTrend>('/api/dashboards/trend', { query: { ...subject, year, indicator: indicator ?? undefined }, signal }),
    placeholderData: keepPreviousData,
    enabled: indicator !== null,
  });
}

/** Report status of the units under a unit: recent periods of each report they submit. */
export function useDashboardReports(structure: Structure, unit: string, year: number) {
  return useQuery({
    queryKey: ['dashboards', 'reports', structure, unit, year],
    queryFn: ({ signal }) => apiFetch<DashboardReports>('/api/dashboards/reports', { query: { unit, year, structure }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** A team's progress per indicator against its own targets. */
export function useTeamDashboard(team: string, year: number) {
  return useQuery({
    queryKey: ['dashboards', 'team', team, year],
    queryFn: ({ signal }) => apiFetch<DashboardTeam>('/api/dashboards/team', { query: { team, year }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Ranking of the unit's communes or teams; fetched only while `enabled` (the section is open). */
export function useRanking(structure: Structure, unit: string, year: number, indicator: string | null, enabled: boolean) {
  return useQuery({
    queryKey: ['dashboards', 'ranking', structure, unit, year, indicator],
    queryFn: ({ signal }) =>
      apiFetch<DashboardRanking>('/api/dashboards/ranking', {
        query: { unit, year, structure, indicator: indicator ?? undefined },
        signal,
      }),
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
