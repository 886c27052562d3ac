import { randomUUID } from 'node:crypto';
import { foldVietnamese, normalizeText } from '../../../shared/text.ts';
import type { Tx } from '../../db/client.ts';
import type { memberships, people, teams } from '../../db/schema/index.ts';
import type { TeamRole } from '../documents/documents.model.ts';
import type { OrgUnitRow } from '../org-units/org-units.repo.ts';
import { communePathOf } from './memberships.service.ts';
import {
  insertMembershipsBulk,
  insertPeopleBulk,
  insertTeamsBulk,
  listActiveMembershipsOfTeams,
  listActiveTeamsOfCommunes,
  listPeopleOfCommunes,
  updateMembership,
  type TeamRow,
} from './teams.repo.ts';
import { vnDate } from './teams.service.ts';

/** A member line as an import delivers it. */
export interface ImportedMember {
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

/** Key of a team within a structure: commune and folded name. */
export const teamKey = (communeCode: string, name: string) => `${communeCode}|${foldVietnamese(normalizeText(name))}`;
const personKey = (communeCode: string, m: { phone: string | null; fullName: string }) =>
  m.phone ? `${communeCode}|tel:${m.phone}` : `${communeCode}|name:${foldVietnamese(m.fullName)}`;

/**
 * Bulk find-or-create for imports, inside the import's transaction: a few set reads, then
 * batched inserts. Teams match by folded name within the commune; people by phone (else by
 * folded name) within the commune; so importing the same file twice changes nothing.
 */
export function createTeamImporter({ clock }: { clock: () => Date }) {
  return {
    /** The active teams named by `wanted`, created when missing; keyed by {@link teamKey}. */
    async ensureTeams(tx: Tx, structure: string, wanted: readonly TeamWanted[]) {
      const communes = [...new Set(wanted.map((w) => w.communeCode))];
      const byKey = new Map<string, TeamRow>();
      for (const t of await listActiveTeamsOfCommunes(tx, structure, communes)) byKey.set(`${t.communeCode}|${t.searchName}`, t);
      const rows: (typeof teams.$inferInsert & { id: string })[] = [];
      for (const w of wanted) {
        const key = teamKey(w.communeCode, w.name);
        if (byKey.has(key)) continue;
        const name = normalizeText(w.name);
        const row = {
          id: randomUUID(),
          structure,
          unitCode: w.unit.code,
          communeCode: w.communeCode,
          provinceCode: w.unit.provinceCode,
          unitPath: w.unit.path,
          level: w.unit.level,
          name,
          searchName: foldVietnamese(name),
        };
        // Only the identifying fields are read back from these rows, so they stand in for the stored ones.
        byKey.set(key, row as TeamRow);
        rows.push(row);
      }
      await insertTeamsBulk(tx, rows);
      return { teams: byKey, created: rows.length };
    },

    /** Adds each person to their team unless already an active member; updates role/title changes. */
    async ensureMembers(tx: Tx, structure: string, items: readonly { team: TeamRow; member: ImportedMember }[]) {
      const communes = [...new Set(items.map((i) => i.team.communeCode))];
      const personByKey = new Map<string, string>();
      for (const p of await listPeopleOfCommunes(tx, structure, communes)) {
        personByKey.set(personKey(p.communeCode, p), p.id);
        if (p.phone) personByKey.set(personKey(p.communeCode, { phone: null, fullName: p.fullName }), p.id);
      }
      const newPeople: (typeof people.$inferInsert & { id: string })[] = [];
      for (const { team, member } of items) {
        const key = personKey(team.communeCode, member);
        if (personByKey.has(key)) continue;
        const id = randomUUID();
        personByKey.set(key, id);
        newPeople.push({
          id,
          structure,
          communeCode: team.communeCode,
          provinceCode: team.provinceCode,
          unitPath: communePathOf(team),
          fullName: normalizeText(member.fullName),
          searchName: foldVietnamese(member.fullName),
          phone: member.phone,
          isZalo: member.isZalo,
        });
      }
      await insertPeopleBulk(tx, newPeople);

      const active = new Map<string, typeof memberships.$inferSelect>();
      for (const m of await listActiveMembershipsOfTeams(tx, [...new Set(items.map((i) => i.team.id))])) active.set(`${m.teamId}|${m.personId}`, m);
      const fromDate = vnDate(clock());
      const newMemberships: (typeof memberships.$inferInsert & { id: string })[] = [];
      let changed = 0;
      for (const { team, member } of items) {
        const personId = personByKey.get(personKey(team.communeCode, member))!;
        const current = active.get(`${team.id}|${personId}`);
        if (!current) {
          const row = { id: randomUUID(), teamId: team.id, personId, role: member.role, title: member.title, fromDate, toDate: null, createdAt: new Date() };
          active.set(`${team.id}|${personId}`, row);
          newMemberships.push(row);
        } else if (current.role !== member.role || (current.title ?? null) !== member.title) {
          await updateMembership(tx, current.id, { role: member.role, title: member.title });
          changed++;
        }
      }
      await insertMembershipsBulk(tx, newMemberships);
      return { peopleCreated: newPeople.length, membershipsCreated: newMemberships.length, membershipsChanged: changed };
    },
  };
}

/** The team importer's surface. */
export type TeamImporter = ReturnType<typeof createTeamImporter>;
