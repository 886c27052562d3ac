import type { Assignment } from '../../../shared/schemas/accounts.ts';
import { ROLE_UNIT_LEVEL, type Role } from '../../../shared/permissions.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { AssignmentInput } from './users-api.ts';

/** An assignment being edited in a form. */
export interface AssignmentDraft {
  key: string;
  role: Role;
  structure: Structure;
  unit: { code: string; name: string } | null;
}

let counter = 0;
/** A fresh form key. */
export function draftKey(): string {
  counter += 1;
  return `a${counter}`;
}

/** An empty draft (commune officer in the current structure). */
export function emptyDraft(): AssignmentDraft {
  return { key: draftKey(), role: 'commune_officer', structure: 'current', unit: null };
}

/** Draft from a stored assignment. */
export function draftFromAssignment(a: Assignment): AssignmentDraft {
  return {
    key: draftKey(),
    role: a.role,
    structure: a.structure ?? 'current',
    unit: a.unitCode ? { code: a.unitCode, name: a.unitName ?? a.unitCode } : null,
  };
}

/** True when the role needs a unit (everything but admin). */
export function needsUnit(role: Role): boolean {
  return ROLE_UNIT_LEVEL[role] !== null;
}

/** True when every draft that needs a unit has one. */
export function draftsComplete(drafts: AssignmentDraft[]): boolean {
  return drafts.length > 0 && drafts.every((d) => !needsUnit(d.role) || d.unit !== null);
}

/** API payload of the drafts. */
export function toAssignmentInputs(drafts: AssignmentDraft[]): AssignmentInput[] {
  return drafts.map((d) =>
    needsUnit(d.role)
      ? { role: d.role, structure: d.structure, unitCode: d.unit?.code ?? null }
      : { role: d.role, structure: null, unitCode: null },
  );
}
