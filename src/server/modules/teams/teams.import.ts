import { uuid7 } from '../../lib/uuid7.ts';
import { foldVietnamese, normalizeText } from '../../../shared/text.ts';
import type { Tx } from '../../db/client.ts';
import type { memberships, people, teams } from '../../db/schema/index.ts';
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

/** The people of one commune a session knows: by phone, and by folded name. */
interface KnownPeople {
  byPhone: Map<string, string>;
  byName: Map<string, string>;
}

/** What an import session remembers of an active membership. */
interface ActiveMembership {
  id: string;
  teamId: string;
  role: TeamRole;
  title: string | null;
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
      const teamsRead = new Set<string>();
      const peopleRead = new Set<string>();
      /**
       * Active memberships per person id, for every team whose memberships are known: most people
       * have one, kept as such, and a list only for those in several teams.
       */
      const activeOf = new Map<string, ActiveMembership | ActiveMembership[]>();
      const membershipsKnown = new Set<string>();
      /** People and teams read from the database, and those of them new memberships refer to. */
      const stored = { people: new Set<string>(), teams: new Set<string>() };
      const referenced = { people: new Set<string>(), teams: new Set<string>() };
      const fromDate = vnDate(clock());

      const unread = (codes: Iterable<string>, read: Set<string>) => {
        const out = [...new Set(codes)].filter((c) => !read.has(c));
        for (const c of out) read.add(c);
        return out;
      };
      /** Each team's commune path, worked out once: its people's rows share the string. */
      const communePaths = new Map<string, string>();
      const communePathIn = (team: TeamRow) => {
        let path = communePaths.get(team.id);
        if (path === undefined) communePaths.set(team.id, (path = communePathOf(team)));
        return path;
      };
      const knownIn = (communeCode: string) => {
        let known = peopleOf.get(communeCode);
        if (!known) peopleOf.set(communeCode, (known = { byPhone: new Map(), byName: new Map() }));
        return known;
      };
      const remember = (personId: string, m: ActiveMembership) => {
        const known = activeOf.get(personId);
        if (known === undefined) activeOf.set(personId, m);
        else if (Array.isArray(known)) known.push(m);
        else activeOf.set(personId, [known, m]);
      };
      const activeIn = (personId: string, teamId: string) => {
        const known = activeOf.get(personId);
        if (known === undefined || Array.isArray(known)) return known?.find((m) => m.teamId === teamId);
        return known.teamId === teamId ? known : undefined;
      };

      return {
        /**
         * The active teams named by `wanted`, one for each, in order (matched by folded name);
         * the missing ones to be created by `inserts`.
         */
        async planTeams(wanted: readonly TeamWanted[]) {
          for (const t of await listActiveTeamsOfCommunes(tx, structure, unread(wanted.map((w) => w.communeCode), teamsRead))) {
            teamByKey.set(`${t.communeCode}|${t.searchName}`, t);
            stored.teams.add(t.id);
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
         * Plans adding each person to their team unless already an active member, and role/title
         * changes: `inserts` store the new people and memberships, then `updates` the changes.
         */
        async planMembers(items: readonly { team: TeamRow; member: ImportedMember }[]) {
          for (const p of await listPeopleOfCommunes(tx, structure, unread(items.map((i) => i.team.communeCode), peopleRead))) {
            const known = knownIn(p.communeCode);
            stored.people.add(p.id);
            if (p.phone) known.byPhone.set(p.phone, p.id);
            known.byName.set(foldVietnamese(p.fullName), p.id);
          }
          // A line with a phone is that phone's person in the commune; one without, the person of that name.
          const newPeople: (typeof people.$inferInsert & { id: string })[] = [];
          const personIds: string[] = [];
          for (const { team, member } of items) {
            const known = knownIn(team.communeCode);
            const searchName = member.phone ? null : foldVietnamese(member.fullName);
            let id = member.phone ? known.byPhone.get(member.phone) : known.byName.get(searchName!);
            if (id === undefined) {
              id = uuid7();
              if (member.phone) known.byPhone.set(member.phone, id);
              else known.byName.set(searchName!, id);
              newPeople.push({
                id,
                structure,
                communeCode: team.communeCode,
                provinceCode: team.provinceCode,
                unitPath: communePathIn(team),
                fullName: member.fullName,
                searchName: searchName ?? foldVietnamese(member.fullName),
                phone: member.phone,
                isZalo: member.isZalo,
              });
            }
            personIds.push(id);
          }

          for (const m of await listActiveMembershipsOfTeams(tx, unread(items.map((i) => i.team.id), membershipsKnown))) {
            remember(m.personId, { id: m.id, teamId: m.teamId, role: m.role as TeamRole, title: m.title });
          }
          // Added in this batch: inserted below, so a later line for the same membership just amends them.
          const added: { personId: string; membership: ActiveMembership }[] = [];
          const pending = new Set<ActiveMembership>();
          const changed = new Set<ActiveMembership>();
          for (let i = 0; i < items.length; i++) {
            const { team, member } = items[i]!;
            const personId = personIds[i]!;
            const current = activeIn(personId, team.id);
            if (!current) {
              const membership = { id: uuid7(), teamId: team.id, role: member.role, title: member.title };
              remember(personId, membership);
              pending.add(membership);
              added.push({ personId, membership });
              if (stored.people.has(personId)) referenced.people.add(personId);
              if (stored.teams.has(team.id)) referenced.teams.add(team.id);
            } else if (current.role !== member.role || (current.title ?? null) !== member.title) {
              current.role = member.role;
              current.title = member.title;
              if (!pending.has(current)) changed.add(current);
            }
          }
          const createdAt = new Date();
          const rows: (typeof memberships.$inferInsert & { id: string })[] = added.map(({ personId, membership: m }) => ({
            id: m.id,
            teamId: m.teamId,
            personId,
            role: m.role,
            title: m.title,
            fromDate,
            toDate: null,
            createdAt,
          }));
          const updates = async () => {
            for (const m of changed) await updateMembership(tx, m.id, { role: m.role, title: m.title });
          };
          return {
            peopleCreated: newPeople.length,
            membershipsCreated: rows.length,
            membershipsChanged: changed.size,
            inserts: [preparePeopleInsert(tx, newPeople), prepareMembershipsInsert(tx, rows)],
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
