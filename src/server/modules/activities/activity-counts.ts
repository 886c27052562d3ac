import type { Db, Tx } from '../../db/client.ts';
import type { ClosedPeriodsService } from '../reports/closed-periods.service.ts';
import type { RollupKey } from '../rollups/rollup-keys.ts';
import type { RollupsService } from '../rollups/rollups.service.ts';
import { findActivity, lockActivity, type ActivityRecord } from './activities.repo.ts';

/** Counts by indicator, as the live totals take them. */
export type Counts = { indicator: string; count: number }[];

/** What a change leaves: whether the activity counts, on which day, with which counts. */
export interface CountedState {
  counted: boolean;
  date: string;
  values: Counts;
}

/** The unit paths among an activity's rollup keys: its unit and every unit above (a legacy team's successor too). */
export const unitPathsOf = (keys: readonly RollupKey[]) => keys.map((k) => k.key).filter((k) => !k.startsWith('team:'));

/** Counts move the live totals only while an activity is neither deleted nor sent back. */
const isCounted = (a: { status: string; deletedAt: Date | null }) => a.deletedAt === null && a.status !== 'returned';

/** The stored counts of an activity. */
export const countsOf = (record: ActivityRecord): Counts => record.values.map((v) => ({ indicator: v.indicatorCode, count: v.count }));

interface Deps {
  db: Db;
  rollups: Pick<RollupsService, 'keysOf' | 'apply' | 'deltas'>;
  closedPeriods: Pick<ClosedPeriodsService, 'assertOpen'>;
}

/**
 * The live totals' side of changing a stored activity: it runs `change` on the activity locked
 * inside a transaction and moves the totals from what counted before to what counts after, in
 * the same transaction.
 */
export function createCountedChange({ db, rollups, closedPeriods }: Deps) {
  /**
   * The keys are resolved first: they depend only on the team, and PGlite must not be queried
   * outside the transaction inside it.
   */
  return async function withCountedChange(
    record: ActivityRecord,
    change: (tx: Tx, current: ActivityRecord) => Promise<CountedState>,
  ): Promise<void> {
    const keys = await rollups.keysOf({ ...record.activity, id: record.activity.teamId });
    await db.transaction(async (tx) => {
      await lockActivity(tx, record.activity.id);
      // The same row, read again under its lock: the caller has already checked the actor's scope.
      const current = (await findActivity(tx, record.activity.id, 'all')) ?? record;
      const after = await change(tx, current);
      // Nothing changes in a period whose report is approved, on its old day or its new one.
      await closedPeriods.assertOpen(unitPathsOf(keys), [current.activity.date, after.date], tx);
      await rollups.apply(
        tx,
        rollups.deltas([
          ...(isCounted(current.activity) ? [{ keys, date: current.activity.date, values: countsOf(current), sign: -1 as const }] : []),
          ...(after.counted ? [{ keys, date: after.date, values: after.values, sign: 1 as const }] : []),
        ]),
      );
    });
  };
}

/** Runs a change of a stored activity together with its live totals. */
export type WithCountedChange = ReturnType<typeof createCountedChange>;
