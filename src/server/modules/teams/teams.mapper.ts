import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { Membership, Person, Team, TeamMoveRecord as TeamMove, TeamWarning } from '../../../shared/schemas/teams.ts';
import type { TeamMoveRecord } from './reorganisation.repo.ts';
import type { CompositionCounts, MembershipRow } from './teams.memberships.repo.ts';
import type { PersonRow, TeamWithUnit } from './teams.repo.ts';

/** Maps a person row to its API shape; the CCCD only ever leaves masked. */
export function toPersonDto(row: PersonRow): Person {
  return {
    id: row.id,
    fullName: row.fullName,
    phone: row.phone,
    isZalo: row.isZalo,
    gender: row.gender as Person['gender'],
    birthYear: row.birthYear,
    affiliation: row.affiliation as Person['affiliation'],
    affiliationDetail: row.affiliationDetail,
    cccdMasked: row.cccdMasked,
    communeCode: row.communeCode,
    structure: row.structure as Structure,
    isAnonymised: row.anonymisedAt !== null,
  };
}

/** Maps a membership with its person and team name. */
export function toMembershipDto(r: { membership: MembershipRow; person: PersonRow; teamName: string }): Membership {
  return {
    id: r.membership.id,
    teamId: r.membership.teamId,
    teamName: r.teamName,
    role: r.membership.role as Membership['role'],
    title: r.membership.title,
    fromDate: r.membership.fromDate,
    toDate: r.membership.toDate,
    person: toPersonDto(r.person),
  };
}

/** Maps a team with its active counts and warnings. */
export function toTeamDto(row: TeamWithUnit, counts: CompositionCounts, warnings: TeamWarning[]): Team {
  return {
    id: row.id,
    name: row.name,
    structure: row.structure as Structure,
    unitCode: row.unitCode,
    unitName: row.unitName,
    communeCode: row.communeCode,
    level: row.level as Team['level'],
    establishedOn: row.establishedOn,
    decisionNumber: row.decisionNumber,
    decisionDate: row.decisionDate,
    decisionSigner: row.decisionSigner,
    decisionIssuer: row.decisionIssuer,
    hasDecisionScan: row.decisionScanKey !== null,
    status: row.status as Team['status'],
    dissolvedOn: row.dissolvedOn,
    dissolvedReason: row.dissolvedReason,
    mergedIntoTeamId: row.mergedIntoTeamId,
    movedTo: row.movedTo ? { ...row.movedTo, structure: row.movedTo.structure as Structure } : null,
    zaloGroupUrl: row.zaloGroupUrl,
    memberCount: counts.leaders + counts.deputies + counts.members,
    leaderName: counts.leaderName,
    warnings,
  };
}

/** Maps a team move with the names of its places. */
export function toMoveDto(r: TeamMoveRecord): TeamMove {
  return {
    kind: r.move.kind as TeamMove['kind'],
    movedOn: r.move.movedOn,
    fromStructure: r.move.fromStructure as Structure,
    fromUnitCode: r.move.fromUnitCode,
    fromUnitName: r.fromUnitName,
    fromCommuneName: r.fromCommuneName,
    toStructure: r.move.toStructure as Structure,
    toUnitCode: r.move.toUnitCode,
    toUnitName: r.toUnitName,
  };
}
