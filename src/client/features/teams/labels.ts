import type { Structure } from '../../../shared/schemas/org-units.ts';
import { formatPhone, zaloLink } from '../../../shared/phone.ts';
import type { TFunction } from '../../i18n.ts';
import type { Team } from '../../../shared/schemas/teams.ts';

/** Team page URL. */
export function teamHref(id: string): string {
  return `/teams/${encodeURIComponent(id)}`;
}

/** Person page URL. */
export function personHref(id: string): string {
  return `/people/${encodeURIComponent(id)}`;
}

/** Coverage page URL. */
export function coverageHref(structure: Structure, code: string): string {
  return `/coverage/${structure}/${encodeURIComponent(code)}`;
}

/** Trimmed text or null when blank. */
export function blankToNull(value: string): string | null {
  const v = value.trim();
  return v === '' ? null : v;
}

/** Where a team works: the village name, or "Cấp xã" for a commune team. */
export function teamPlace(t: TFunction, team: Pick<Team, 'level' | 'unitName'>): string {
  return team.level === 'commune' ? t('teams.communeLevel') : team.unitName;
}

/** Display form, tel: link and Zalo link of a phone number (links null when it is not a valid mobile). */
export function phoneLinks(phone: string): { display: string; tel: string; zalo: string | null } {
  let zalo: string | null;
  try {
    zalo = zaloLink(phone);
  } catch {
    zalo = null;
  }
  return { display: formatPhone(phone), tel: `tel:${phone.replace(/[^\d+]/gu, '')}`, zalo };
}
