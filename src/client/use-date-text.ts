import { useState } from 'react';
import { formatDate, maskDateInput, parseDate } from '../shared/dates.ts';

/** What is wrong with the text of a date field, if anything. */
export type DateProblem = 'invalid' | 'early' | 'late' | null;

/**
 * The text behind a dd/mm/yyyy field (the web client's and the field app's): what is shown,
 * the date it means, and what to do on typing, picking and leaving the field. The value in and
 * out is a calendar date (YYYY-MM-DD), '' while the text is empty or not a date yet.
 */
export function useDateText(value: string, onChange: (iso: string) => void, range: { min?: string; max?: string } = {}) {
  const [text, setText] = useState(() => formatDate(value));
  const [isTouched, setTouched] = useState(false);
  // A new value from outside (a reset, another default) replaces what is shown; the text typed
  // so far stays while it means that value (or, incomplete, means none yet).
  const [textOf, setTextOf] = useState(value);
  if (value !== textOf) {
    setTextOf(value);
    setText((shown) => ((parseDate(shown) ?? '') === value ? shown : formatDate(value)));
  }

  const parsed = parseDate(text);
  let problem: DateProblem = null;
  if (text.trim() !== '' && parsed === null) problem = isTouched ? 'invalid' : null;
  else if (parsed && range.min && parsed < range.min) problem = 'early';
  else if (parsed && range.max && parsed > range.max) problem = 'late';

  return {
    text,
    parsed,
    problem,
    /** Typed text: slashes added, the date (or '') handed on. */
    type(next: string) {
      const masked = maskDateInput(next);
      setText(masked);
      onChange(parseDate(masked) ?? '');
    },
    /** A day chosen on the browser's calendar. */
    pick(iso: string) {
      setText(formatDate(iso));
      onChange(iso);
    },
    /** Leaving the field: "5/3/2026" is shown as 05/03/2026, and unreadable text is flagged. */
    blur() {
      setTouched(true);
      if (parsed) setText(formatDate(parsed));
    },
  };
}
