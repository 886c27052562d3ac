import { describe, expect, it } from 'vitest';
import { daysBetween } from '../../../shared/days.ts';
import { taskStatusOf } from './task-status.ts';

describe('task status', () => {
  it('counts days in Vietnam dates', () => {
    expect(daysBetween('2024-10-26', '2024-10-29')).toBe(3);
    expect(daysBetween('2024-10-31', '2024-10-29')).toBe(-2);
  });
  it('is open up to the deadline day, overdue the day after', () => {
    expect(taskStatusOf('2024-10-29', '2024-10-29', null)).toBe('open');
    expect(taskStatusOf('2024-10-29', '2024-10-30', null)).toBe('overdue');
  });
  it('done late when answered after the deadline day (Vietnam time)', () => {
    // 23:30 on 29/10 in Vietnam is 16:30Z: still on time.
    expect(taskStatusOf('2024-10-29', '2024-11-05', new Date('2024-10-29T16:30:00Z'))).toBe('done');
    expect(taskStatusOf('2024-10-29', '2024-11-05', new Date('2024-10-29T17:30:00Z'))).toBe('done_late');
  });
});
