import { createHash } from 'node:crypto';
import { MAU2_CHANGES_LISTED, type ImportIssue, type Mau2Change, type Mau2Changes } from '../../../shared/schemas/imports.ts';
import { TEAM_ROLE_WORDS } from '../../../shared/schemas/teams.ts';
import type { TeamRole } from '../documents/documents.model.ts';
import { compositionWarnings, type CompositionRules } from './composition.ts';

/** Where a member line of a file is. */
export interface FileLine {
  sheet: string;
  row: number;
}

/** A team an import touches, as it will stand: where the file names it and its active members. */
export interface ReviewedTeam {
  name: string;
  level: 'village' | 'commune';
  /** The team cell of its first appearance in the file. */
  at: FileLine & { column: string };
  /** Columns of the member lines' name and role cells. */
  nameColumn: string;
  roleColumn: string;
  members: readonly ReviewedMember[];
}

/** An active member of a reviewed team. */
export interface ReviewedMember {
  fullName: string;
  role: TeamRole;
  /** The file line that lists them in this team; null for a member the file leaves as stored. */
  line: FileLine | null;
  /** Names of the other active teams the person is in. */
  otherTeams: readonly string[];
}

/**
 * The composition problems of the teams an import touches, each on the row to fix: a second
 * leader or deputy on that member's line, a team without a leader or of the wrong size on its
 * team cell, a person in two active teams on their line. The rules are the province's
 * ({@link compositionWarnings}, as on the team's page), applied to the team as it will stand.
 */
export function compositionIssues(team: ReviewedTeam, rules: CompositionRules): ImportIssue[] {
  const count = (role: TeamRole) => team.members.filter((m) => m.role === role).length;
  const counts = {
    level: team.level,
    leaders: count('leader'),
    deputies: count('deputy'),
    members: count('member'),
    peopleInOtherTeams: [],
  };
  const teamCell = { sheet: team.at.sheet, row: team.at.row, column: team.at.column };
  const issues: ImportIssue[] = [];
  for (const warning of compositionWarnings(counts, rules)) {
    const prefix = `Tổ "${team.name}": ${warning.message}`;
    if (warning.code === 'MANY_LEADERS' || warning.code === 'MANY_DEPUTIES') {
      const role = warning.code === 'MANY_LEADERS' ? 'leader' : 'deputy';
      const allowed = role === 'leader' ? rules.maxLeaders : rules.maxDeputies;
      const holders = team.members.filter((m) => m.role === role);
      const names = holders.map((m) => (m.line ? `${m.fullName} (dòng ${m.line.row})` : m.fullName)).join(', ');
      // The extra ones, on their own lines; stored ones the file did not list are named only.
      const extra = holders.slice(allowed).filter((m) => m.line);
      const lines = extra.length > 0 ? extra.map((m) => m.line!) : [teamCell];
      for (const line of lines)
        issues.push({ sheet: line.sheet, row: line.row, column: team.roleColumn, code: warning.code, message: `${prefix} ${names}.` });
    } else {
      issues.push({ ...teamCell, code: warning.code, message: prefix });
    }
  }
  for (const m of team.members) {
    if (!m.line || m.otherTeams.length === 0) continue;
    const message = `${m.fullName} (tổ "${team.name}") cũng đang là thành viên của ${m.otherTeams.map((t) => `tổ "${t}"`).join(', ')}.`;
    issues.push({ sheet: m.line.sheet, row: m.line.row, column: team.nameColumn, code: 'PERSON_IN_MANY_TEAMS', message });
  }
  return issues;
}

/** What identifies a change across runs of the same file: never an id the import itself draws. */
export interface ChangeKey {
  /** The stored person's id (a new person has none). */
  personId: string | null;
  /** Commune code and folded name of the team. */
  teamKey: string;
  role: TeamRole;
  title: string | null;
}

/**
 * The people an import adds or changes, in file order: counted, the first of each kind kept by
 * name, and fingerprinted so that the import can refuse to make other changes than a preview
 * showed. New people count in the fingerprint by number only (they have no id yet).
 */
export class ChangeLog {
  private readonly counts = { new: 0, role: 0, team: 0, rejoin: 0 };
  private readonly items: Mau2Change[] = [];
  private readonly hash = createHash('sha256');

  add(change: Mau2Change, key: ChangeKey): void {
    this.counts[change.kind] += 1;
    if (this.counts[change.kind] <= MAU2_CHANGES_LISTED) this.items.push(change);
    if (change.kind !== 'new') {
      this.hash.update(
        `${change.kind}\u0000${change.sheet}\u0000${change.row}\u0000${key.personId}\u0000${key.teamKey}\u0000${key.role}\u0000${key.title ?? ''}\u0001`,
      );
    }
  }

  /** The summary; call once, at the end. */
  result(): Mau2Changes {
    this.hash.update(`new\u0000${this.counts.new}`);
    return { counts: { ...this.counts }, items: this.items, digest: this.hash.digest('hex') };
  }
}

/** "Tổ viên → Tổ trưởng (Trưởng ấp)". */
export function roleChangeText(from: { role: TeamRole; title: string | null }, to: { role: TeamRole; title: string | null }): string {
  const word = (r: { role: TeamRole; title: string | null }) =>
    r.title ? `${TEAM_ROLE_WORDS[r.role]} (${r.title})` : TEAM_ROLE_WORDS[r.role];
  return `${word(from)} → ${word(to)}`;
}
