import { uuid7 } from '../../lib/uuid7.ts';
import { formatViDate } from '../../../shared/days.ts';
import type { ImportIssue } from '../../../shared/schemas/imports.ts';
import { TEAM_ROLE_WORDS } from '../../../shared/schemas/teams.ts';
import { foldVietnamese, normalizeText } from '../../../shared/text.ts';
import type { Tx } from '../../db/client.ts';
import type { people, teams } from '../../db/schema/index.ts';
import type { CompositionRules } from './composition.ts';
import { ChangeLog, compositionIssues, roleChangeText, type FileLine } from './import-review.ts';
import { communePathOf } from './memberships.service.ts';
import { activeIn, activeList, ImportRegistry, type ActiveMembership, type KnownPerson } from './import-registry.ts';
import { lockForReference, prepareMembershipsInsert, preparePeopleInsert, prepareTeamsInsert } from './teams.import.repo.ts';
import { updateMembership } from './teams.memberships.repo.ts';
import type { TeamRow } from './teams.repo.ts';
import type { ImportedMember, TeamPlace, TeamWanted } from './teams.import.ts';

/** A team's name as stored, its folded form, and its key within a structure: commune and folded name. */
function teamNaming(communeCode: string, rawName: string) {
  const name = normalizeText(rawName);
  const searchName = foldVietnamese(name);
  return { name, searchName, key: `${communeCode}|${searchName}` };
}

type NewPerson = typeof people.$inferInsert & { id: string };

/** A team the file names, with where it first does so. */
interface TouchedTeam {
  team: TeamRow;
  place: TeamPlace;
}

/** A member line of a group, with its team. */
interface Line {
  team: TeamRow;
  place: TeamPlace;
  member: ImportedMember;
  at: FileLine;
}

/** A group of member lines: a team's members as one place of the file lists them. */
interface MemberGroup {
  team: TeamRow;
  place: TeamPlace;
  members: readonly ImportedMember[];
}

const POSSIBLE_DUPLICATE = (name: string) =>
  `${name} không có số điện thoại và trùng tên với một người đã có trong xã/phường: đã được thêm như một người mới. ` +
  'Nếu là cùng một người, hãy gộp hai hồ sơ trong danh sách "Có thể trùng" của xã/phường.';

const teamKeyOf = (team: TeamRow) => `${team.communeCode}|${team.searchName}`;

/**
 * One import's session of the team importer, writing into `tx` in `structure` (see
 * `createTeamImporter`). Its stages, batch after batch: {@link planTeams} (find or create the
 * teams), {@link planMembers} (find or create people and memberships); once every batch is
 * planned, {@link review} and, when foreign-key triggers are off, {@link lockReferencedRows}.
 */
export class TeamImportSession {
  private readonly registry: ImportRegistry;
  private readonly touched = new Map<string, TouchedTeam>();
  /** People and teams read from the database that new memberships refer to. */
  private readonly referenced = { people: new Set<string>(), teams: new Set<string>() };
  private readonly changes = new ChangeLog();
  private readonly issues: ImportIssue[] = [];

  constructor(
    private readonly tx: Tx,
    private readonly structure: string,
    /** The day new memberships start. */
    private readonly fromDate: string,
  ) {
    this.registry = new ImportRegistry(tx, structure);
  }

  /**
   * The active teams named by `wanted`, one for each, in order (matched by folded name);
   * the missing ones to be created by `inserts`.
   */
  async planTeams(wanted: readonly TeamWanted[]) {
    const { registry, structure } = this;
    await registry.readCommunes(wanted.map((w) => w.communeCode));
    const rows: (typeof teams.$inferInsert & { id: string })[] = [];
    const found = wanted.map((w) => {
      const { name, searchName, key } = teamNaming(w.communeCode, w.name);
      const known = registry.teamByKey.get(key);
      if (known) return known;
      const { code: unitCode, provinceCode, path: unitPath, level } = w.unit;
      const row = { id: uuid7(), structure, unitCode, communeCode: w.communeCode, provinceCode, unitPath, level, name, searchName };
      // Only the identifying fields are read back from these rows, so they stand in for the stored ones.
      registry.addTeam(row as TeamRow);
      rows.push(row);
      return row as TeamRow;
    });
    return { teams: found, created: rows.length, inserts: [prepareTeamsInsert(this.tx, rows)] };
  }

  /**
   * Plans adding each group's members to its team unless already active members, and
   * role/title changes: `inserts` store the new people and memberships, then `updates` the
   * changes.
   */
  async planMembers(groups: readonly MemberGroup[]) {
    const communePaths = new Map(groups.map((g) => [g.team, communePathOf(g.team)]));
    await this.registry.readPeople(communePaths.values());
    const newPeople: NewPerson[] = [];
    const added: ActiveMembership[] = [];
    const changed = new Set<ActiveMembership>();
    for (const group of groups) {
      if (!this.touched.has(group.team.id)) this.touched.set(group.team.id, group);
      for (const member of group.members) {
        const line = { ...group, member, at: { sheet: group.place.sheet, row: member.row } };
        const membership = this.place(this.personOf(line, communePaths.get(group.team)!, newPeople), line, changed);
        if (membership) added.push(membership);
      }
    }
    // Each is inserted as it is now; later changes are updates.
    for (const m of added) m.isUnsaved = false;
    const { tx } = this;
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
  }

