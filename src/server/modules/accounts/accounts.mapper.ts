import type { Role } from '../../../shared/permissions.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { User } from '../../../shared/schemas/accounts.ts';
import type { ActorAssignment } from '../../http/context.ts';
import type { AssignmentRow, UserRow } from './accounts.repo.ts';

/** Maps an assignment row to the actor's view of it. */
export function toActorAssignment(row: AssignmentRow): ActorAssignment {
  return {
    id: row.id,
    role: row.role as Role,
    structure: row.structure,
    unitCode: row.unitCode,
    unitName: row.unitName,
    unitPath: row.unitPath,
  };
}

/** Maps a user and its assignments to the API shape. */
export function toUserDto(user: UserRow, assignments: readonly AssignmentRow[]): User {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    mustChangePassword: user.mustChangePassword,
    isDisabled: user.disabledAt !== null,
    email: user.email,
    organization: user.organization,
    createdAt: user.createdAt.toISOString(),
    assignments: assignments
      .filter((a) => a.userId === user.id)
      .map((a) => ({
        id: a.id,
        role: a.role as Role,
        structure: a.structure as Structure | null,
        unitCode: a.unitCode,
        unitName: a.unitName,
      })),
  };
}
