import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { likePrefix } from '../lib/tree-path.ts';

/** The org-unit subtrees an actor may see: every unit, or those under the listed paths. */
export type UnitScope = 'all' | readonly string[];

/**
 * SQL condition "the row's unit path lies in the scope". Every repo applies it so an
 * out-of-scope row is simply not found.
 */
export function unitScopeCondition(pathColumn: SQLWrapper, scope: UnitScope): SQL {
  if (scope === 'all') return sql`true`;
  if (scope.length === 0) return sql`false`;
  const parts = scope.map((p) => sql`${pathColumn} like ${likePrefix(p)}`);
  return sql`(${sql.join(parts, sql` or `)})`;
}

/** True when `path` lies inside the scope (for a row already loaded; lists scope in their query). */
export function scopeCovers(scope: UnitScope, path: string): boolean {
  return scope === 'all' || scope.some((p) => path.startsWith(p));
}
