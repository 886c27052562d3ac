import type { Indicator } from '../../../shared/schemas/activities.ts';
import { INDICATOR_FIELD_LABELS, INDICATOR_FIELDS, INDICATOR_UNIT_LABELS, INDICATOR_UNITS } from '../../../shared/indicator-units.ts';
import type { Lang } from '../../i18n.ts';

type IndicatorField = (typeof INDICATOR_FIELDS)[number];

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
