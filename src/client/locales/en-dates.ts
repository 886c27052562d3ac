import type { viDates } from './vi-dates.ts';

/** English strings of the date fields: still dd/mm/yyyy, the Vietnamese way. */
export const enDates: Record<keyof typeof viDates, string> = {
  'date.placeholder': 'dd/mm/yyyy',
  'date.invalid': 'Not a date: type it as dd/mm/yyyy, e.g. 05/03/2026',
  'date.tooEarly': 'The date must be {date} or later',
  'date.tooLate': 'The date cannot be after {date}',
  'date.pick': 'Pick on a calendar',
};
