import { foldVietnamese } from '../../../shared/text.ts';
import type { Tx } from '../../db/client.ts';
import type { TeamRole } from '../documents/documents.model.ts';
import { listActiveTeamsOfCommunes, listMembershipsOfTeams, listPeopleOfCommunes } from './teams.import.repo.ts';
import type { TeamRow } from './teams.repo.ts';

/** What an import session remembers of an active membership. */
export interface ActiveMembership {
  id: string;
  teamId: string;
  role: TeamRole;
  title: string | null;
  personId: string;
  person: KnownPerson;
  fromDate: string;
  /** Read from the database, not added by this import. */
  isStored: boolean;
  /** Added by the batch being planned: its insert will carry its latest role and title. */
  isUnsaved: boolean;
  /** The file line that lists it (the latest one): its sheet, or null when no line does. */
  sheet: string | null;
  row: number;
}

/**
 * A person a session knows: read from the database (`isStored`) or created by the session, with
 * the active memberships known of them (most people have one, kept as such; a list for those in
 * several teams) and the stored ones that ended.
 */
export interface KnownPerson {
  id: string;
  isStored: boolean;
  fullName: string;
  /** Folded name, worked out when first needed. */
  folded: string | null;
  active: ActiveMembership | ActiveMembership[] | null;
  left: { teamId: string; toDate: string }[] | null;
}

/** The people of one commune a session knows: by phone, and stored or phoneless ones by folded name. */
export interface KnownPeople {
  byPhone: Map<string, KnownPerson>;
  byName: Map<string, KnownPerson>;
}

/** The person's active memberships. */
export function activeList(person: KnownPerson): readonly ActiveMembership[] {
  const { active } = person;
  return active === null ? [] : Array.isArray(active) ? active : [active];
}

/** The person's active membership in the team, if known. */
export function activeIn(person: KnownPerson, teamId: string): ActiveMembership | undefined {
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

function foldedName(person: KnownPerson): string {
  return (person.folded ??= foldVietnamese(person.fullName));
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * What one import session knows of the registry: each commune's active teams with their
 * memberships (past ones too) and its people, read once, plus what the session adds. Teams are
 * keyed by `<commune code>|<folded name>`.
 */
export class ImportRegistry {
  readonly teamByKey = new Map<string, TeamRow>();
  private readonly teamById = new Map<string, TeamRow>();
  private readonly storedTeams = new Set<string>();
  private readonly peopleOf = new Map<string, KnownPeople>();
  /** People read from the database, by id: the memberships read refer to them. */
  private readonly storedPeople = new Map<string, KnownPerson>();
  /** Active members of every team known, and the people who left each stored team. */
  private readonly membersOf = new Map<string, ActiveMembership[]>();
  private readonly leaversOf = new Map<string, KnownPerson[]>();
  /** Members (active or past) of a team by folded name, built at its first line without a phone. */
  private readonly namesOf = new Map<string, Map<string, KnownPerson>>();
  private readonly communesRead = new Set<string>();
  private readonly peopleRead = new Set<string>();

  constructor(
    private readonly tx: Tx,
    private readonly structure: string,
  ) {}

  /** Reads the active teams of communes not read yet, with their memberships, past ones too. */
  async readCommunes(communeCodes: readonly string[]): Promise<void> {
    const stored = await listActiveTeamsOfCommunes(this.tx, this.structure, unread(communeCodes, this.communesRead));
    for (const t of stored) {
      this.addTeam(t);
      this.storedTeams.add(t.id);
    }
    for (const { membership: m, fullName } of await listMembershipsOfTeams(
      this.tx,
      stored.map((t) => t.id),
    )) {
      const person = this.storedPerson(m.personId, fullName);
      if (m.toDate !== null) {
        (person.left ??= []).push({ teamId: m.teamId, toDate: m.toDate });
        pushTo(this.leaversOf, m.teamId, person);
        continue;
      }
      const role = m.role as TeamRole;
      this.join(person, {
        id: m.id,
        teamId: m.teamId,
        role,
        title: m.title,
        personId: m.personId,
        person,
        fromDate: m.fromDate,
        isStored: true,
        isUnsaved: false,
        sheet: null,
        row: 0,
      });
    }
  }

  /** Reads the people of communes (by path) not read yet. */
  async readPeople(communePaths: Iterable<string>): Promise<void> {
    for (const p of await listPeopleOfCommunes(this.tx, unread(communePaths, this.peopleRead))) {
      const known = this.peopleIn(p.communeCode);
      const person = this.storedPerson(p.id, p.fullName);
      // A person flagged as another's duplicate does not hold the phone (ADR 0014).
      if (p.phone && p.duplicateOf === null) known.byPhone.set(p.phone, person);
      known.byName.set(foldedName(person), person);
    }
  }

  /** A team read or created by the session. */
  addTeam(team: TeamRow): void {
    this.teamByKey.set(`${team.communeCode}|${team.searchName}`, team);
    this.teamById.set(team.id, team);
  }

  isStoredTeam(teamId: string): boolean {
    return this.storedTeams.has(teamId);
  }

  teamName(teamId: string): string {
    return this.teamById.get(teamId)?.name ?? '';
  }

  /** The people of a commune the session knows. */
  peopleIn(communeCode: string): KnownPeople {
    let known = this.peopleOf.get(communeCode);
    if (!known) this.peopleOf.set(communeCode, (known = { byPhone: new Map(), byName: new Map() }));
    return known;
  }

  /** Records an active membership. */
  join(person: KnownPerson, m: ActiveMembership): void {
    addActive(person, m);
    pushTo(this.membersOf, m.teamId, m);
    this.namesOf.get(m.teamId)?.set(foldedName(person), person);
  }

  /** The active members of a team. */
  membersOfTeam(teamId: string): readonly ActiveMembership[] {
    return this.membersOf.get(teamId) ?? [];
  }

  /** The person of a line without a phone: a member of the team (now or before) of that folded name. */
  namesake(teamId: string, folded: string): KnownPerson | undefined {
    let names = this.namesOf.get(teamId);
    if (!names) {
      names = new Map();
      for (const p of this.leaversOf.get(teamId) ?? []) names.set(foldedName(p), p);
      for (const m of this.membersOf.get(teamId) ?? []) names.set(foldedName(m.person), m.person);
      this.namesOf.set(teamId, names);
    }
    return names.get(folded);
  }

  private storedPerson(id: string, fullName: string): KnownPerson {
    let person = this.storedPeople.get(id);
    if (!person) this.storedPeople.set(id, (person = { id, isStored: true, fullName, folded: null, active: null, left: null }));
    return person;
  }
}

function unread(keys: Iterable<string>, read: Set<string>): string[] {
  const out = [...new Set(keys)].filter((k) => !read.has(k));
  for (const k of out) read.add(k);
  return out;
}
