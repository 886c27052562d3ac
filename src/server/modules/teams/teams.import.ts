import type { Tx } from '../../db/client.ts';
import type { TeamRole } from '../documents/documents.model.ts';
import type { OrgUnitRow } from '../org-units/org-units.repo.ts';
import type { FileLine } from './import-review.ts';
import { TeamImportSession } from './team-import-session.ts';
import { vnDate } from './teams.service.ts';

/** A member line as an import delivers it. */
export interface ImportedMember {
  /** Row of the line in its sheet. */
  row: number;
  /** Normalized already (NFC, single spaces, trimmed), as the Mẫu 2 parse gives it. */
  fullName: string;
  role: TeamRole;
  title: string | null;
  phone: string | null;
  isZalo: boolean;
}

/** A team an import needs: `name` attached to `unit` (a village, or the commune itself). */
export interface TeamWanted {
  unit: OrgUnitRow;
  communeCode: string;
  name: string;
}

/** Where a team's lines are in the file: its sheet, the row and column of its team cell, and its member columns. */
export interface TeamPlace extends FileLine {
  teamColumn: string;
  nameColumn: string;
  roleColumn: string;
}

/**
 * Bulk find-or-create for imports, inside the import's transaction. An import opens one session
 * and hands it its rows batch after batch: each commune's teams with their memberships, and its
 * people, are read once per session (`ImportRegistry`) and what the session writes is
 * remembered, so a batch costs only its own inserts. Each step returns what it found or will
 * create at once, with the `inserts` that store it (encoded already, for `writeBulk`): the import
 * can plan the next batch while the database stores this one. Inserts must be written in the
 * order of the steps, and a batch's `updates` after its inserts. Teams match by folded name
 * within the commune; people by phone within the commune (the rule of
 * `findOrCreateCommunePerson`, ADR 0014), a line without a phone by folded name among the team's
 * members, past ones too, and is otherwise a new person (a namesake elsewhere in the commune is
 * only reported); so importing the same file twice changes nothing. The session also logs who is
 * new or changes (`ChangeLog`) and reviews the touched teams' composition at the end.
 */
export function createTeamImporter({ clock }: { clock: () => Date }) {
  return {
    /** A session writing into `tx` for one import in `structure`. */
    begin(tx: Tx, structure: string): TeamImportSession {
      return new TeamImportSession(tx, structure, vnDate(clock()));
    },
  };
}

/** The team importer's surface. */
export type TeamImporter = ReturnType<typeof createTeamImporter>;
