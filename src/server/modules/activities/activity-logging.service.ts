import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Activity, Indicator, activityCreateSchema } from '../../../shared/schemas/activities.ts';
import { normalizeText } from '../../../shared/text.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../http/errors.ts';
import { scopeFor, type Actor } from '../../http/context.ts';
import { keyReused, requestFingerprint } from '../../lib/request-fingerprint.ts';
import { auditActorOf, auditStatementFor } from '../audit/audit.service.ts';
import type { ClosedPeriodsService } from '../reports/closed-periods.service.ts';
import type { RollupKey } from '../rollups/rollup-keys.ts';
import type { RollupsService } from '../rollups/rollups.service.ts';
import type { TeamWithUnit } from '../teams/teams.repo.ts';
import { findActivity, findActivityByKey, insertActivityOnce, type ActivityRecord, type NewActivity } from './activities.repo.ts';
import type { ActivityChecks, CheckedPlace } from './activity-checks.ts';
import { unitPathsOf } from './activity-counts.ts';

type CreateInput = z.infer<typeof activityCreateSchema>;

/** The result of logging: the activity, and whether this request created it. */
export interface Logged {
  created: boolean;
  activity: Activity;
}

interface Deps {
  db: Db;
  clock: () => Date;
  rollups: Pick<RollupsService, 'keysOf' | 'deltas' | 'upsertFrom' | 'write'>;
  closedPeriods: Pick<ClosedPeriodsService, 'assertOpen'>;
  checks: ActivityChecks;
  /** The DTOs of records as the actor sees them; `known` are the indicators of their province. */
  present: (actor: Actor, records: ActivityRecord[], known?: Map<string, Indicator>) => Promise<Activity[]>;
}

/** What a new activity was checked against before it is written. */
interface Checked {
  team: TeamWithUnit;
  place: CheckedPlace;
  keys: RollupKey[];
}

/** The row a new activity is stored as. */
function newActivity(actor: Actor, key: string, requestHash: string, { team, place }: Checked, input: CreateInput, now: Date): NewActivity {
  return {
    id: randomUUID(),
    idempotencyKey: key,
    requestHash,
    teamId: team.id,
    structure: team.structure,
    provinceCode: team.provinceCode,
    communeCode: team.communeCode,
    unitPath: team.unitPath,
    villageCode: place.villageCode,
    date: input.date,
    description: normalizeText(input.description),
    links: input.links,
    createdByUserId: actor.userId,
    createdByName: actor.displayName,
    createdAt: now,
    updatedAt: now,
  };
}

/** The record of an activity just inserted: everything the answer shows is known, no need to read it back. */
function insertedRecord(row: NewActivity, { team, place }: Checked, input: CreateInput): ActivityRecord {
  return {
    activity: {
      ...row,
      recordedPath: null,
      status: 'submitted',
      reviewComment: null,
      reviewedByUserId: null,
      reviewedAt: null,
      deletedAt: null,
    },
    teamName: team.name,
    teamUnitCode: team.unitCode,
    villageName: place.villageName,
    values: input.values.map((v) => ({ indicatorCode: v.indicator, count: v.count })),
    photos: [],
  };
}

/** Logging an activity: once per idempotency key, with its counts, audit event and live totals in one statement. */
export function createActivityLogging({ db, clock, rollups, closedPeriods, checks, present }: Deps) {
  /** The answer to a replay of `key`: the activity its first request created, when the request is the same and the actor sees it. */
  async function replay(actor: Actor, requestHash: string, first: { id: string; requestHash: string | null } | null): Promise<Logged> {
    if (first?.requestHash && first.requestHash !== requestHash) throw keyReused('một hoạt động với nội dung khác');
    const record = first ? await findActivity(db, first.id, scopeFor(actor, 'unit.read')) : null;
    if (!record) throw new AppError('CONFLICT', 'Mã chống trùng (Idempotency-Key) này đã được dùng cho một hoạt động khác.');
    return { created: false, activity: (await present(actor, [record]))[0]! };
  }

  /** The team, place and rollup keys of a new activity, after every check; or, when a check fails, the first attempt stored with `key`. */
  async function check(
    actor: Actor,
    key: string,
    input: CreateInput,
  ): Promise<Checked | { first: { id: string; requestHash: string | null } }> {
    try {
      const team = await checks.teamForLogging(actor, input.teamId);
      const place = await checks.validate(team, input);
      const keys = await rollups.keysOf(team);
      await closedPeriods.assertOpen(unitPathsOf(keys), [input.date]);
      return { team, place, keys };
    } catch (err) {
      // A retry whose first attempt was stored answers with it, even if the team or the day has changed since.
      const first = err instanceof AppError ? await findActivityByKey(db, key) : null;
      if (first) return { first };
      throw err;
    }
  }

  return {
    /**
     * Logs an activity once per idempotency key: a replay (retry, double tap, 20 parallel copies)
     * returns the activity the first request created, with `created: false`. The happy path is
     * four statements: session, team, indicators, and one insert of the activity, its counts and
     * its audit event.
     */
    async create(actor: Actor, key: string, input: CreateInput): Promise<Logged> {
      const requestHash = requestFingerprint(input);
      const checked = await check(actor, key, input);
      if ('first' in checked) return replay(actor, requestHash, checked.first);
      const now = clock();
      const row = newActivity(actor, key, requestHash, checked, input, now);
      const audit = auditStatementFor(
        auditActorOf(actor),
        {
          at: now,
          action: 'activity.create',
          entityType: 'activity',
          unitPath: row.unitPath,
          after: { teamId: row.teamId, date: input.date, villageCode: row.villageCode, values: input.values },
        },
        'created',
      );
      const counts = rollups.upsertFrom(
        rollups.deltas([{ keys: checked.keys, date: input.date, values: input.values, sign: 1 }]),
        'created',
      );
      if (!(await rollups.write(() => insertActivityOnce(db, row, input.values, [audit, counts])))) {
        return replay(actor, requestHash, await findActivityByKey(db, key));
      }
      return { created: true, activity: (await present(actor, [insertedRecord(row, checked, input)], checked.place.indicators))[0]! };
    },
  };
}
