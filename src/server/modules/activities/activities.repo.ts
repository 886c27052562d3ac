import { and, asc, count, desc, eq, gte, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { activities, activityPhotos, activityValues, orgUnits, teams } from '../../db/schema/index.ts';
import { executePrepared } from '../../db/prepared.ts';
import { unitScopeCondition, type UnitScope } from '../../db/scope.ts';
import { likePrefix } from '../../lib/tree-path.ts';

/** A stored activity. */
export type ActivityRow = typeof activities.$inferSelect;
/** A stored photo. */
export type PhotoRow = typeof activityPhotos.$inferSelect;
/** An activity with its team's and village's names, values and photos. */
export interface ActivityRecord {
  activity: ActivityRow;
  teamName: string;
  teamUnitCode: string;
  villageName: string | null;
  values: { indicatorCode: string; count: number }[];
  photos: PhotoRow[];
}

/** What the feed filters on. `before` is the keyset cursor (created_at, id). */
export interface FeedFilter {
  underPath: string;
  indicator?: string;
  teamId?: string;
  from?: string;
  to?: string;
  status?: string;
  before?: { createdAt: Date; id: string };
  limit: number;
}

/** A new activity as written: every column the insert sets. */
export type NewActivity = Omit<ActivityRow, 'recordedPath' | 'status' | 'reviewComment' | 'reviewedByUserId' | 'reviewedAt' | 'deletedAt'>;

/**
 * Inserts an activity, its counts and the `chained` statements (its audit event, its live totals)
 * in ONE statement (the ingest hot path),
 * unless its idempotency key exists: ON CONFLICT waits for a concurrent insert of the same key to
 * commit, then skips. Returns false when the key was already used.
 */
export async function insertActivityOnce(
  db: Db,
  row: NewActivity,
  values: readonly { indicator: string; count: number }[],
  /** Statements over the CTE "created" (the new row, or none): its audit event, its live totals. */
  chained: readonly SQL[],
): Promise<boolean> {
  const rows = await executePrepared<{ id: string }>(
    db,
    sql`
    with created as (
      insert into ${activities} (id, idempotency_key, request_hash, team_id, structure, province_code, commune_code, unit_path, village_code,
        date, description, links, created_by_user_id, created_by_name, created_at, updated_at)
      values (${row.id}, ${row.idempotencyKey}, ${row.requestHash}, ${row.teamId}, ${row.structure}, ${row.provinceCode}, ${row.communeCode}, ${row.unitPath},
        ${row.villageCode}, ${row.date}, ${row.description}, ${JSON.stringify(row.links)}::jsonb, ${row.createdByUserId},
        ${row.createdByName}, ${row.createdAt.toISOString()}, ${row.updatedAt.toISOString()})
      on conflict (idempotency_key) do nothing
      returning id),
    counted as (
      insert into ${activityValues} (activity_id, indicator_code, count)
      select created.id, v.code, v.n from created
      cross join unnest(${sql.param(values.map((v) => v.indicator))}::text[], ${sql.param(values.map((v) => v.count))}::int[]) as v(code, n)),
    ${sql.join(
      chained.map((statement, i) => sql`${sql.raw(`chained_${i}`)} as (${statement})`),
      sql`, `,
    )}
    select id from created`,
  );
  return rows.length === 1;
}

/** The activity created with this idempotency key, deleted or not, with the fingerprint of the request that created it. */
export async function findActivityByKey(db: Db | Tx, key: string): Promise<{ id: string; requestHash: string | null } | null> {
  const [row] = await db
    .select({ id: activities.id, requestHash: activities.requestHash })
    .from(activities)
    .where(eq(activities.idempotencyKey, key));
  return row ?? null;
}

/** Replaces the counts of an activity. */
export async function replaceActivityValues(
  tx: Tx,
  activityId: string,
  values: readonly { indicator: string; count: number }[],
): Promise<void> {
  await tx.delete(activityValues).where(eq(activityValues.activityId, activityId));
  if (values.length > 0)
    await tx.insert(activityValues).values(values.map((v) => ({ activityId, indicatorCode: v.indicator, count: v.count })));
}

/** Updates an activity's own columns. */
export async function updateActivity(tx: Tx, id: string, patch: Partial<typeof activities.$inferInsert>): Promise<void> {
  await tx
    .update(activities)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(activities.id, id));
}

