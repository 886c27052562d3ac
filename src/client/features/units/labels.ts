import type { Level, Structure } from '../../../shared/schemas/org-units.ts';
import type { TFunction } from '../../i18n.ts';

/** Human label of an administrative structure. */
export function structureLabel(t: TFunction, structure: Structure): string {
  return t(`structure.${structure}`);
}

/** Human label of a level of the unit tree. */
export function levelLabel(t: TFunction, level: Level): string {
  return t(`level.${level}`);
}

/** Unit page URL. */
export function unitHref(structure: Structure, code: string): string {
  return `/units/${structure}/${encodeURIComponent(code)}`;
}
