import type { User } from '../../../shared/schemas/accounts.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';

/** Feed filters carried in the URL's query string. */
export interface FeedFilters {
  indicator?: string;
  team?: string;
  from?: string;
  to?: string;
  status?: string;
}

function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Activity feed URL of a unit, optionally filtered. */
export function activitiesHref(structure: Structure, code: string, filters: FeedFilters = {}): string {
  return withQuery(`/activities/${structure}/${encodeURIComponent(code)}`, { ...filters });
}

/** Progress page URL of a unit, optionally for a year. */
export function progressHref(structure: Structure, code: string, year?: number): string {
  return withQuery(`/progress/${structure}/${encodeURIComponent(code)}`, { year });
}

/** The unit a user works in (first assignment with a unit), or null for a national administrator. */
export function homeUnit(user: User | null | undefined): { structure: Structure; code: string } | null {
  const first = user?.assignments.find((a) => a.unitCode);
  return first?.unitCode ? { structure: first.structure ?? 'current', code: first.unitCode } : null;
}

/** Nav target of "Tổng quan": the dashboard of the user's own unit, or the unit chooser. */
export function dashboardHome(user: User | null | undefined): string {
  const unit = homeUnit(user);
  return unit ? `/dashboard/${unit.structure}/${encodeURIComponent(unit.code)}` : '/dashboard';
}

/** Where `/` lands: an officer on their own unit's dashboard, anyone else on the list of units. */
export function landingHref(user: User | null | undefined): string {
  return homeUnit(user) ? dashboardHome(user) : '/units';
}

/** Nav target of "Hoạt động": the user's unit feed, or the unit chooser. */
export function activitiesHome(user: User | null | undefined): string {
  const unit = homeUnit(user);
  return unit ? activitiesHref(unit.structure, unit.code) : '/activities';
}

/** Nav target of "Tiến độ": the user's unit progress, or the unit chooser. */
export function progressHome(user: User | null | undefined): string {
  const unit = homeUnit(user);
  return unit ? progressHref(unit.structure, unit.code) : '/progress';
}