/** The structure of the village an activity names: where it was recorded (ADR 0012). */
const recordedStructure = sql`coalesce(split_part(${activities.recordedPath}, ':', 1), ${activities.structure})`;

async function records(db: Db | Tx, where: SQL | undefined, order: SQL[], limit?: number): Promise<ActivityRecord[]> {
  const query = db
    .select({ activity: activities, teamName: teams.name, teamUnitCode: teams.unitCode, villageName: orgUnits.name })
    .from(activities)
    .innerJoin(teams, eq(teams.id, activities.teamId))
    .leftJoin(orgUnits, and(eq(orgUnits.structure, recordedStructure), eq(orgUnits.code, activities.villageCode)))
    .where(where)
    .orderBy(...order);
  const rows = limit === undefined ? await query : await query.limit(limit);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.activity.id);
  // One after the other: `db` may be a transaction, whose single connection takes one query at a time.
  const values = await db.select().from(activityValues).where(inArray(activityValues.activityId, ids));
  const photos = await db
    .select()
    .from(activityPhotos)
    .where(inArray(activityPhotos.activityId, ids))
    .orderBy(asc(activityPhotos.createdAt), asc(activityPhotos.id));
  return rows.map((r) => ({
    ...r,
    values: values.filter((v) => v.activityId === r.activity.id).map((v) => ({ indicatorCode: v.indicatorCode, count: v.count })),
    photos: photos.filter((p) => p.activityId === r.activity.id),
  }));
}

/** One activity (not deleted) inside `scope`, with its names, values and photos; null when out of scope. */
export async function findActivity(db: Db | Tx, id: string, scope: UnitScope): Promise<ActivityRecord | null> {
  const where = and(eq(activities.id, id), isNull(activities.deletedAt), unitScopeCondition(activities.unitPath, scope));
  const [record] = await records(db, where, []);
  return record ?? null;
}

/** A page of the feed under a unit path, newest first. */
export async function listFeed(db: Db, f: FeedFilter): Promise<ActivityRecord[]> {
  const where = and(
    sql`${activities.unitPath} like ${likePrefix(f.underPath)}`,
    isNull(activities.deletedAt),
    f.teamId ? eq(activities.teamId, f.teamId) : undefined,
    f.from ? gte(activities.date, f.from) : undefined,
    f.to ? lte(activities.date, f.to) : undefined,
    f.status ? eq(activities.status, f.status) : undefined,
    f.indicator
      ? sql`exists (select 1 from ${activityValues} where ${activityValues.activityId} = ${activities.id} and ${activityValues.indicatorCode} = ${f.indicator})`
      : undefined,
    f.before
      ? or(lt(activities.createdAt, f.before.createdAt), and(eq(activities.createdAt, f.before.createdAt), lt(activities.id, f.before.id)))
      : undefined,
  );
  return records(db, where, [desc(activities.createdAt), desc(activities.id)], f.limit);
}

/** The latest activities of some teams (the field app's cache). */
export async function listRecentOfTeams(db: Db, teamIds: readonly string[], limit: number): Promise<ActivityRecord[]> {
  if (teamIds.length === 0) return [];
  return records(
    db,
    and(inArray(activities.teamId, [...teamIds]), isNull(activities.deletedAt)),
    [desc(activities.createdAt), desc(activities.id)],
    limit,
  );
}

/** Number of photos of an activity. */
export async function countPhotos(tx: Db | Tx, activityId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(activityPhotos).where(eq(activityPhotos.activityId, activityId));
  return row?.n ?? 0;
}

/** The photo an activity got from an upload with this client key, or null. */
export async function findPhotoByClientKey(db: Db | Tx, activityId: string, clientKey: string): Promise<PhotoRow | null> {
  const [row] = await db
    .select()
    .from(activityPhotos)
    .where(and(eq(activityPhotos.activityId, activityId), eq(activityPhotos.clientKey, clientKey)));
  return row ?? null;
}

