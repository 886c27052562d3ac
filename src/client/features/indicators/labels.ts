import {
  INDICATOR_FIELD_LABELS,
  INDICATOR_FIELDS,
  INDICATOR_UNIT_LABELS,
  INDICATOR_UNITS,
  type Indicator,
} from '../../../shared/schemas/activities.ts';
import type { Lang } from '../../i18n.ts';

type IndicatorUnit = (typeof INDICATOR_UNITS)[number];
type IndicatorField = (typeof INDICATOR_FIELDS)[number];

function isUnit(unit: string): unit is IndicatorUnit {
  return (INDICATOR_UNITS as readonly string[]).includes(unit);
}

/** "người", "hộ"… for a unit key (the key itself when unknown). */
export function unitLabel(unit: string, lang: Lang): string {
  return isUnit(unit) ? INDICATOR_UNIT_LABELS[unit][lang] : unit;
}

/** "Chính quyền số"… for a field key. */
export function fieldLabel(field: IndicatorField, lang: Lang): string {
  return INDICATOR_FIELD_LABELS[field][lang];
}

/** Display name of an indicator in the UI language. */
export function indicatorName(indicator: Pick<Indicator, 'name' | 'nameEn'>, lang: Lang): string {
  return lang === 'en' && indicator.nameEn ? indicator.nameEn : indicator.name;
}

/** Select options of the units and fields. */
export function unitOptions(lang: Lang) {
  return INDICATOR_UNITS.map((u) => ({ value: u, label: INDICATOR_UNIT_LABELS[u][lang] }));
}
/** Select options of the fields. */
export function fieldOptions(lang: Lang) {
  return INDICATOR_FIELDS.map((f) => ({ value: f, label: INDICATOR_FIELD_LABELS[f][lang] }));
}

/** "12 người" with a Vietnamese thousands separator. */
export function formatCount(count: number, unit: string, lang: Lang): string {
  return `${count.toLocaleString(lang === 'en' ? 'en-US' : 'vi-VN')} ${unitLabel(unit, lang)}`;
}
