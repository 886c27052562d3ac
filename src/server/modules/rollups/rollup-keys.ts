/** Shards of the nation and province rows (see the rollups table). */
export const ROLLUP_SHARDS = 8;

/** The shard of a team: from the first byte of its id, the same rule as migration 0004's backfill. */
export function shardOf(teamId: string): number {
  return parseInt(teamId.slice(0, 2), 16) % ROLLUP_SHARDS;
}

/** A rollup row key with its shard. */
export interface RollupKey {
  key: string;
  shard: number;
}

/**
 * The keys an activity of a team counts toward: the team itself, then its unit and every unit
 * above it up to the nation ("current:/82/29905/29905-001/" → "…/29905/", "current:/82/",
 * "current:/"), and the same for each `extraPaths` (a legacy commune's successor in the current
 * structure). Nation and province rows are sharded by team.
 */
export function rollupKeys(teamId: string, unitPath: string, extraPaths: readonly string[] = []): RollupKey[] {
  const keys: RollupKey[] = [{ key: `team:${teamId}`, shard: 0 }];
  const seen = new Set<string>();
  for (const path of [unitPath, ...extraPaths]) {
    const colon = path.indexOf(':');
    const structure = path.slice(0, colon);
    const codes = path
      .slice(colon + 1)
      .split('/')
      .filter((c) => c !== '');
    for (let depth = 0; depth <= codes.length; depth++) {
      const key = `${structure}:/${codes
        .slice(0, depth)
        .map((c) => `${c}/`)
        .join('')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      keys.push({ key, shard: depth <= 1 ? shardOf(teamId) : 0 });
    }
  }
  return keys;
}

/** First day of the month of a YYYY-MM-DD date. */
export function monthOf(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/** A change to one rollup row. */
export interface RollupDelta {
  key: string;
  indicator: string;
  month: string;
  shard: number;
  delta: number;
}

/**
 * The row changes for counts that start (+1) or stop (−1) counting: one per key and indicator,
 * merged so one statement never touches a row twice, and zero changes dropped.
 */
export function rollupDeltas(
  changes: readonly { keys: readonly RollupKey[]; date: string; values: readonly { indicator: string; count: number }[]; sign: 1 | -1 }[],
): RollupDelta[] {
  const merged = new Map<string, RollupDelta>();
  for (const change of changes) {
    const month = monthOf(change.date);
    for (const { key, shard } of change.keys) {
      for (const v of change.values) {
        const id = `${key}|${v.indicator}|${month}|${shard}`;
        const row = merged.get(id) ?? { key, indicator: v.indicator, month, shard, delta: 0 };
        row.delta += change.sign * v.count;
        merged.set(id, row);
      }
    }
  }
  return [...merged.values()].filter((r) => r.delta !== 0);
}
