/**
 * What teams achieved in a year, summed in SQL from their activities: every activity dated in the
 * year under a unit path, not deleted and not returned for correction (submitted or verified).
 */
import { and, eq, gte, isNull, like, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { activities, activityValues } from '../../db/schema/index.ts';
import { unitScopeCondition, type UnitScope } from '../../db/scope.ts';
import { likePrefix } from '../../lib/tree-path.ts';

const achieved = sql<number>`sum(${activityValues.count})`.mapWith(Number);

function counted(underPath: string, year: number, scope: UnitScope): SQL | undefined {
  return and(
    like(activities.unitPath, likePrefix(underPath)),
    gte(activities.date, `${year}-01-01`),
    lte(activities.date, `${year}-12-31`),
    isNull(activities.deletedAt),
    ne(activities.status, 'returned'),
    unitScopeCondition(activities.unitPath, scope),
  );
}

/** Achieved per indicator under a unit path in a year. */
export function achievedByIndicator(db: Db, underPath: string, year: number, scope: UnitScope) {
  return db
    .select({ indicatorCode: activityValues.indicatorCode, achieved })
    .from(activityValues)
    .innerJoin(activities, eq(activities.id, activityValues.activityId))
    .where(counted(underPath, year, scope))
    .groupBy(activityValues.indicatorCode);
}

/** Achieved per team and indicator under a unit path in a year. */
export function achievedByTeam(db: Db, underPath: string, year: number, scope: UnitScope) {
  return db
    .select({ teamId: activities.teamId, indicatorCode: activityValues.indicatorCode, achieved })
    .from(activityValues)
    .innerJoin(activities, eq(activities.id, activityValues.activityId))
    .where(counted(underPath, year, scope))
    .groupBy(activities.teamId, activityValues.indicatorCode);
}
