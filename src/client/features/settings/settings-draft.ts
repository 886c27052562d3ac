import type { ProvinceSettings } from '../../../shared/schemas/settings.ts';
import type { TFunction } from '../../i18n.ts';
import type { FieldErrors } from '../../components/use-schema-check.ts';

/** A number field as typed in a NumberInput ('' when blank). */
export type NumberDraft = number | string;

/** Member limits of one team level. */
export interface LimitsDraft {
  minMembers: NumberDraft;
  maxMembers: NumberDraft;
}

/** One "Căn cứ …" line with a stable key for reordering. */
export interface BasisDraft {
  key: number;
  text: string;
}

/** Form state of the province settings. */
export interface SettingsDraft {
  maxLeaders: NumberDraft;
  maxDeputies: NumberDraft;
  village: LimitsDraft;
  commune: LimitsDraft;
  departmentName: string;
  bases: BasisDraft[];
}

/** Errors by field path ("maxLeaders", "village.minMembers", "bases.3" by key, …). */
export type DraftErrors = Record<string, string>;

/** Most legal bases the server accepts. */
export const MAX_BASES = 20;

let nextKey = 1;
/** A fresh key for a new basis line. */
export function newBasisKey(): number {
  return nextKey++;
}

/** Removes trailing punctuation and spaces (".", ";", ",", ":"), as the decision adds its own. */
export function stripTrailingPunct(text: string): string {
  return text.replace(/[\s.;,:]+$/u, '').trim();
}

/** Draft prefilled from the server's settings. */
export function draftFromSettings(s: ProvinceSettings): SettingsDraft {
  const limits = (l: ProvinceSettings['composition']['village']): LimitsDraft => ({
    minMembers: l.minMembers ?? '',
    maxMembers: l.maxMembers ?? '',
  });
  return {
    maxLeaders: s.composition.maxLeaders,
    maxDeputies: s.composition.maxDeputies,
    village: limits(s.composition.village),
    commune: limits(s.composition.commune),
    departmentName: s.departmentName,
    bases: s.decisionLegalBases.map((text) => ({ key: newBasisKey(), text })),
  };
}

function toInt(v: NumberDraft): number | null {
  if (v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

/** Checks the draft; returns the settings to PUT, or the errors to show. */
export function settingsFromDraft(d: SettingsDraft, t: TFunction): { value: ProvinceSettings | null; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const required = (path: string, v: NumberDraft, min: number, max: number): number => {
    const n = toInt(v);
    if (n === null) errors[path] = t('settings.required');
    else if (!Number.isInteger(n) || n < min || n > max) errors[path] = t('settings.outOfRange', { min, max });
    return n ?? min;
  };
  const optional = (path: string, v: NumberDraft): number | null => {
    const n = toInt(v);
    if (n !== null && (!Number.isInteger(n) || n < 0 || n > 100)) errors[path] = t('settings.outOfRange', { min: 0, max: 100 });
    return n;
  };
  const limits = (level: 'village' | 'commune') => {
    const minMembers = optional(`${level}.minMembers`, d[level].minMembers);
    const maxMembers = optional(`${level}.maxMembers`, d[level].maxMembers);
    if (minMembers !== null && maxMembers !== null && minMembers > maxMembers) errors[`${level}.minMembers`] = t('settings.minOverMax');
    return { minMembers, maxMembers };
  };
  const composition = {
    maxLeaders: required('maxLeaders', d.maxLeaders, 1, 5),
    maxDeputies: required('maxDeputies', d.maxDeputies, 0, 10),
    village: limits('village'),
    commune: limits('commune'),
  };
  const departmentName = d.departmentName.trim();
  if (!departmentName) errors.departmentName = t('settings.required');
  const decisionLegalBases = d.bases.map((b) => {
    const text = stripTrailingPunct(b.text);
    if (!text) errors[`bases.${b.key}`] = t('settings.emptyBasis');
    return text;
  });
  if (Object.keys(errors).length > 0) return { value: null, errors };
  return { value: { composition, departmentName, decisionLegalBases }, errors };
}

/**
 * The shared schema's messages at the draft's paths: "composition.village.minMembers" →
 * "village.minMembers", "decisionLegalBases.2" → "bases.<key of the third line>".
 */
export function draftErrorsOf(errors: FieldErrors, d: SettingsDraft): DraftErrors {
  const mapped: DraftErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    if (message === undefined) continue;
    const basis = /^decisionLegalBases\.(\d+)$/.exec(path);
    const line = basis ? d.bases[Number(basis[1])] : undefined;
    const key = line ? `bases.${line.key}` : path.replace(/^composition\./, '');
    mapped[key] ??= message;
  }
  return mapped;
}
