import { AFFILIATIONS, type Person } from '../../../shared/schemas/teams.ts';
import type { TFunction } from '../../i18n.ts';
import { blankToNull } from './labels.ts';

/** Form state of a person's fields (strings as typed). */
export interface PersonDraft {
  fullName: string;
  phone: string;
  isZalo: boolean;
  gender: '' | 'male' | 'female';
  birthYear: string;
  affiliation: string;
  affiliationDetail: string;
  cccd: string;
}

/** An empty draft (Zalo checked: most members use it). */
export const EMPTY_PERSON: PersonDraft = {
  fullName: '',
  phone: '',
  isZalo: true,
  gender: '',
  birthYear: '',
  affiliation: '',
  affiliationDetail: '',
  cccd: '',
};

/** Draft prefilled from a person (the CCCD stays empty: only a new number is sent). */
export function draftFromPerson(p: Person): PersonDraft {
  return {
    fullName: p.fullName,
    phone: p.phone ?? '',
    isZalo: p.isZalo,
    gender: p.gender ?? '',
    birthYear: p.birthYear === null ? '' : String(p.birthYear),
    affiliation: p.affiliation ?? '',
    affiliationDetail: p.affiliationDetail ?? '',
    cccd: '',
  };
}

type Affiliation = (typeof AFFILIATIONS)[number];

/** Person input for the API; a blank CCCD is omitted so that editing never erases the stored number. */
export function personInput(d: PersonDraft) {
  const year = Number.parseInt(d.birthYear, 10);
  const cccd = blankToNull(d.cccd);
  return {
    fullName: d.fullName.trim(),
    phone: blankToNull(d.phone),
    isZalo: d.isZalo,
    gender: d.gender === '' ? null : d.gender,
    birthYear: Number.isFinite(year) ? year : null,
    affiliation: d.affiliation === '' ? null : (d.affiliation as Affiliation),
    affiliationDetail: blankToNull(d.affiliationDetail),
    ...(cccd ? { cccd } : {}),
  };
}

/** Select options for the affiliations, in the current language. */
export function affiliationOptions(t: TFunction): { value: string; label: string }[] {
  return AFFILIATIONS.map((a) => ({ value: a, label: t(`affiliation.${a}`) }));
}
