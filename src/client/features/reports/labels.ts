import type { ReportStatus } from '../../../shared/schemas/reports.ts';

/** Badge colour of each state (not submitted grey, draft blue, submitted teal, returned orange, approved green). */
export const STATE_COLOR: Record<ReportStatus | 'not_submitted', string> = {
  not_submitted: 'gray',
  draft: 'blue',
  submitted: 'teal',
  returned: 'orange',
  approved: 'green',
};

/** "2026-12-05" → "05/12/2026". */
export const vnDay = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');
