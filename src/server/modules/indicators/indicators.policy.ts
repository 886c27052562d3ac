import { scopeFor, type Actor } from '../../http/context.ts';
import { pathCodes } from '../../lib/tree-path.ts';

/** The province of the actor's first assignment with a unit (its path starts with the province code). */
export function provinceOfActor(actor: Actor): string | null {
  for (const a of actor.assignments) {
    const code = a.unitPath ? pathCodes(a.unitPath)[0] : undefined;
    if (code) return code;
  }
  return null;
}

/**
 * True when the actor may read a province's own indicators: a reader of the whole country, or
 * someone holding a role in that province. Another province's catalogue is not theirs to read.
 */
export function canReadCatalogue(actor: Actor, provinceCode: string): boolean {
  if (scopeFor(actor, 'unit.read') === 'all') return true;
  return actor.assignments.some((a) => a.unitPath !== null && pathCodes(a.unitPath)[0] === provinceCode);
}
