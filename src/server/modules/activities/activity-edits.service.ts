import type { z } from 'zod';
import type { Activity, activityUpdateSchema } from '../../../shared/schemas/activities.ts';
import { normalizeText } from '../../../shared/text.ts';
import type { Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import type { TeamsService } from '../teams/teams.service.ts';
import { replaceActivityValues, updateActivity, type ActivityRecord } from './activities.repo.ts';
import type { ActivityChecks } from './activity-checks.ts';
import { countsOf, type WithCountedChange } from './activity-counts.ts';

type UpdateInput = z.infer<typeof activityUpdateSchema>;

interface Deps {
  clock: () => Date;
  teams: Pick<TeamsService, 'findInScope'>;
  checks: ActivityChecks;
  withCountedChange: WithCountedChange;
  /** The activity, when the actor may still edit it (else 404/403/409). */
  editable: (actor: Actor, id: string) => Promise<ActivityRecord>;
  /** The activity as the actor sees it. */
  get: (actor: Actor, id: string) => Promise<Activity>;
}

/** Editing and deleting an activity not verified yet, its live totals moving in the same transaction. */
export function createActivityEdits({ clock, teams, checks, withCountedChange, editable, get }: Deps) {
  return {
    /** Edits a submitted or returned activity; a returned one goes back to the commune as submitted. */
    async update(actor: Actor, id: string, input: UpdateInput): Promise<Activity> {
      const record = await editable(actor, id);
      const team = await teams.findInScope(record.activity.teamId, 'all');
      const checked = await checks.validate(team!, { ...input, villageCode: input.villageCode ?? null });
      // A place left as it was stays as recorded, even once its village is retired or the team has moved (ADR 0012).
      const villageCode = input.villageCode === undefined ? record.activity.villageCode : checked.villageCode;
      const now = clock();
      await withCountedChange(record, async (tx, current) => {
        await updateActivity(tx, id, {
          date: input.date,
          villageCode,
          description: input.description === undefined ? undefined : normalizeText(input.description),
          links: input.links,
          ...(current.activity.status === 'returned'
            ? { status: 'submitted', reviewComment: null, reviewedAt: null, reviewedByUserId: null }
            : {}),
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
        // Editing a sent-back activity resubmits it, so it counts again.
        return { counted: true, date: input.date ?? current.activity.date, values: input.values ?? countsOf(current) };
      });
      return get(actor, id);
    },

    /** Deletes an activity that is not verified yet (kept, marked deleted, for the audit trail). */
    async remove(actor: Actor, id: string): Promise<void> {
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
  };
}
