import { MAX_COUNT } from '../../../shared/schemas/activities.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { MessageKey } from '../../locales/vi.ts';
import type { Targets, TargetsUpdate } from './targets-api.ts';

/** Edited cells: key → text as typed. Keys are "t|<teamId>|<code>" and "c|<communeCode>|<code>". */
export type TargetsDraft = Record<string, string>;

/** Key of a team cell. */
export const teamKey = (teamId: string, code: string) => `t|${teamId}|${code}`;
/** Key of a commune cell. */
export const communeKey = (communeCode: string, code: string) => `c|${communeCode}|${code}`;

/** A typed target: null for blank (no target), a number, or the message key of what is wrong. */
export function parseTarget(text: string): { ok: true; value: number | null } | { ok: false; error: MessageKey } {
  const compact = text.replace(/[\s\u00a0]/gu, '');
  if (compact === '') return { ok: true, value: null };
  // "1.000" and "1,000" are thousands as Vietnamese write them.
  const digits = /^\d+$/u.test(compact) ? compact : /^\d{1,3}([.,]\d{3})+$/u.test(compact) ? compact.replace(/[.,]/gu, '') : null;
  if (digits === null) return { ok: false, error: 'targets.notInteger' };
  const value = Number(digits);
  if (value > MAX_COUNT) return { ok: false, error: 'targets.tooLarge' };
  return { ok: true, value };
}

/** Stored targets by cell key. */
export type StoredTargets = ReadonlyMap<string, number>;

/** Indexes the stored targets by cell key (built once per answer, read by every cell). */
export function indexTargets(data: Targets): StoredTargets {
  const out = new Map<string, number>();
  for (const team of data.teams) for (const [code, v] of Object.entries(team.targets)) out.set(teamKey(team.teamId, code), v);
  for (const c of data.communes) for (const [code, v] of Object.entries(c.targets)) out.set(communeKey(c.communeCode, code), v);
  return out;
}

/** Text shown in a cell: the edit if any, else the stored value. */
export function cellText(stored: StoredTargets, draft: TargetsDraft, key: string): string {
  if (key in draft) return draft[key]!;
  const value = stored.get(key);
  return value === undefined ? '' : String(value);
}

/** What the draft changes, as the PUT body, and the keys of invalid cells with their message. */
export function draftToUpdate(data: Targets, stored: StoredTargets, draft: TargetsDraft, structure: Structure) {
  const body: Required<Pick<TargetsUpdate, 'teams' | 'communes'>> & TargetsUpdate = { year: data.year, structure, teams: [], communes: [] };
  const errors: Record<string, MessageKey> = {};
  for (const [key, text] of Object.entries(draft)) {
    const parsed = parseTarget(text);
    if (!parsed.ok) {
      errors[key] = parsed.error;
      continue;
    }
    if (parsed.value === (stored.get(key) ?? null)) continue;
    const [kind, id, indicator] = key.split('|') as [string, string, string];
    if (kind === 't') body.teams.push({ teamId: id, indicator, target: parsed.value });
    else body.communes.push({ communeCode: id, indicator, target: parsed.value });
  }
  return { body, errors, changes: body.teams.length + body.communes.length };
}
