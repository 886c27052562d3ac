/**
 * Who imports team registries (Mẫu 2) and reads the import jobs: those who manage teams, in the
 * provinces their `team.manage` scope touches.
 */
import { overlapsScope, type UnitScope } from '../../db/scope.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import type { JobReader } from './import-jobs.repo.ts';

/**
 * The scope a province's Mẫu 2 import writes in: 403 without `team.manage`, 404 when the scope
 * shares no unit with the province. A commune officer imports the province's file; only the rows
 * of their communes are theirs, the others are reported as outside their scope.
 */
export function mau2ImportScope(actor: Actor, structure: string, provinceCode: string): UnitScope {
  if (!hasAction(actor, 'team.manage')) throw forbidden();
  const scope = scopeFor(actor, 'team.manage');
  if (!overlapsScope(scope, `${structure}:/${provinceCode}/`)) throw notFound(`tỉnh mã ${provinceCode} trong phạm vi của bạn`);
  return scope;
}

/** Who reads import jobs (403 without `team.manage`): the jobs they started, and those of provinces in their scope. */
export function jobReaderOf(actor: Actor): JobReader {
  if (!hasAction(actor, 'team.manage')) throw forbidden();
  return { userId: actor.userId, scope: scopeFor(actor, 'team.manage') };
}
