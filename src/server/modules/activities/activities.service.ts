import type { Activity } from '../../../shared/schemas/activities.ts';
import type { BlobStore } from '../../blob/blob-store.ts';
import type { Db, Tx } from '../../db/client.ts';
import { AppError, forbidden, notFound, personalDataForbidden } from '../../http/errors.ts';
import { scopeFor, type Actor } from '../../http/context.ts';
import { personalDataScope } from '../teams/people.policy.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { VillagesService } from '../org-units/villages.service.ts';
import type { ClosedPeriodsService } from '../reports/closed-periods.service.ts';
import type { RollupsService } from '../rollups/rollups.service.ts';
import type { TeamWithUnit } from '../teams/teams.repo.ts';
import type { TeamsService } from '../teams/teams.service.ts';
import { createActivityMapper } from './activities.mapper.ts';
import { canEdit, memoOwnTeams, seesPeople } from './activities.policy.ts';
import { findActivity, listRecentOfTeams, reattributeActivities, type ActivityRecord } from './activities.repo.ts';
import { createActivityChecks } from './activity-checks.ts';
import { createCountedChange } from './activity-counts.ts';
import { createActivityEdits } from './activity-edits.service.ts';
import { createActivityFeed } from './activity-feed.service.ts';
import { createActivityLogging } from './activity-logging.service.ts';
import { createActivityPhotos } from './activity-photos.service.ts';
import { createActivityReview } from './activity-review.service.ts';
import { createFieldBootstrap } from './field-bootstrap.service.ts';

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

/**
 * Activities: what a team did, with counts per indicator and photos. Team members log for their
 * own teams (their account is linked to their person); officers log for any team in their scope.
 * Creation is idempotent on the client's key; the commune verifies or sends back. This factory
 * reads one activity; each use case (logging, editing, review, the feed, photos, the field
 * bootstrap) has its own file, and the rules of who may do what are in `activities.policy.ts`.
 */
export function createActivitiesService({
  db,
  clock,
  blobs,
  teams,
  indicators,
  orgUnits,
  villages,
  rollups,
  notifications,
  closedPeriods,
}: Deps) {
  const toDtos = createActivityMapper({ indicators });

  /** The actor's teams as a member (active memberships of the linked person). */
  const memberTeams = async (actor: Actor): Promise<TeamWithUnit[]> => (actor.personId ? teams.teamsOfPerson(actor.personId) : []);
  const ownTeamsOf = (actor: Actor) => memoOwnTeams(() => memberTeams(actor));
  const present = (actor: Actor, records: ActivityRecord[], known?: Parameters<typeof toDtos>[3]) =>
    toDtos(actor, records, ownTeamsOf(actor), known);

  /** An activity the actor can see (unit.read over the team's unit); out of scope, it is not found. */
  async function visible(actor: Actor, id: string): Promise<ActivityRecord> {
    const record = await findActivity(db, id, scopeFor(actor, 'unit.read'));
    if (!record) throw notFound('hoạt động này');
    return record;
  }

  async function editable(actor: Actor, id: string): Promise<ActivityRecord> {
    const record = await visible(actor, id);
    if (record.activity.status === 'verified') throw new AppError('CONFLICT', 'Hoạt động đã được xác nhận nên không sửa hay xóa được nữa.');
    if (!(await canEdit(actor, record.activity, ownTeamsOf(actor)))) throw forbidden();
    return record;
  }

  async function get(actor: Actor, id: string): Promise<Activity> {
    const [dto] = await present(actor, [await visible(actor, id)]);
    return dto!;
  }

  const checks = createActivityChecks({ clock, teams, indicators, orgUnits });
  const withCountedChange = createCountedChange({ db, rollups, closedPeriods });
  const photos = createActivityPhotos({
    db,
    clock,
    blobs,
    editable,
    visibleWithPeople: async (actor, id) => {
      const record = await visible(actor, id);
      if (!(await seesPeople(personalDataScope(actor), record.activity, ownTeamsOf(actor)))) throw personalDataForbidden();
      return record;
    },
  });

  return {
    get,

    /** Inside a merge of two people (the caller's transaction, audited there): what one account authored goes to another. */
    reattributeAuthor(tx: Tx, fromUserId: string, toUserId: string) {
      return reattributeActivities(tx, fromUserId, toUserId);
    },

    ...createActivityLogging({ db, clock, rollups, closedPeriods, checks, present }),
    ...createActivityEdits({ clock, teams, checks, withCountedChange, editable, get }),
    ...createActivityReview({ db, clock, notifications, withCountedChange, get }),

    ...createActivityFeed({ db, clock, orgUnits, present }),

    ...photos,

    bootstrap: createFieldBootstrap({
      clock,
      teams,
      villages,
      indicators,
      memberTeams,
      recentOf: async (actor, teamIds) => present(actor, await listRecentOfTeams(db, teamIds, 20)),
    }),
  };
}

/** The activities service's surface. */
export type ActivitiesService = ReturnType<typeof createActivitiesService>;
