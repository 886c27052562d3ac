import { activityCreateSchema, activityEditSchema, type Activity } from '../../../shared/schemas/activities.ts';
import type { ActivityCreate, ActivityUpdate } from './activities-api.ts';
import { vnToday } from '../../../shared/dates.ts';

/** One indicator + count row of the form. */
export interface ValueDraft {
  key: number;
  indicator: string | null;
  count: number | string;
}

/** What the activity form edits. */
export interface ActivityDraft {
  teamId: string | null;
  date: string;
  values: ValueDraft[];
  description: string;
  /** One link per line. */
  links: string;
}

/** Field errors keyed "teamId", "date", "values", "values.<key>", "description", "links". */
export type DraftErrors = Record<string, string>;

let nextKey = 1;
/** A new blank value row. */
export function newValueRow(indicator: string | null = null): ValueDraft {
  nextKey += 1;
  return { key: nextKey, indicator, count: '' };
}

/** An empty draft dated today, with one blank row. */
export function emptyDraft(teamId: string | null): ActivityDraft {
  return { teamId, date: vnToday(), values: [newValueRow()], description: '', links: '' };
}

/** The draft of an existing activity. */
export function draftFromActivity(a: Activity): ActivityDraft {
  return {
    teamId: a.teamId,
    date: a.date.slice(0, 10),
    values: a.values.map((v) => ({ ...newValueRow(v.indicator), count: v.count })),
    description: a.description,
    links: a.links.join('\n'),
  };
}

function fields(draft: ActivityDraft) {
  return {
    teamId: draft.teamId ?? '',
    date: draft.date,
    values: draft.values
      .filter((v) => v.indicator || v.count !== '')
      .map((v) => ({ indicator: v.indicator ?? '', count: typeof v.count === 'number' ? v.count : Number.NaN })),
    description: draft.description,
    links: draft.links
      .split(/\r?\n/u)
      .map((l) => l.trim())
      .filter(Boolean),
  };
}

function errorsOf(draft: ActivityDraft, issues: { path: PropertyKey[]; message: string }[]): DraftErrors {
  const rows = draft.values.filter((v) => v.indicator || v.count !== '');
  const errors: DraftErrors = {};
  for (const issue of issues) {
    const [field, index] = issue.path;
    const row = field === 'values' && typeof index === 'number' ? rows[index] : undefined;
    const key = row ? `values.${row.key}` : String(field ?? 'form');
    errors[key] ??= issue.message;
  }
  return errors;
}

/** Checks a new activity with the shared schema: the body, or the errors to show. */
export function createBody(draft: ActivityDraft): { body: ActivityCreate | null; errors: DraftErrors } {
  const parsed = activityCreateSchema.safeParse(fields(draft));
  return parsed.success ? { body: parsed.data, errors: {} } : { body: null, errors: errorsOf(draft, parsed.error.issues) };
}

/** Checks an edit with the shared schema (the team does not change). */
export function updateBody(draft: ActivityDraft): { body: ActivityUpdate | null; errors: DraftErrors } {
  const { teamId: _teamId, ...rest } = fields(draft);
  const parsed = activityEditSchema.safeParse(rest);
  return parsed.success ? { body: parsed.data, errors: {} } : { body: null, errors: errorsOf(draft, parsed.error.issues) };
}
