import { foldVietnamese, normalizeText } from '../../../shared/text.ts';
import type { Tx } from '../../db/client.ts';
import type { TeamRole } from '../documents/documents.model.ts';
import type { OrgUnitRow } from '../org-units/org-units.repo.ts';
import { communePathOf } from './memberships.service.ts';
import { findPersonInCommune, insertPerson } from './people.repo.ts';
import { findActiveMembership, findActiveTeamByName, insertMembership, insertTeam, updateMembership, type TeamRow } from './teams.repo.ts';
import { vnDate } from './teams.service.ts';

/** A member line as an import delivers it. */
export interface ImportedMember {
  fullName: string;
  role: TeamRole;
  title: string | null;
  phone: string | null;
  isZalo: boolean;
}

/**
 * Find-or-create steps for imports, run inside the import's transaction. Matching is by
 * folded team name within the commune, and by phone (else folded name) for people, so
 * importing the same file twice changes nothing.
 */
export function createTeamImporter({ clock }: { clock: () => Date }) {
  return {
    /** The active team of the commune with this name, created on `unit` when missing. */
    async upsertTeam(tx: Tx, unit: OrgUnitRow, communeCode: string, rawName: string) {
      const name = normalizeText(rawName);
      const existing = await findActiveTeamByName(tx, unit.structure, communeCode, foldVietnamese(name));
      if (existing) return { team: existing, isCreated: false };
      const team = await insertTeam(tx, {
        structure: unit.structure,
        unitCode: unit.code,
        communeCode,
        provinceCode: unit.provinceCode,
        unitPath: unit.path,
        level: unit.level,
        name,
        searchName: foldVietnamese(name),
      });
      return { team, isCreated: true };
    },

    /** Adds the person to the team unless already an active member with the same role and title. */
    async upsertMember(tx: Tx, team: TeamRow, m: ImportedMember) {
      const searchName = foldVietnamese(m.fullName);
      let person = await findPersonInCommune(tx, team.structure, team.communeCode, { phone: m.phone, searchName });
      let isPersonCreated = false;
      if (!person) {
        person = await insertPerson(tx, {
          structure: team.structure,
          communeCode: team.communeCode,
          provinceCode: team.provinceCode,
          unitPath: communePathOf(team),
          fullName: normalizeText(m.fullName),
          searchName,
          phone: m.phone,
          isZalo: m.isZalo,
        });
        isPersonCreated = true;
      }
      const current = await findActiveMembership(tx, team.id, person.id);
      if (!current) {
        await insertMembership(tx, { teamId: team.id, personId: person.id, role: m.role, title: m.title, fromDate: vnDate(clock()) });
        return { isPersonCreated, isMembershipCreated: true, isMembershipChanged: false };
      }
      const isChanged = current.role !== m.role || (current.title ?? null) !== m.title;
      if (isChanged) await updateMembership(tx, current.id, { role: m.role, title: m.title });
      return { isPersonCreated, isMembershipCreated: false, isMembershipChanged: isChanged };
    },
  };
}

/** The team importer's surface. */
export type TeamImporter = ReturnType<typeof createTeamImporter>;
