import type { z } from 'zod';
import { formatViDate } from '../../../shared/days.ts';
import type { Indicator, activityCreateSchema } from '../../../shared/schemas/activities.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { TeamWithUnit } from '../teams/teams.repo.ts';
import { vnDate, type TeamsService } from '../teams/teams.service.ts';

/** Earliest activity date accepted (the programme started in 2022). */
const EARLIEST_DATE = '2020-01-01';

/** What a new or edited activity says about its day, place and counts. */
export interface ActivityFacts {
  date?: string;
  villageCode?: string | null;
  values?: z.infer<typeof activityCreateSchema>['values'];
}

/** Where an activity is stored, and the indicators it was checked against (by code). */
export interface CheckedPlace {
  villageCode: string | null;
  villageName: string | null;
  indicators: Map<string, Indicator>;
}

interface Deps {
  clock: () => Date;
  teams: Pick<TeamsService, 'findInScope' | 'activeTeamOfMember'>;
  indicators: Pick<IndicatorsService, 'activeByCode'>;
  orgUnits: Pick<OrgUnitsService, 'findInScope'>;
}

/** The checks an activity passes before it is logged or edited: the team it is logged for, its day, place and indicators. */
export function createActivityChecks({ clock, teams, indicators, orgUnits }: Deps) {
  /** Checks the day: not after today (Vietnam time), not before the programme. */
  function checkDate(date: string): void {
    const today = vnDate(clock());
    if (date > today) throw new AppError('VALIDATION', `Ngày hoạt động không được sau hôm nay (${formatViDate(today)}).`);
    if (date < EARLIEST_DATE) throw new AppError('VALIDATION', 'Ngày hoạt động quá xa trong quá khứ.');
  }

  return {
    /** The active team `actor` may log for: one in their team.manage scope, or their own as a member. */
    async teamForLogging(actor: Actor, teamId: string): Promise<TeamWithUnit> {
      if (!hasAction(actor, 'activity.log')) throw forbidden();
      const officerScope = scopeFor(actor, 'team.manage');
      let team = officerScope === 'all' || officerScope.length > 0 ? await teams.findInScope(teamId, officerScope) : null;
      if (!team && actor.personId) team = await teams.activeTeamOfMember(actor.personId, teamId);
      if (!team) throw notFound('tổ công nghệ số này (bạn chỉ ghi nhận được cho tổ của mình)');
      if (team.status !== 'active') throw new AppError('VALIDATION', `${team.name} đã giải thể, không ghi nhận hoạt động mới.`);
      return team;
    },

    /** Checks date, place and indicators against the team; returns the place to store and the indicators by code. */
    async validate(team: TeamWithUnit, input: ActivityFacts): Promise<CheckedPlace> {
      if (input.date !== undefined) checkDate(input.date);
      let active = new Map<string, Indicator>();
      if (input.values) {
        active = await indicators.activeByCode(team.provinceCode);
        const unknown = input.values.filter((v) => !active.has(v.indicator)).map((v) => v.indicator);
        if (unknown.length > 0)
          throw new AppError('VALIDATION', `Chỉ số không tồn tại hoặc đã ngừng dùng: ${unknown.join(', ')}.`, { indicators: unknown });
      }
      if (input.villageCode) {
        const village = await orgUnits.findInScope(team.structure as Structure, input.villageCode, 'all');
        if (!village || village.level !== 'village' || village.parentCode !== team.communeCode || village.retiredAt) {
          throw new AppError('VALIDATION', `Thôn/ấp mã ${input.villageCode} không thuộc xã/phường của tổ.`);
        }
        return { villageCode: village.code, villageName: village.name, indicators: active };
      }
      const own = input.villageCode !== null && team.level === 'village';
      return { villageCode: own ? team.unitCode : null, villageName: own ? team.unitName : null, indicators: active };
    },
  };
}

/** The activity checks' surface. */
export type ActivityChecks = ReturnType<typeof createActivityChecks>;
