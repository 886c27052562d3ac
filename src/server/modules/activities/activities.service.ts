import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  type Activity,
  type Indicator,
  type activityCreateSchema,
  type activityFeedQuerySchema,
  type activityUpdateSchema,
} from '../../../shared/schemas/activities.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { normalizeText } from '../../../shared/text.ts';
import type { BlobStore } from '../../blob/blob-store.ts';
import type { Db, Tx } from '../../db/client.ts';
import { AppError, forbidden, notFound, personalDataForbidden } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { keyReused, requestFingerprint } from '../../lib/request-fingerprint.ts';
import { isInScope as covers } from '../../db/scope.ts';
import { auditActorOf, auditStatementFor, recordAudit, recordPersonalDataRead } from '../audit/audit.service.ts';
import { personalDataScope, seesEveryoneUnder, type PersonalDataScope } from '../teams/people.policy.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { VillagesService } from '../org-units/villages.service.ts';
import type { ClosedPeriodsService } from '../reports/closed-periods.service.ts';
import type { RollupKey } from '../rollups/rollup-keys.ts';
import type { RollupsService } from '../rollups/rollups.service.ts';
import type { TeamWithUnit } from '../teams/teams.repo.ts';
import { vnDate, type TeamsService } from '../teams/teams.service.ts';
import {
  findActivity,
  findActivityByKey,
  insertActivityOnce,
  listFeed,
  listRecentOfTeams,
  lockActivity,
  reattributeActivities,
  replaceActivityValues,
  updateActivity,
  type ActivityRecord,
  type NewActivity,
} from './activities.repo.ts';
import { createActivityPhotos, photoDto } from './activity-photos.service.ts';
import { createFieldBootstrap } from './field-bootstrap.service.ts';
import { returnedNotice } from './returned-notice.ts';

interface Deps {
  db: Db;
  clock: () => Date;
  blobs: BlobStore;
  teams: TeamsService;
  indicators: IndicatorsService;
  orgUnits: OrgUnitsService;
  villages: VillagesService;
  rollups: RollupsService;
  notifications: Pick<NotificationsService, 'notify'>;
  closedPeriods: Pick<ClosedPeriodsService, 'assertOpen'>;
}

type CreateInput = z.infer<typeof activityCreateSchema>;
type UpdateInput = z.infer<typeof activityUpdateSchema>;

/** Earliest activity date accepted (the programme started in 2022). */
const EARLIEST_DATE = '2020-01-01';

/** The unit paths among an activity's rollup keys: its unit and every unit above (a legacy team's successor too). */
const unitPathsOf = (keys: readonly RollupKey[]) => keys.map((k) => k.key).filter((k) => !k.startsWith('team:'));

function encodeCursor(r: ActivityRecord): string {
  return Buffer.from(JSON.stringify([r.activity.createdAt.toISOString(), r.activity.id])).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const createdAt = new Date(at);
    if (Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad cursor');
    return { createdAt, id };
  } catch {
    throw new AppError('VALIDATION', 'Con trỏ trang không hợp lệ: hãy tải lại danh sách.');
  }
}

/**
 * Activities: what a team did, with counts per indicator and photos. Team members log for their
 * own teams (their account is linked to their person); officers log for any team in their scope.
 * Creation is idempotent on the client's key; the commune verifies or sends back.
 */
