import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { progressSchema, teamProgressSchema } from '../../../shared/schemas/activities.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { apiFetch } from '../../api.ts';

/** Progress of a unit per indicator. */
export type Progress = z.infer<typeof progressSchema>;
/** One indicator's progress. */
export type ProgressItem = Progress['items'][number];
/** Progress of the unit's teams. */
export type TeamProgress = z.infer<typeof teamProgressSchema>;
/** One team's row. */
export type TeamProgressRow = TeamProgress['items'][number];

/** Achieved vs target per indicator for a unit and year. */
export function useProgress(structure: Structure, unit: string, year: number) {
  return useQuery({
    queryKey: ['progress', 'unit', structure, unit, year],
    queryFn: ({ signal }) => apiFetch<Progress>('/api/progress', { query: { unit, year, structure }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Achieved vs target of each team of a unit. */
export function useTeamProgress(structure: Structure, unit: string, year: number) {
  return useQuery({
    queryKey: ['progress', 'teams', structure, unit, year],
    queryFn: ({ signal }) => apiFetch<TeamProgress>('/api/progress/teams', { query: { unit, year, structure }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Colour of a progress bar: red far behind, orange behind, green on pace, grey without target. */
export function paceColor(percent: number | null, expected: number, behind: boolean): string {
  if (percent === null) return 'gray';
  if (!behind) return 'green';
  return percent < expected / 2 ? 'red' : 'orange';
}

// One formatter per language, made on first use: toLocaleString builds a new one on every call.
const percentFormats: Partial<Record<'vi' | 'en', Intl.NumberFormat>> = {};

/** "87,5" (vi) or "87.5" (en), at most one decimal. */
export function formatPercent(p: number, lang: 'vi' | 'en'): string {
  percentFormats[lang] ??= new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'vi-VN', { maximumFractionDigits: 1 });
  return percentFormats[lang].format(p);
}

/** A count with the language's thousands separator. */
export { formatInteger as formatNumber } from '../../../shared/indicator-units.ts';
