/**
 * The pace rule's tolerance, apart from the schemas (`schemas/targets.ts` re-exports it) so the
 * dashboard a commune officer lands on can colour teams behind pace without loading zod.
 */

/** Percentage points a unit may trail the even pace before it is flagged "behind pace". */
export const PACE_TOLERANCE = 10;