/** Inserts a photo unless the activity already has one from the same client key; null then. */
export async function insertPhotoOnce(tx: Tx, row: typeof activityPhotos.$inferInsert): Promise<PhotoRow | null> {
  const [created] = await tx.insert(activityPhotos).values(row).onConflictDoNothing().returning();
  return created ?? null;
}

/** Removes a photo row. */
export async function deletePhoto(tx: Tx, id: string): Promise<void> {
  await tx.delete(activityPhotos).where(eq(activityPhotos.id, id));
}

/** Locks an activity's row until the transaction ends (serialises photo uploads to it). */
export async function lockActivity(tx: Tx, id: string): Promise<void> {
  await tx.execute(sql`select 1 from ${activities} where ${activities.id} = ${id} for update`);
}

/** An activity a user logged, as a copy of their data shows it. */
export interface AuthoredActivity {
  id: string;
  date: string;
  teamName: string;
  description: string;
  status: string;
  createdAt: Date;
  values: { indicator: string; count: number }[];
}

/** Activities a user logged (deleted ones left out), oldest first, with their counts. */
export async function listAuthoredBy(db: Db, userId: string): Promise<AuthoredActivity[]> {
  return db
    .select({
      id: activities.id,
      date: activities.date,
      teamName: teams.name,
      description: activities.description,
      status: activities.status,
      createdAt: activities.createdAt,
      values: sql<{ indicator: string; count: number }[]>`coalesce((
        select json_agg(json_build_object('indicator', v.indicator_code, 'count', v.count) order by v.indicator_code)
        from ${activityValues} v where v.activity_id = ${activities.id}), '[]'::json)`,
    })
    .from(activities)
    .innerJoin(teams, eq(teams.id, activities.teamId))
    .where(and(eq(activities.createdByUserId, userId), isNull(activities.deletedAt)))
    .orderBy(asc(activities.createdAt), asc(activities.id));
}

/** Replaces the author's name on every activity a user logged; returns how many. */
export async function renameAuthor(tx: Tx, userId: string, name: string): Promise<number> {
  const rows = await tx
    .update(activities)
    .set({ createdByName: name })
    .where(eq(activities.createdByUserId, userId))
    .returning({ id: activities.id });
  return rows.length;
}

/** What a team's counted activities (neither deleted nor sent back) add up to, per month and indicator. */
export async function countedTotalsOfTeam(tx: Tx, teamId: string): Promise<{ month: string; indicator: string; count: number }[]> {
  const rows = await tx
    .select({
      month: sql<string>`to_char(${activities.date}, 'YYYY-MM-01')`,
      indicator: activityValues.indicatorCode,
      count: sql<number>`sum(${activityValues.count})`.mapWith(Number),
    })
    .from(activities)
    .innerJoin(activityValues, eq(activityValues.activityId, activities.id))
    .where(and(eq(activities.teamId, teamId), isNull(activities.deletedAt), sql`${activities.status} <> 'returned'`))
    .groupBy(sql`1`, activityValues.indicatorCode);
  return rows;
}

/**
 * Re-attaches a team's activities to its new unit. Those leaving another structure remember the
 * unit they were recorded under (`recorded_path`), once: a later move keeps the first one.
 */
export async function moveActivitiesOfTeam(
  tx: Tx,
  teamId: string,
  to: { structure: string; provinceCode: string; communeCode: string; unitPath: string },
): Promise<number> {
  const moved = await tx
    .update(activities)
    .set({
      structure: to.structure,
      provinceCode: to.provinceCode,
      communeCode: to.communeCode,
      unitPath: to.unitPath,
      recordedPath: sql`case when ${activities.recordedPath} is null and ${activities.structure} <> ${to.structure} then ${activities.unitPath} else ${activities.recordedPath} end`,
    })
    .where(eq(activities.teamId, teamId))
    .returning({ id: activities.id });
  return moved.length;
}

/** Gives what one account authored to another (two people merged); the number of activities moved. */
export async function reattributeActivities(tx: Tx, fromUserId: string, toUserId: string): Promise<number> {
  const moved = await tx
    .update(activities)
    .set({ createdByUserId: toUserId })
    .where(eq(activities.createdByUserId, fromUserId))
    .returning({ id: activities.id });
  return moved.length;
}
