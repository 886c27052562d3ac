/**
 * Who may see and change a team's budget. Officers act on the teams of their subtree; a team
 * leader's field account (linked to their person) acts only on the teams they lead, although
 * their role sits on the whole commune.
 */
import type { Action } from '../../../shared/permissions.ts';
import { isInScope, type UnitScope } from '../../db/scope.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import type { TeamWithUnit } from '../teams/teams.repo.ts';
import type { BudgetReach } from './budgets.repo.ts';
import type { TeamsService } from '../teams/teams.service.ts';

const TEAM_ROLES = new Set(['team_leader', 'team_member']);

/** The subtrees where the actor holds `action` through an officer role (team roles excluded). */
export function officerScope(actor: Actor, action: Action): UnitScope {
  return scopeFor({ ...actor, assignments: actor.assignments.filter((a) => !TEAM_ROLES.has(a.role)) }, action);
}

/** Union of scopes. */
function union(...scopes: UnitScope[]): UnitScope {
  if (scopes.includes('all')) return 'all';
  return scopes.flatMap((s) => [...s]);
}

/** Officers who read budgets: the province (manage), the commune (spend), and anyone managing teams (districts). */
export function budgetReadScope(actor: Actor): UnitScope {
  return union(officerScope(actor, 'budget.manage'), officerScope(actor, 'budget.spend'), officerScope(actor, 'team.manage'));
}

/** True when the actor may look at budgets at all. */
export function canReadBudgets(actor: Actor): boolean {
  return hasAction(actor, 'budget.manage') || hasAction(actor, 'budget.spend') || hasAction(actor, 'team.manage');
}

/** Team access for the budget module. */
export function createBudgetAccess(teams: TeamsService) {
  /** Teams the actor's person leads (active leader membership), when the account may spend. */
  async function ledTeamIds(actor: Actor): Promise<string[]> {
    if (!actor.personId || !hasAction(actor, 'budget.spend')) return [];
    return (await teams.teamsOfPerson(actor.personId)).filter((t) => t.role === 'leader').map((t) => t.id);
  }

  async function ledTeam(actor: Actor, teamId: string): Promise<TeamWithUnit | null> {
    if (!(await ledTeamIds(actor)).includes(teamId)) return null;
    return teams.findInScope(teamId, 'all');
  }

  return {
    ledTeamIds,

    /** The teams whose budget rows the actor reads, for the repo's queries. */
    async reach(actor: Actor): Promise<BudgetReach> {
      return { scope: budgetReadScope(actor), ledTeamIds: await ledTeamIds(actor) };
    },

    /** A team whose budget the actor may read; 403 without any budget right, 404 out of scope. */
    async readable(actor: Actor, teamId: string): Promise<TeamWithUnit> {
      if (!canReadBudgets(actor)) throw forbidden();
      const scope = budgetReadScope(actor);
      const team = (scope === 'all' || scope.length > 0 ? await teams.findInScope(teamId, scope) : null) ?? (await ledTeam(actor, teamId));
      if (!team) throw notFound('tổ công nghệ số này');
      return team;
    },

    /** A team whose expenses and dossier the actor may change (the commune, or the team's leader). */
    async spendable(actor: Actor, teamId: string): Promise<TeamWithUnit> {
      if (!hasAction(actor, 'budget.spend')) throw forbidden();
      const scope = officerScope(actor, 'budget.spend');
      const team = (scope === 'all' || scope.length > 0 ? await teams.findInScope(teamId, scope) : null) ?? (await ledTeam(actor, teamId));
      if (!team) throw notFound('tổ công nghệ số này (bạn chỉ lập hồ sơ cho tổ của mình)');
      return team;
    },

    /** True when the actor may change the team's expenses (rights only; the dossier's state is checked apart). */
    async canSpend(actor: Actor, team: TeamWithUnit): Promise<boolean> {
      if (!hasAction(actor, 'budget.spend')) return false;
      return isInScope(officerScope(actor, 'budget.spend'), team.unitPath) || (await ledTeamIds(actor)).includes(team.id);
    },

    /** True when the actor reviews the team's dossier (the province). */
    canReview(actor: Actor, unitPath: string): boolean {
      return isInScope(scopeFor(actor, 'budget.manage'), unitPath);
    },
  };
}

/** The budget access helpers. */
export type BudgetAccess = ReturnType<typeof createBudgetAccess>;
