/**
 * The fields an indicator belongs to and what it counts, with their labels, and "12 người" /
 * "1 session" for a count. Apart from the schemas (`schemas/activities.ts`, which re-exports
 * them) so the field app and the web client's first load use them without loading zod.
 */

/** The five fields an indicator belongs to (domain.md §1). */
export const INDICATOR_FIELDS = ['government', 'economy', 'society', 'skills', 'propaganda'] as const;

/** What an indicator counts. */
export const INDICATOR_UNITS = ['people', 'households', 'sessions', 'classes', 'accounts', 'applications', 'businesses'] as const;

/** One of {@link INDICATOR_UNITS}. */
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

/** Vietnamese and English labels of the fields. */
export const INDICATOR_FIELD_LABELS: Record<(typeof INDICATOR_FIELDS)[number], { vi: string; en: string }> = {
  government: { vi: 'Chính quyền số', en: 'Digital government' },
  economy: { vi: 'Kinh tế số', en: 'Digital economy' },
  society: { vi: 'Xã hội số', en: 'Digital society' },
  skills: { vi: 'Kỹ năng số', en: 'Digital skills' },
  propaganda: { vi: 'Tuyên truyền', en: 'Awareness' },
};

/** Labels of the units: Vietnamese (no plural), English plural (column headers) and singular. */
export const INDICATOR_UNIT_LABELS: Record<IndicatorUnit, { vi: string; en: string; enOne: string }> = {
  people: { vi: 'người', en: 'people', enOne: 'person' },
  households: { vi: 'hộ', en: 'households', enOne: 'household' },
  sessions: { vi: 'buổi', en: 'sessions', enOne: 'session' },
  classes: { vi: 'lớp', en: 'classes', enOne: 'class' },
  accounts: { vi: 'tài khoản', en: 'accounts', enOne: 'account' },
  applications: { vi: 'hồ sơ', en: 'applications', enOne: 'application' },
  businesses: { vi: 'cơ sở', en: 'businesses', enOne: 'business' },
};

function isIndicatorUnit(unit: string): unit is IndicatorUnit {
  return (INDICATOR_UNITS as readonly string[]).includes(unit);
}

/** "người", "people"… for a unit key (the key itself when unknown). */
export function indicatorUnitLabel(unit: string, lang: 'vi' | 'en'): string {
  return isIndicatorUnit(unit) ? INDICATOR_UNIT_LABELS[unit][lang] : unit;
}

// Made once per language on first use (toLocaleString builds a new formatter on every call;
// building them all when the page loads costs a slow phone tens of milliseconds).
const integerFormats: Partial<Record<'vi' | 'en', Intl.NumberFormat>> = {};
let englishPlurals: Intl.PluralRules | null = null;

/** "1.234" (vi) or "1,234" (en): a count with the language's thousands separator. */
export function formatInteger(count: number, lang: 'vi' | 'en'): string {
  integerFormats[lang] ??= new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'vi-VN');
  return integerFormats[lang].format(count);
}

/** "1.234 người", "1 session", "12 sessions": the count with its unit, grouped the language's way. */
export function formatCount(count: number, unit: string, lang: 'vi' | 'en'): string {
  const figure = formatInteger(count, lang);
  englishPlurals ??= new Intl.PluralRules('en-US');
  if (lang === 'en' && isIndicatorUnit(unit) && englishPlurals.select(count) === 'one') {
    return `${figure} ${INDICATOR_UNIT_LABELS[unit].enOne}`;
  }
  return `${figure} ${indicatorUnitLabel(unit, lang)}`;
}
