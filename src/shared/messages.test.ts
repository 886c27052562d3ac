import { describe, expect, it } from 'vitest';
import { formatMessage } from './messages.ts';

describe('formatMessage', () => {
  const daysLeft = '{n, plural, one {# day left} other {# days left}}';

  it('chooses the English singular for one and the plural for the rest', () => {
    expect(formatMessage(daysLeft, { n: 1 }, 'en')).toBe('1 day left');
    expect(formatMessage(daysLeft, { n: 0 }, 'en')).toBe('0 days left');
    expect(formatMessage(daysLeft, { n: 2 }, 'en')).toBe('2 days left');
    expect(formatMessage(daysLeft, { n: '1,001' }, 'en')).toBe('1,001 days left');
    expect(formatMessage(daysLeft, { n: '1' }, 'en')).toBe('1 day left');
  });

  it('fills placeholders inside and around the choices, and leaves unknown ones', () => {
    const line =
      '{covered}/{villages, plural, one {# village} other {# villages}} with a team · {teams, plural, one {# team} other {# teams}}';
    expect(formatMessage(line, { covered: 1, villages: 1, teams: 3 }, 'en')).toBe('1/1 village with a team · 3 teams');
    expect(formatMessage('{n} of {total}', { n: 2 }, 'en')).toBe('2 of {total}');
    expect(formatMessage('Còn {n} ngày', { n: 1 }, 'vi')).toBe('Còn 1 ngày');
    expect(formatMessage('No variables {n}', undefined, 'en')).toBe('No variables {n}');
  });
});
