import type { TeamWarning } from '../../../shared/schemas/teams.ts';

/** Size limits for teams; configurable per province (domain.md §3). */
export interface CompositionRules {
  maxLeaders: number;
  maxDeputies: number;
  /** Limits on further members (Tổ viên), per team level; null = no limit. */
  village: { minMembers: number | null; maxMembers: number | null };
  commune: { minMembers: number | null; maxMembers: number | null };
}

/** The seed 002 rule: one leader, at most one deputy, 2–5 further members in a village team. */
export const DEFAULT_COMPOSITION: CompositionRules = {
  maxLeaders: 1,
  maxDeputies: 1,
  village: { minMembers: 2, maxMembers: 5 },
  commune: { minMembers: null, maxMembers: null },
};

/** Counts of a team's active members by role, and people also active in another team. */
export interface TeamComposition {
  level: 'village' | 'commune';
  leaders: number;
  deputies: number;
  members: number;
  /** People of this team who hold another active membership. */
  peopleInOtherTeams: { personId: string; fullName: string }[];
}

/** Warnings for a team under the rules; they inform, they never block saving. */
export function compositionWarnings(c: TeamComposition, rules: CompositionRules): TeamWarning[] {
  const out: TeamWarning[] = [];
  const add = (code: TeamWarning['code'], message: string, personId: string | null = null) => out.push({ code, message, personId });
  if (c.leaders === 0) add('NO_LEADER', 'Tổ chưa có Tổ trưởng.');
  if (c.leaders > rules.maxLeaders) add('MANY_LEADERS', `Tổ có ${c.leaders} Tổ trưởng (tối đa ${rules.maxLeaders}).`);
  if (c.deputies > rules.maxDeputies) add('MANY_DEPUTIES', `Tổ có ${c.deputies} Tổ phó (tối đa ${rules.maxDeputies}).`);
  const limits = rules[c.level];
  if (limits.minMembers !== null && c.members < limits.minMembers) {
    add('TOO_FEW_MEMBERS', `Tổ có ${c.members} Tổ viên (tối thiểu ${limits.minMembers}).`);
  }
  if (limits.maxMembers !== null && c.members > limits.maxMembers) {
    add('TOO_MANY_MEMBERS', `Tổ có ${c.members} Tổ viên (tối đa ${limits.maxMembers}).`);
  }
  for (const p of c.peopleInOtherTeams) {
    add('PERSON_IN_MANY_TEAMS', `${p.fullName} đang là thành viên của tổ khác.`, p.personId);
  }
  return out;
}
