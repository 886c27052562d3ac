import type { Activity, Indicator } from '../../../shared/schemas/activities.ts';
import type { Actor } from '../../http/context.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import { personalDataScope } from '../teams/people.policy.ts';
import type { ActivityRecord } from './activities.repo.ts';
import { canEdit, canReview, seesPeople, type OwnTeams } from './activities.policy.ts';
import { photoDto } from './activity-photos.service.ts';

/** Indicators of one province by code. */
type IndicatorNames = Map<string, Indicator>;

/** One activity as `actor` sees it: names of its indicators, its people only when the actor sees them. */
function toDto(
  record: ActivityRecord,
  byCode: IndicatorNames,
  isPersonal: boolean,
  rights: Pick<Activity, 'canEdit' | 'canReview'>,
): Activity {
  const { activity: a } = record;
  return {
    id: a.id,
    idempotencyKey: a.idempotencyKey,
    teamId: a.teamId,
    teamName: record.teamName,
    unitCode: record.teamUnitCode,
    communeCode: a.communeCode,
    villageCode: a.villageCode,
    villageName: record.villageName,
    date: a.date,
    values: record.values.map((v) => ({
      indicator: v.indicatorCode,
      name: byCode.get(v.indicatorCode)?.name ?? v.indicatorCode,
      unit: byCode.get(v.indicatorCode)?.unit ?? 'people',
      count: v.count,
    })),
    description: a.description,
    links: a.links,
    photos: isPersonal ? record.photos.map((p) => photoDto(a.id, p)) : [],
    status: a.status as Activity['status'],
    reviewComment: a.reviewComment,
    reviewedAt: a.reviewedAt?.toISOString() ?? null,
    createdByName: isPersonal ? a.createdByName : null,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    ...rights,
  };
}

/** Maps stored activities to the API's DTOs, reading each province's indicator names once per call. */
export function createActivityMapper({ indicators }: { indicators: Pick<IndicatorsService, 'allByCode'> }) {
  /**
   * The DTOs of `records` for `actor`. `known` are the indicators of the first record's province
   * when the caller has them already (a just-created activity).
   */
  return async function toDtos(
    actor: Actor,
    records: readonly ActivityRecord[],
    ownTeams: OwnTeams,
    known?: IndicatorNames,
  ): Promise<Activity[]> {
    const names = new Map<string, IndicatorNames>();
    if (known && records[0]) names.set(records[0].activity.provinceCode, known);
    const visibleTo = personalDataScope(actor);
    const out: Activity[] = [];
    for (const r of records) {
      const { provinceCode } = r.activity;
      if (!names.has(provinceCode)) names.set(provinceCode, await indicators.allByCode(provinceCode));
      const isPersonal = await seesPeople(visibleTo, r.activity, ownTeams);
      const rights = { canEdit: await canEdit(actor, r.activity, ownTeams), canReview: canReview(actor, r.activity) };
      out.push(toDto(r, names.get(provinceCode)!, isPersonal, rights));
    }
    return out;
  };
}

/** The activity mapper: `toDtos`. */
export type ActivityMapper = ReturnType<typeof createActivityMapper>;
