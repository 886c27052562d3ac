import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, maskDateInput, parseDate, vnDate, vnToday, vnYear } from './dates.ts';

describe('Vietnam time', () => {
  it('is UTC+7 all year: the date turns at 17:00 UTC, the year at 17:00 UTC on 31 December', () => {
    expect(vnToday(new Date('2026-03-04T16:59:59Z'))).toBe('2026-03-04');
    expect(vnToday(new Date('2026-03-04T17:00:00Z'))).toBe('2026-03-05');
    // Between 00:00 and 07:00 in Vietnam, UTC is still on the day before.
    expect(vnDate(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(vnYear(new Date('2026-12-31T16:59:00Z'))).toBe(2026);
    expect(vnYear(new Date('2026-12-31T17:00:00Z'))).toBe(2027);
  });
});

describe('formatDate / formatDateTime', () => {
  it('prints a calendar date as it is and an instant as its day in Vietnam', () => {
    expect(formatDate('2026-01-05')).toBe('05/01/2026');
    expect(formatDate('2026-01-04T18:30:00.000Z')).toBe('05/01/2026');
    expect(formatDate('2026-01-05T10:00:00+07:00')).toBe('05/01/2026');
    expect(formatDate(null)).toBe('');
    expect(formatDate('không phải ngày')).toBe('');
  });

  it('puts the time first, in Vietnam time, with seconds on request', () => {
    expect(formatDateTime('2026-01-05T07:05:09Z')).toBe('14:05 05/01/2026');
    expect(formatDateTime('2026-01-05T07:05:09Z', true)).toBe('14:05:09 05/01/2026');
    expect(formatDateTime('2026-01-04T20:00:00Z')).toBe('03:00 05/01/2026');
  });
});

describe('parseDate', () => {
  it('reads the day first, whatever the separator', () => {
    for (const text of ['05/03/2026', '5/3/2026', '05-03-2026', '05.03.2026', ' 05/03/2026 ', '05032026', '2026-03-05']) {
      expect(parseDate(text), text).toBe('2026-03-05');
    }
    expect(parseDate('29/02/2028')).toBe('2028-02-29');
  });

  it('refuses what is not a real day, month-first American dates included', () => {
    for (const text of [
      '',
      '31/02/2026',
      '29/02/2026',
      '13/13/2026',
      '12/31/2026',
      '05/03/26',
      '2026/03/05',
      'hôm nay',
      '00/01/2026',
      '01/01/1800',
    ]) {
      expect(parseDate(text), text).toBeNull();
    }
  });
});

describe('maskDateInput', () => {
  it('puts the slashes in as digits are typed, keeps a typed slash and leaves other layouts alone', () => {
    const typed: string[] = [];
    let value = '';
    for (const key of '05032026') {
      value = maskDateInput(value + key);
      typed.push(value);
    }
    expect(typed).toEqual(['0', '05', '05/0', '05/03', '05/03/2', '05/03/20', '05/03/202', '05/03/2026']);
    expect(maskDateInput('05/')).toBe('05/');
    expect(maskDateInput('05/03/')).toBe('05/03/');
    expect(maskDateInput('050320261')).toBe('05/03/2026');
    expect(maskDateInput('5/3/2026')).toBe('5/3/2026');
    expect(parseDate(maskDateInput('05032026'))).toBe('2026-03-05');
  });
});