  /**
   * Once every batch is planned: who is new or changes, and the problems found. `rules` are
   * the province's composition rules, applied to each team the file names as the import
   * leaves it.
   */
  review(rules: CompositionRules) {
    const { registry } = this;
    const found = [...this.issues];
    for (const { team, place: at } of this.touched.values()) {
      const members = registry.membersOfTeam(team.id).map((m) => ({
        fullName: m.person.fullName,
        role: m.role,
        line: m.sheet === null ? null : { sheet: m.sheet, row: m.row },
        otherTeams: activeList(m.person)
          .filter((o) => o.teamId !== team.id)
          .map((o) => registry.teamName(o.teamId)),
      }));
      const level = team.level as 'village' | 'commune';
      found.push(
        ...compositionIssues(
          {
            name: team.name,
            level,
            at: { sheet: at.sheet, row: at.row, column: at.teamColumn },
            nameColumn: at.nameColumn,
            roleColumn: at.roleColumn,
            members,
          },
          rules,
        ),
      );
    }
    return { issues: found, changes: this.changes.result() };
  }

  /**
   * For an import whose foreign-key triggers are off: locks, as those triggers would, the
   * people and teams already stored that the new memberships refer to (the rest were created
   * by this session). False when one of them was deleted meanwhile.
   */
  lockReferencedRows(): Promise<boolean> {
    return lockForReference(this.tx, [...this.referenced.people], [...this.referenced.teams]);
  }

  /** Logs what joining the line's team means for a person known before this line. */
  private logJoin(person: KnownPerson, { team, member, at }: Line): void {
    const base = { ...at, fullName: person.fullName, phone: member.phone, teamName: team.name };
    const key = { personId: person.id, teamKey: teamKeyOf(team), role: member.role, title: member.title };
    const role = TEAM_ROLE_WORDS[member.role];
    const others = activeList(person).filter((m) => m.teamId !== team.id);
    const storedElsewhere = others.filter((m) => m.isStored);
    if (storedElsewhere.length > 0) {
      const names = storedElsewhere.map((m) => `tổ "${this.registry.teamName(m.teamId)}"`).join(', ');
      this.changes.add({ ...base, kind: 'team', message: `Vào tổ với vai trò ${role}; vẫn đang là thành viên ${names}.` }, key);
    } else if (others.length === 0 && person.left) {
      const left = person.left.find((l) => l.teamId === team.id) ?? person.left.at(-1)!;
      const message = `Đã rời tổ "${this.registry.teamName(left.teamId)}" ngày ${formatViDate(left.toDate)}; nay trở lại với vai trò ${role}.`;
      this.changes.add({ ...base, kind: 'rejoin', message }, key);
    } else if (others.length === 0) {
      this.changes.add(
        { ...base, kind: 'new', message: `Đã có trong danh sách xã/phường, chưa ở tổ nào; nay vào tổ với vai trò ${role}.` },
        key,
      );
    }
  }

  /** The person of a line: known, or new (then added to `newPeople`). */
  private personOf(line: Line, communePath: string, newPeople: NewPerson[]): KnownPerson {
    const { team, member, at, place } = line;
    const known = this.registry.peopleIn(team.communeCode);
    const folded = member.phone ? null : foldVietnamese(member.fullName);
    const found = member.phone ? known.byPhone.get(member.phone) : this.registry.namesake(team.id, folded!);
    if (found) {
      if (found.isStored && !activeIn(found, team.id)) this.logJoin(found, line);
      return found;
    }
    const person: KnownPerson = { id: uuid7(), isStored: false, fullName: member.fullName, folded, active: null, left: null };
    if (member.phone) known.byPhone.set(member.phone, person);
    else if (known.byName.has(folded!))
      this.issues.push({ ...at, column: place.nameColumn, code: 'POSSIBLE_DUPLICATE', message: POSSIBLE_DUPLICATE(member.fullName) });
    else known.byName.set(folded!, person);
    const { communeCode, provinceCode } = team;
    const searchName = folded ?? foldVietnamese(member.fullName);
    newPeople.push({
      id: person.id,
      structure: this.structure,
      communeCode,
      provinceCode,
      unitPath: communePath,
      fullName: member.fullName,
      searchName,
      phone: member.phone,
      isZalo: member.isZalo,
    });
    const change = {
      ...at,
      kind: 'new' as const,
      fullName: member.fullName,
      phone: member.phone,
      teamName: team.name,
      message: `Người mới, ${TEAM_ROLE_WORDS[member.role]}.`,
    };
    this.changes.add(change, { personId: null, teamKey: '', role: member.role, title: member.title });
    return person;
  }

  /** Adds the person to the line's team, or changes their role and title there; the membership added, if any. */
  private place(person: KnownPerson, line: Line, changed: Set<ActiveMembership>): ActiveMembership | null {
    const { team, member, at } = line;
    const current = activeIn(person, team.id);
    if (!current) {
      const m = {
        id: uuid7(),
        teamId: team.id,
        role: member.role,
        title: member.title,
        personId: person.id,
        person,
        fromDate: this.fromDate,
        isStored: false,
        isUnsaved: true,
        ...at,
      };
      this.registry.join(person, m);
      if (person.isStored) this.referenced.people.add(person.id);
      if (this.registry.isStoredTeam(team.id)) this.referenced.teams.add(team.id);
      return m;
    }
    if (current.role !== member.role || (current.title ?? null) !== member.title) {
      if (current.isStored) {
        const key = { personId: person.id, teamKey: teamKeyOf(team), role: member.role, title: member.title };
        this.changes.add(
          {
            ...at,
            kind: 'role',
            fullName: person.fullName,
            phone: member.phone,
            teamName: team.name,
            message: `${roleChangeText(current, member)}.`,
          },
          key,
        );
      }
      current.role = member.role;
      current.title = member.title;
      // One added in this batch is inserted with its latest role and title.
      if (!current.isUnsaved) changed.add(current);
    }
    current.sheet = at.sheet;
    current.row = at.row;
    return null;
  }
}