export function createActivitiesService({ db, clock, blobs, teams, indicators, orgUnits, villages, rollups, notifications, closedPeriods }: Deps) {
  /** Counts move the live totals only while an activity is neither deleted nor sent back. */
  const isCounted = (a: { status: string; deletedAt: Date | null }) => a.deletedAt === null && a.status !== 'returned';

  /**
   * Runs `change` on the activity locked inside a transaction and moves the live totals from what
   * counted before to what counts after, in the same transaction. The keys are resolved first:
   * they depend only on the team, and PGlite must not be queried outside the transaction inside it.
   */
  async function withCountedChange(
    record: ActivityRecord,
    change: (tx: Tx, current: ActivityRecord) => Promise<{ counted: boolean; date: string; values: { indicator: string; count: number }[] }>,
  ) {
    const keys = await rollups.keysOf({ ...record.activity, id: record.activity.teamId });
    await db.transaction(async (tx) => {
      await lockActivity(tx, record.activity.id);
      const current = (await findActivity(tx, record.activity.id)) ?? record;
      const after = await change(tx, current);
      // Nothing changes in a period whose report is approved, on its old day or its new one.
      await closedPeriods.assertOpen(unitPathsOf(keys), [current.activity.date, after.date], tx);
      const before = current.values.map((v) => ({ indicator: v.indicatorCode, count: v.count }));
      await rollups.apply(
        tx,
        rollups.deltas([
          ...(isCounted(current.activity) ? [{ keys, date: current.activity.date, values: before, sign: -1 as const }] : []),
          ...(after.counted ? [{ keys, date: after.date, values: after.values, sign: 1 as const }] : []),
        ]),
      );
    });
  }

  /** The actor's teams as a member (active memberships of the linked person). */
  async function memberTeams(actor: Actor): Promise<TeamWithUnit[]> {
    return actor.personId ? teams.teamsOfPerson(actor.personId) : [];
  }

  async function teamForLogging(actor: Actor, teamId: string): Promise<TeamWithUnit> {
    if (!hasAction(actor, 'activity.log')) throw forbidden();
    const officerScope = scopeFor(actor, 'team.manage');
    let team = officerScope === 'all' || officerScope.length > 0 ? await teams.findInScope(teamId, officerScope) : null;
    if (!team && actor.personId) team = await teams.activeTeamOfMember(actor.personId, teamId);
    if (!team) throw notFound('tổ công nghệ số này (bạn chỉ ghi nhận được cho tổ của mình)');
    if (team.status !== 'active') throw new AppError('VALIDATION', `${team.name} đã giải thể, không ghi nhận hoạt động mới.`);
    return team;
  }

  /**
   * Who may edit: officers over the team, the author, and the team's members. `ownTeams` memoises
   * the actor's member teams so a page of activities reads them once, not once per activity.
   */
  async function canEdit(actor: Actor, r: ActivityRecord, ownTeams = memoOwnTeams(actor)): Promise<boolean> {
    if (r.activity.status === 'verified' || !hasAction(actor, 'activity.log')) return false;
    if (covers(scopeFor(actor, 'team.manage'), r.activity.unitPath)) return true;
    if (r.activity.createdByUserId === actor.userId) return true;
    return (await ownTeams()).has(r.activity.teamId);
  }

  function memoOwnTeams(actor: Actor): () => Promise<Set<string>> {
    let ids: Promise<Set<string>> | null = null;
    return () => (ids ??= memberTeams(actor).then((teams) => new Set(teams.map((t) => t.id))));
  }

  const canReview = (actor: Actor, r: ActivityRecord) => covers(scopeFor(actor, 'activity.review'), r.activity.unitPath);

  /**
   * Who logged an activity and its photos are personal data: shown to officers over the team and
   * to the team's own members, not to other teams or partners (they see the counts).
   */
  async function seesPeople(visibleTo: PersonalDataScope, r: ActivityRecord, ownTeams: () => Promise<Set<string>>): Promise<boolean> {
    // The actor's own teams are read only when the unit alone does not decide.
    return seesEveryoneUnder(visibleTo, r.activity.unitPath) || (await ownTeams()).has(r.activity.teamId);
  }

  async function toDtos(actor: Actor, records: ActivityRecord[], known?: Map<string, Indicator>): Promise<Activity[]> {
    const names = new Map<string, Map<string, Indicator>>();
    if (known && records[0]) names.set(records[0].activity.provinceCode, known);
    const ownTeams = memoOwnTeams(actor);
    const visibleTo = personalDataScope(actor);
    const out: Activity[] = [];
    for (const r of records) {
      const a = r.activity;
      const isPersonal = await seesPeople(visibleTo, r, ownTeams);
      if (!names.has(a.provinceCode)) names.set(a.provinceCode, await indicators.allByCode(a.provinceCode));
      const byCode = names.get(a.provinceCode)!;
      out.push({
        id: a.id,
        idempotencyKey: a.idempotencyKey,
        teamId: a.teamId,
        teamName: r.teamName,
        unitCode: r.teamUnitCode,
        communeCode: a.communeCode,
        villageCode: a.villageCode,
        villageName: r.villageName,
        date: a.date,
        values: r.values.map((v) => ({
          indicator: v.indicatorCode,
          name: byCode.get(v.indicatorCode)?.name ?? v.indicatorCode,
          unit: byCode.get(v.indicatorCode)?.unit ?? 'people',
          count: v.count,
        })),
        description: a.description,
        links: a.links,
        photos: isPersonal ? r.photos.map((p) => photoDto(a.id, p)) : [],
        status: a.status as Activity['status'],
        reviewComment: a.reviewComment,
        reviewedAt: a.reviewedAt?.toISOString() ?? null,
        createdByName: isPersonal ? a.createdByName : null,
        createdAt: a.createdAt.toISOString(),
        updatedAt: a.updatedAt.toISOString(),
        canEdit: await canEdit(actor, r, ownTeams),
        canReview: canReview(actor, r),
      });
    }
    return out;
  }

  /** An activity the actor can see (unit.read over the team's unit). */
  async function visible(actor: Actor, id: string): Promise<ActivityRecord> {
    const record = await findActivity(db, id);
    if (!record || !covers(scopeFor(actor, 'unit.read'), record.activity.unitPath)) throw notFound('hoạt động này');
    return record;
  }

  async function editable(actor: Actor, id: string): Promise<ActivityRecord> {
    const record = await visible(actor, id);
    if (record.activity.status === 'verified') throw new AppError('CONFLICT', 'Hoạt động đã được xác nhận nên không sửa hay xóa được nữa.');
    if (!(await canEdit(actor, record))) throw forbidden();
    return record;
  }

  /** Checks date, place and indicators against the team; returns the place to store and the indicators by code. */
  async function validate(team: TeamWithUnit, input: { date?: string; villageCode?: string | null; values?: CreateInput['values'] }) {
    if (input.date !== undefined) {
      const today = vnDate(clock());
      if (input.date > today) throw new AppError('VALIDATION', `Ngày hoạt động không được sau hôm nay (${today.split('-').reverse().join('/')}).`);
      if (input.date < EARLIEST_DATE) throw new AppError('VALIDATION', 'Ngày hoạt động quá xa trong quá khứ.');
    }
    let active = new Map<string, Indicator>();
    if (input.values) {
      active = await indicators.activeByCode(team.provinceCode);
      const unknown = input.values.filter((v) => !active.has(v.indicator)).map((v) => v.indicator);
      if (unknown.length > 0) throw new AppError('VALIDATION', `Chỉ số không tồn tại hoặc đã ngừng dùng: ${unknown.join(', ')}.`, { indicators: unknown });
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
  }

  async function review(actor: Actor, id: string, status: 'verified' | 'returned', comment: string | null) {
    if (!hasAction(actor, 'activity.review')) throw forbidden();
    const record = await visible(actor, id);
    if (!canReview(actor, record)) throw notFound('hoạt động này');
    const now = clock();
    await withCountedChange(record, async (tx, current) => {
      await updateActivity(tx, id, { status, reviewComment: comment, reviewedByUserId: actor.userId, reviewedAt: now });
      await recordAudit(tx, auditActorOf(actor), {
        at: now,
        action: status === 'verified' ? 'activity.verify' : 'activity.return',
        entityType: 'activity',
        entityId: id,
        unitPath: current.activity.unitPath,
        before: { status: current.activity.status },
        after: { status, comment },
      });
      const notice = status === 'returned' ? returnedNotice(current, comment!, actor.userId, now) : null;
      if (notice) await notifications.notify(tx, [notice]);
      const values = current.values.map((v) => ({ indicator: v.indicatorCode, count: v.count }));
      return { counted: status !== 'returned', date: current.activity.date, values };
    });
    return get(actor, id);
  }

  async function get(actor: Actor, id: string): Promise<Activity> {
    const [dto] = await toDtos(actor, [await visible(actor, id)]);
    return dto!;
  }

  const photos = createActivityPhotos({
    db, clock, blobs, editable,
    visibleWithPeople: async (actor, id) => {
      const record = await visible(actor, id);
      if (!(await seesPeople(personalDataScope(actor), record, memoOwnTeams(actor)))) throw personalDataForbidden();
      return record;
    },
  });
  const fieldBootstrap = createFieldBootstrap({ clock, teams, villages, indicators, memberTeams, recentOf: async (actor, teamIds) => toDtos(actor, await listRecentOfTeams(db, teamIds, 20)) });

  return {
    get,

    /** Inside a merge of two people (the caller's transaction, audited there): what one account authored goes to another. */
    reattributeAuthor(tx: Tx, fromUserId: string, toUserId: string) {
      return reattributeActivities(tx, fromUserId, toUserId);
    },

    /**
     * Logs an activity once per idempotency key: a replay (retry, double tap, 20 parallel copies)
     * returns the activity the first request created, with `created: false`. The happy path is
     * four statements: session, team, indicators, and one insert of the activity, its counts and
     * its audit event.
     */
    async create(actor: Actor, key: string, input: CreateInput): Promise<{ created: boolean; activity: Activity }> {
      const requestHash = requestFingerprint(input);
      const replay = async (first: { id: string; requestHash: string | null } | null) => {
        if (first?.requestHash && first.requestHash !== requestHash) throw keyReused('một hoạt động với nội dung khác');
        const record = first ? await findActivity(db, first.id) : null;
        if (!record || !covers(scopeFor(actor, 'unit.read'), record.activity.unitPath)) {
          throw new AppError('CONFLICT', 'Mã chống trùng (Idempotency-Key) này đã được dùng cho một hoạt động khác.');
        }
        return { created: false, activity: (await toDtos(actor, [record]))[0]! };
      };
      let checked: { team: TeamWithUnit; place: Awaited<ReturnType<typeof validate>>; keys: RollupKey[] };
      try {
        const team = await teamForLogging(actor, input.teamId);
        const place = await validate(team, input);
        const keys = await rollups.keysOf(team);
        await closedPeriods.assertOpen(unitPathsOf(keys), [input.date]);
        checked = { team, place, keys };
      } catch (err) {
        // A retry whose first attempt was stored answers with it, even if the team or the day has changed since.
        const first = err instanceof AppError ? await findActivityByKey(db, key) : null;
        if (first) return replay(first);
        throw err;
      }
      const { team, place, keys } = checked;
      const now = clock();
      const row: NewActivity = {
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
      const audit = auditStatementFor(
        auditActorOf(actor),
        {
        at: now,
        action: 'activity.create',
        entityType: 'activity',
        unitPath: team.unitPath,
          after: { teamId: team.id, date: input.date, villageCode: place.villageCode, values: input.values },
        },
        'created',
      );
      const counts = rollups.upsertFrom(
        rollups.deltas([{ keys, date: input.date, values: input.values, sign: 1 }]),
        'created',
      );
      if (!(await rollups.write(() => insertActivityOnce(db, row, input.values, [audit, counts])))) return replay(await findActivityByKey(db, key));
      // Everything the answer shows is known here: no need to read the activity back.
      const record: ActivityRecord = {
        activity: { ...row, recordedPath: null, status: 'submitted', reviewComment: null, reviewedByUserId: null, reviewedAt: null, deletedAt: null },
        teamName: team.name,
        teamUnitCode: team.unitCode,
        villageName: place.villageName,
        values: input.values.map((v) => ({ indicatorCode: v.indicator, count: v.count })),
        photos: [],
      };
      return { created: true, activity: (await toDtos(actor, [record], place.indicators))[0]! };
    },

    /** Edits a submitted or returned activity; a returned one goes back to the commune as submitted. */
    async update(actor: Actor, id: string, input: UpdateInput) {
      const record = await editable(actor, id);
      const team = await teams.findInScope(record.activity.teamId, 'all');
      const checked = await validate(team!, { ...input, villageCode: input.villageCode ?? null });
      // A place left as it was stays as recorded, even once its village is retired or the team has moved (ADR 0012).
      const villageCode = input.villageCode === undefined ? record.activity.villageCode : checked.villageCode;
      const now = clock();
      await withCountedChange(record, async (tx, current) => {
        await updateActivity(tx, id, {
          date: input.date,
          villageCode,
          description: input.description === undefined ? undefined : normalizeText(input.description),
          links: input.links,
          ...(current.activity.status === 'returned' ? { status: 'submitted', reviewComment: null, reviewedAt: null, reviewedByUserId: null } : {}),
        });
        if (input.values) await replaceActivityValues(tx, id, input.values);
        await recordAudit(tx, auditActorOf(actor), {
          at: now,
          action: 'activity.update',
          entityType: 'activity',
          entityId: id,
          unitPath: record.activity.unitPath,
          before: { date: current.activity.date, status: current.activity.status, values: current.values },
          after: input,
        });
        const values = input.values ?? current.values.map((v) => ({ indicator: v.indicatorCode, count: v.count }));
        // Editing a sent-back activity resubmits it, so it counts again.
        return { counted: true, date: input.date ?? current.activity.date, values };
      });
      return get(actor, id);
    },

    /** Deletes an activity that is not verified yet (kept, marked deleted, for the audit trail). */
    async remove(actor: Actor, id: string) {
      const record = await editable(actor, id);
      const now = clock();
      await withCountedChange(record, async (tx, current) => {
        await updateActivity(tx, id, { deletedAt: now });
        await recordAudit(tx, auditActorOf(actor), {
          at: now,
          action: 'activity.delete',
          entityType: 'activity',
          entityId: id,
          unitPath: current.activity.unitPath,
          before: { date: current.activity.date, values: current.values },
        });
        return { counted: false, date: current.activity.date, values: [] };
      });
    },

    /** The commune (or a level above) confirms the activity. */
    verify: (actor: Actor, id: string) => review(actor, id, 'verified', null),

    /** Sends the activity back with a comment; its numbers stop counting until it is fixed. */
    sendBack: (actor: Actor, id: string, comment: string) => review(actor, id, 'returned', normalizeText(comment)),

    /** The feed under a unit in scope, newest first, a page at a time. */
    async feed(actor: Actor, q: z.infer<typeof activityFeedQuerySchema>) {
      const unit = await orgUnits.findInScope(q.structure, q.unit, scopeFor(actor, 'unit.read'));
      if (!unit) throw notFound(`đơn vị mã ${q.unit}`);
      const rows = await listFeed(db, {
        underPath: unit.path,
        indicator: q.indicator,
        teamId: q.team,
        from: q.from,
        to: q.to,
        status: q.status,
        before: q.cursor ? decodeCursor(q.cursor) : undefined,
        limit: q.limit + 1,
      });
      const page = rows.slice(0, q.limit);
      const items = await toDtos(actor, page);
      const authors = new Set(items.map((a) => a.createdByName).filter((n) => n !== null)).size;
      await recordPersonalDataRead(db, actor, { at: clock(), list: 'activity_feed', entityType: 'org_unit', entityId: unit.code, unitPath: unit.path, label: unit.name, people: authors });
      return { items, nextCursor: rows.length > q.limit ? encodeCursor(page[page.length - 1]!) : null };
    },

    ...photos,

    bootstrap: fieldBootstrap,
  };
}

/** The activities service's surface. */
export type ActivitiesService = ReturnType<typeof createActivitiesService>;
