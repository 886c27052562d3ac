import type { z } from 'zod';
import type { Activity, activityFeedQuerySchema } from '../../../shared/schemas/activities.ts';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../http/errors.ts';
import { scopeFor, type Actor } from '../../http/context.ts';
import { recordPersonalDataRead } from '../audit/audit.service.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import { decodeCursor, encodeCursor } from './activities.cursor.ts';
import { listFeed, type ActivityRecord } from './activities.repo.ts';

interface Deps {
  db: Db;
  clock: () => Date;
  orgUnits: Pick<OrgUnitsService, 'findInScope'>;
  /** The DTOs of records as the actor sees them. */
  present: (actor: Actor, records: ActivityRecord[]) => Promise<Activity[]>;
}

/** The activity feed: what the teams under a unit did, newest first. */
export function createActivityFeed({ db, clock, orgUnits, present }: Deps) {
  return {
    /** The feed under a unit in scope, newest first, a page at a time; the authors it shows are logged as a personal-data read. */
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
      const items = await present(actor, page);
      const authors = new Set(items.map((a) => a.createdByName).filter((n) => n !== null)).size;
      await recordPersonalDataRead(db, actor, {
        at: clock(),
        list: 'activity_feed',
        entityType: 'org_unit',
        entityId: unit.code,
        unitPath: unit.path,
        label: unit.name,
        people: authors,
      });
      return { items, nextCursor: rows.length > q.limit ? encodeCursor(page[page.length - 1]!.activity) : null };
    },
  };
}
