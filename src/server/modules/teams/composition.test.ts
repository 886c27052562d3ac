import { describe, expect, it } from 'vitest';
import { compositionWarnings, DEFAULT_COMPOSITION, type TeamComposition } from './composition.ts';

const team = (over: Partial<TeamComposition>): TeamComposition => ({
  level: 'village',
  leaders: 1,
  deputies: 1,
  members: 3,
  peopleInOtherTeams: [],
  ...over,
});
const codes = (c: TeamComposition) => compositionWarnings(c, DEFAULT_COMPOSITION).map((w) => w.code);

describe('composition warnings (seed 002 defaults)', () => {
  it('accepts one leader, one deputy and 2–5 members', () => {
    expect(codes(team({}))).toEqual([]);
    expect(codes(team({ deputies: 0, members: 2 }))).toEqual([]);
    expect(codes(team({ members: 5 }))).toEqual([]);
  });

  it('warns about a missing or extra leader, extra deputies and member counts', () => {
    expect(codes(team({ leaders: 0 }))).toEqual(['NO_LEADER']);
    expect(codes(team({ leaders: 2, deputies: 2 }))).toEqual(['MANY_LEADERS', 'MANY_DEPUTIES']);
    expect(codes(team({ members: 1 }))).toEqual(['TOO_FEW_MEMBERS']);
    expect(codes(team({ members: 6 }))).toEqual(['TOO_MANY_MEMBERS']);
  });

  it('has no member limits for commune teams by default, but the province can set them', () => {
    expect(codes(team({ level: 'commune', members: 12 }))).toEqual([]);
    const tuyenQuang = { ...DEFAULT_COMPOSITION, commune: { minMembers: null, maxMembers: 10 } };
    expect(compositionWarnings(team({ level: 'commune', members: 12 }), tuyenQuang)[0]?.message).toBe('Tổ có 12 Tổ viên (tối đa 10).');
  });

  it('flags each person active in another team', () => {
    const w = compositionWarnings(team({ peopleInOtherTeams: [{ personId: 'p1', fullName: 'Nguyễn Văn A' }] }), DEFAULT_COMPOSITION);
    expect(w).toEqual([{ code: 'PERSON_IN_MANY_TEAMS', message: 'Nguyễn Văn A đang là thành viên của tổ khác.', personId: 'p1' }]);
  });
});
