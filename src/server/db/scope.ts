import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { isWithin, likePrefix } from '../lib/tree-path.ts';

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

/**
 * SQL condition "the subtree rooted at the row's unit path and the scope share a unit": the
 * query form of {@link overlapsScope}, for rows such as a province's settings that concern
 * everyone working inside the province.
 */
export function unitOverlapCondition(pathColumn: SQLWrapper, scope: UnitScope): SQL {
  if (scope === 'all') return sql`true`;
  if (scope.length === 0) return sql`false`;
  const parts = scope.map((p) => sql`(${pathColumn} like ${likePrefix(p)} or starts_with(${p}::text, ${pathColumn}))`);
  return sql`(${sql.join(parts, sql` or `)})`;
}

/**
 * True when `path` lies inside the scope. The one in-memory form of the scope rule, for a row
 * that is not read from the database (a path in a request, a unit just resolved); rows are
 * scoped in their query with `unitScopeCondition`.
 */
export function isInScope(scope: UnitScope, path: string): boolean {
  return scope === 'all' || scope.some((p) => isWithin(path, p));
}

/**
 * True when the subtree rooted at `path` and the scope share a unit: the path lies inside the
 * scope, or part of the scope lies under the path (a commune officer overlaps their province).
 */
export function overlapsScope(scope: UnitScope, path: string): boolean {
  return scope === 'all' || scope.some((p) => isWithin(path, p) || isWithin(p, path));
}

/**
 * True when a unit of the scope lies strictly above `path`: the actor oversees the unit rather
 * than runs it (a province sets a commune's target and reviews its reports; the commune does not).
 */
export function isBelowScope(scope: UnitScope, path: string): boolean {
  return scope === 'all' || scope.some((p) => p !== path && isWithin(path, p));
}
