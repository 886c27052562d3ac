import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../shared/messages.ts';
import { en } from './en.ts';
import { vi } from './vi.ts';

/** Placeholders that hold a count (the others hold names, years, dates…). */
const COUNTS = new Set(['n', 'days', 'rows', 'villages', 'teams', 'members', 'covered', 'total', 'done']);

/** Every English message with its counts (plural choices included) set to `value`, other placeholders to "X". */
function filledWith(value: number): [string, string][] {
  return Object.entries(en).map(([key, template]) => {
    const names = new Set([...template.matchAll(/\{(\w+)(?:, plural|\})/gu)].map((m) => m[1]!));
    return [key, formatMessage(template, Object.fromEntries([...names].map((n) => [n, COUNTS.has(n) ? value : 'X'])), 'en')];
  });
}

describe('English plurals', () => {
  it('says "1 day", "1 member", never "1 days"', () => {
    const wrong = filledWith(1).filter(([, text]) => /\b1 (?:[a-z]+s|people)\b/u.test(text));
    expect(wrong).toEqual([]);
  });

  it('says "2 days" where it counts', () => {
    const texts = Object.fromEntries(filledWith(2));
    expect(texts['directives.daysLeft']).toBe('2 days left');
    expect(texts['dashboard.coverageLine']).toBe('2/2 villages with a team · 2 teams · 2 members');
  });

  it('keeps Vietnamese messages free of English plural choices', () => {
    expect(Object.entries(vi).filter(([, text]) => text.includes(', plural,'))).toEqual([]);
  });
});
