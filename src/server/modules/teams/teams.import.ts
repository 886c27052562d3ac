import { uuid7 } from '../../lib/uuid7.ts';
import { foldVietnamese, normalizeText } from '../../../shared/text.ts';
import type { Tx } from '../../db/client.ts';
import type { people, teams } from '../../db/schema/index.ts';
import type { TeamRole } from '../documents/documents.model.ts';
import type { OrgUnitRow } from '../org-units/org-units.repo.ts';
import { communePathOf } from './memberships.service.ts';
import {
  listActiveMembershipsOfTeams,
  listActiveTeamsOfCommunes,
  listPeopleOfCommunes,
  lockForReference,
  prepareMembershipsInsert,
  preparePeopleInsert,
  prepareTeamsInsert,
  updateMembership,
  type TeamRow,
} from './teams.repo.ts';
import { vnDate } from './teams.service.ts';

/** A member line as an import delivers it. */
export interface ImportedMember {
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

/** A team's name as stored, its folded form, and its key within a structure: commune and folded name. */
function teamNaming(communeCode: string, rawName: string) {
  const name = normalizeText(rawName);
  const searchName = foldVietnamese(name);
  return { name, searchName, key: `${communeCode}|${searchName}` };
}

/** What an import session remembers of an active membership. */
interface ActiveMembership {
  id: string;
  teamId: string;
  role: TeamRole;
  title: string | null;
  personId: string;
  fromDate: string;
  /** Added by the batch being planned: its insert will carry its latest role and title. */
  isUnsaved: boolean;
}

/**
 * A person a session knows: read from the database (`isStored`) or created by the session, with
 * the active memberships known of them (most people have one, kept as such; a list for those in
 * several teams).
 */
interface KnownPerson {
  id: string;
  isStored: boolean;
  active: ActiveMembership | ActiveMembership[] | null;
}

/** The people of one commune a session knows: by phone, and by folded name. */
interface KnownPeople {
  byPhone: Map<string, KnownPerson>;
  byName: Map<string, KnownPerson>;
}

/** The person's active membership in the team, if known. */
function activeIn(person: KnownPerson, teamId: string): ActiveMembership | undefined {
  const { active } = person;
  if (active === null) return undefined;
  if (Array.isArray(active)) return active.find((m) => m.teamId === teamId);
  return active.teamId === teamId ? active : undefined;
}

function addActive(person: KnownPerson, m: ActiveMembership): void {
  const { active } = person;
  if (active === null) person.active = m;
  else if (Array.isArray(active)) active.push(m);
  else person.active = [active, m];
}

/**
 * Bulk find-or-create for imports, inside the import's transaction. An import opens one session
 * and hands it its rows batch after batch: each commune's teams and people, and each existing
 * team's active memberships, are read once per session and what the session writes is
 * remembered, so a batch costs only its own inserts. Each step returns what it found or will
 * create at once, with the `inserts` that store it (encoded already, for `writeBulk`): the import
 * can plan the next batch while the database stores this one. Inserts must be written in the
 * order of the steps, and a batch's `updates` after its inserts. Teams match by folded
 * name within the commune; people by phone (else by folded name) within the commune; so
 * importing the same file twice changes nothing.
 */
export function createTeamImporter({ clock }: { clock: () => Date }) {
  return {
    /** A session writing into `tx` for one import in `structure`. */
    begin(tx: Tx, structure: string) {
      const teamByKey = new Map<string, TeamRow>();
      const peopleOf = new Map<string, KnownPeople>();
      /** People read from the database, by id: the active memberships read refer to them. */
      const storedPeople = new Map<string, KnownPerson>();
      const teamsRead = new Set<string>();
      const peopleRead = new Set<string>();
      const membershipsKnown = new Set<string>();
      const storedTeams = new Set<string>();
      /** People and teams read from the database that new memberships refer to. */
      const referenced = { people: new Set<string>(), teams: new Set<string>() };
      const fromDate = vnDate(clock());

      const unread = (keys: Iterable<string>, read: Set<string>) => {
        const out = [...new Set(keys)].filter((k) => !read.has(k));
        for (const k of out) read.add(k);
        return out;
      };
      const knownIn = (communeCode: string) => {
        let known = peopleOf.get(communeCode);
        if (!known) peopleOf.set(communeCode, (known = { byPhone: new Map(), byName: new Map() }));
        return known;
      };

      return {
        /**
         * The active teams named by `wanted`, one for each, in order (matched by folded name);
         * the missing ones to be created by `inserts`.
         */
        async planTeams(wanted: readonly TeamWanted[]) {
          for (const t of await listActiveTeamsOfCommunes(tx, structure, unread(wanted.map((w) => w.communeCode), teamsRead))) {
            teamByKey.set(`${t.communeCode}|${t.searchName}`, t);
            storedTeams.add(t.id);
          }
          const rows: (typeof teams.$inferInsert & { id: string })[] = [];
          const found = wanted.map((w) => {
            const { name, searchName, key } = teamNaming(w.communeCode, w.name);
            const known = teamByKey.get(key);
            if (known) return known;
            const row = {
              id: uuid7(),
              structure,
              unitCode: w.unit.code,
              communeCode: w.communeCode,
              provinceCode: w.unit.provinceCode,
              unitPath: w.unit.path,
              level: w.unit.level,
              name,
              searchName,
            };
            // Only the identifying fields are read back from these rows, so they stand in for the stored ones.
            teamByKey.set(key, row as TeamRow);
            // A team created here has no memberships but the ones this session adds.
            membershipsKnown.add(row.id);
            rows.push(row);
            return row as TeamRow;
          });
          return { teams: found, created: rows.length, inserts: [prepareTeamsInsert(tx, rows)] };
        },

        /**
         * Plans adding each group's members to its team unless already active members, and
         * role/title changes: `inserts` store the new people and memberships, then `updates` the
         * changes.
         */
        async planMembers(groups: readonly { team: TeamRow; members: readonly ImportedMember[] }[]) {
          const teamsOfGroups = [...new Set(groups.map((g) => g.team))];
          const communePaths = new Map(teamsOfGroups.map((t) => [t, communePathOf(t)]));
          for (const p of await listPeopleOfCommunes(tx, unread(communePaths.values(), peopleRead))) {
            const known = knownIn(p.communeCode);
            const person: KnownPerson = { id: p.id, isStored: true, active: null };
            storedPeople.set(p.id, person);
            // A person flagged as another's duplicate does not hold the phone (ADR 0014).
            if (p.phone && p.duplicateOf === null) known.byPhone.set(p.phone, person);
            known.byName.set(foldVietnamese(p.fullName), person);
          }
          for (const m of await listActiveMembershipsOfTeams(tx, unread(teamsOfGroups.map((t) => t.id), membershipsKnown))) {
            // A person of another commune is never the person of a line of this team.
            const person = storedPeople.get(m.personId);
            if (person) addActive(person, { id: m.id, teamId: m.teamId, role: m.role as TeamRole, title: m.title, personId: m.personId, fromDate: m.fromDate, isUnsaved: false });
          }

          // A line with a phone is that phone's person in the commune; one without, the person of that name.
          const newPeople: (typeof people.$inferInsert & { id: string })[] = [];
          const added: ActiveMembership[] = [];
          const changed = new Set<ActiveMembership>();
          for (const { team, members } of groups) {
            const known = knownIn(team.communeCode);
            const isStoredTeam = storedTeams.has(team.id);
            const communePath = communePaths.get(team)!;
            for (const member of members) {
              const searchName = member.phone ? null : foldVietnamese(member.fullName);
              let person = member.phone ? known.byPhone.get(member.phone) : known.byName.get(searchName!);
              if (person === undefined) {
                person = { id: uuid7(), isStored: false, active: null };
                if (member.phone) known.byPhone.set(member.phone, person);
                else known.byName.set(searchName!, person);
                newPeople.push({
                  id: person.id,
                  structure,
                  communeCode: team.communeCode,
                  provinceCode: team.provinceCode,
                  unitPath: communePath,
                  fullName: member.fullName,
                  searchName: searchName ?? foldVietnamese(member.fullName),
                  phone: member.phone,
                  isZalo: member.isZalo,
                });
              }
              const current = activeIn(person, team.id);
              if (!current) {
                const membership = { id: uuid7(), teamId: team.id, role: member.role, title: member.title, personId: person.id, fromDate, isUnsaved: true };
                addActive(person, membership);
                added.push(membership);
                if (person.isStored) referenced.people.add(person.id);
                if (isStoredTeam) referenced.teams.add(team.id);
              } else if (current.role !== member.role || (current.title ?? null) !== member.title) {
                current.role = member.role;
                current.title = member.title;
                // One added in this batch is inserted with its latest role and title below.
                if (!current.isUnsaved) changed.add(current);
              }
            }
          }
          // Each is inserted as it is now; later changes are updates.
          for (const m of added) m.isUnsaved = false;
          const updates = async () => {
            for (const m of changed) await updateMembership(tx, m.id, { role: m.role, title: m.title });
          };
          return {
            peopleCreated: newPeople.length,
            membershipsCreated: added.length,
            membershipsChanged: changed.size,
            inserts: [preparePeopleInsert(tx, newPeople), prepareMembershipsInsert(tx, added)],
            updates,
          };
        },

        /**
         * For an import whose foreign-key triggers are off: locks, as those triggers would, the
         * people and teams already stored that the new memberships refer to (the rest were created
         * by this session). False when one of them was deleted meanwhile.
         */
        lockReferencedRows(): Promise<boolean> {
          return lockForReference(tx, [...referenced.people], [...referenced.teams]);
        },
      };
    },
  };
}

/** The team importer's surface. */
export type TeamImporter = ReturnType<typeof createTeamImporter>;
/** One import's session of the team importer. */
export type TeamImportSession = ReturnType<TeamImporter['begin']>;
