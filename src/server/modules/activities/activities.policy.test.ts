import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/permissions.ts';
import type { Actor } from '../../http/context.ts';
import type { ActivityRow } from './activities.repo.ts';
import { decodeCursor, encodeCursor } from './activities.cursor.ts';
import { canEdit, canReview, memoOwnTeams } from './activities.policy.ts';

const actor = (role: Role, unitPath: string | null, over: Partial<Actor> = {}): Actor => ({
  userId: 'u-1',
  username: 'cb',
  displayName: 'Cán bộ',
  mustChangePassword: false,
  personId: null,
  organization: null,
  assignments: [{ id: 'as-1', role, structure: 'current', unitCode: null, unitName: null, unitPath }],
  ip: '127.0.0.1',
  ...over,
});

const activity = (over: Partial<ActivityRow> = {}) =>
  ({
    id: 'a-1',
    teamId: 't-1',
    unitPath: 'current:/01/00001/',
    status: 'submitted',
    createdByUserId: 'u-2',
    deletedAt: null,
    ...over,
  }) as ActivityRow;

const noTeams = memoOwnTeams(async () => []);

describe('activities policy', () => {
  it('officers over the team, the author and the team’s members edit; nobody edits a verified activity', async () => {
    const commune = actor('commune_officer', 'current:/01/00001/');
    expect(await canEdit(commune, activity(), noTeams)).toBe(true);
    expect(await canEdit(actor('commune_officer', 'current:/01/00002/'), activity(), noTeams)).toBe(false);
    expect(await canEdit(actor('team_member', 'current:/01/00001/', { userId: 'u-2' }), activity(), noTeams)).toBe(true);
    expect(
      await canEdit(
        actor('team_member', 'current:/01/00001/'),
        activity(),
        memoOwnTeams(async () => [{ id: 't-1' }]),
      ),
    ).toBe(true);
    expect(await canEdit(actor('team_member', 'current:/01/00001/'), activity(), noTeams)).toBe(false);
    expect(await canEdit(commune, activity({ status: 'verified' }), noTeams)).toBe(false);
    expect(await canEdit(actor('partner', 'current:/01/'), activity({ createdByUserId: 'u-1' }), noTeams)).toBe(false);
  });

  it('reviewers review under their unit only', () => {
    expect(canReview(actor('district_officer', 'current:/01/'), activity())).toBe(true);
    expect(canReview(actor('commune_officer', 'current:/01/00002/'), activity())).toBe(false);
    expect(canReview(actor('team_leader', 'current:/01/00001/'), activity())).toBe(false);
  });

  it('reads the actor’s teams once, and only when asked', async () => {
    let reads = 0;
    const own = memoOwnTeams(async () => {
      reads += 1;
      return [{ id: 't-1' }];
    });
    expect(reads).toBe(0);
    await own();
    await own();
    expect(reads).toBe(1);
  });
});

describe('feed cursor', () => {
  it('round-trips a position and refuses anything else in Vietnamese', () => {
    const at = { createdAt: new Date('2026-11-20T03:04:05.678Z'), id: '0193a2b4-1111-7222-8333-444455556666' };
    expect(decodeCursor(encodeCursor(at))).toEqual(at);
    expect(() => decodeCursor('không-phải-con-trỏ')).toThrow(/Con trỏ trang không hợp lệ/);
    expect(() => decodeCursor(Buffer.from('["hôm qua","x"]').toString('base64url'))).toThrow(/Con trỏ trang/);
  });
});
