import type { Notice } from '../notifications/notifications.service.ts';
import type { ActivityRecord } from './activities.repo.ts';

/**
 * The notice telling an activity's author it was sent back, with the reviewer's comment; it opens
 * the activity in the field app, where it is corrected and sent again. None when the reviewer is
 * the author.
 */
export function returnedNotice(record: ActivityRecord, comment: string, reviewerId: string, at: Date): Notice | null {
  const a = record.activity;
  if (!a.createdByUserId || a.createdByUserId === reviewerId) return null;
  return {
    unitCode: record.teamUnitCode,
    unitPath: a.unitPath,
    recipientUserId: a.createdByUserId,
    kind: 'activity.returned',
    title: `Hoạt động bị trả lại: ${record.teamName}, ngày ${a.date.split('-').reverse().join('/')}`,
    body: `Ý kiến của người duyệt: ${comment}. Hãy sửa và gửi lại.`,
    link: `/field/?activity=${a.id}`,
    dedupeKey: `activity.returned:${a.id}:${at.toISOString()}`,
    createdAt: at,
  };
}
