import type { ReportStatus } from '../../../shared/schemas/reports.ts';

/** Badge colour of each state (not submitted grey, draft blue, submitted teal, returned orange, approved green). */
export const STATE_COLOR: Record<ReportStatus | 'not_submitted', string> = {
  not_submitted: 'gray',
  draft: 'blue',
  submitted: 'teal',
  returned: 'orange',
  approved: 'green',
};
