import { MAX_PHOTOS, type Activity, type FieldBootstrap } from '../../../shared/schemas/activities.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { forbidden } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import type { VillagesService } from '../org-units/villages.service.ts';
import type { TeamWithUnit } from '../teams/teams.repo.ts';
import { vnDate, type TeamsService } from '../teams/teams.service.ts';
import { ACCEPTED_PHOTO_TYPES, MAX_PHOTO_BYTES } from './photos.ts';

interface BootstrapDeps {
  clock: () => Date;
  teams: TeamsService;
  villages: VillagesService;
  indicators: IndicatorsService;
  /** The teams the actor is an active member of. */
  memberTeams: (actor: Actor) => Promise<TeamWithUnit[]>;
  /** The latest activities of these teams, as the actor sees them. */
  recentOf: (actor: Actor, teamIds: string[]) => Promise<Activity[]>;
}

/** The field app's bootstrap: what it caches to work offline. */
export function createFieldBootstrap({ clock, teams, villages, indicators, memberTeams, recentOf }: BootstrapDeps) {
  /** What the field app caches: the member's teams with their villages, indicators, recent activities, limits. */
  return async function bootstrap(actor: Actor): Promise<FieldBootstrap> {
    if (!hasAction(actor, 'activity.log')) throw forbidden();
    let own = await memberTeams(actor);
    if (own.length === 0) {
      const commune = actor.assignments.find((a) => a.unitCode && a.role === 'commune_officer');
      if (commune) {
        own = await teams.activeRowsUnder(commune.structure as Structure, commune.unitCode!, scopeFor(actor, 'unit.read'), 200);
      }
    }
    const villagesOf = new Map<string, { code: string; name: string }[]>();
    for (const t of own) {
      const key = `${t.structure}:${t.communeCode}`;
      if (!villagesOf.has(key)) {
        const list = await villages.list(actor, t.structure as Structure, t.communeCode, false);
        villagesOf.set(
          key,
          list.items.map((v) => ({ code: v.code, name: v.name })),
        );
      }
    }
    const province = own[0]?.provinceCode ?? null;
    const indicatorList = province
      ? [...(await indicators.activeByCode(province)).values()]
      : (await indicators.list(actor, { includeRetired: false })).items;
    return {
      user: { displayName: actor.displayName, username: actor.username },
      teams: own.map((t) => ({
        id: t.id,
        name: t.name,
        unitCode: t.unitCode,
        communeCode: t.communeCode,
        villages: villagesOf.get(`${t.structure}:${t.communeCode}`)!,
      })),
      indicators: indicatorList,
      recent: await recentOf(
        actor,
        own.map((t) => t.id),
      ),
      limits: { maxPhotoBytes: MAX_PHOTO_BYTES, maxPhotos: MAX_PHOTOS, acceptedTypes: [...ACCEPTED_PHOTO_TYPES] },
      today: vnDate(clock()),
    };
  };
}
