/**
 * Writing a checked set of target changes: only what differs from the stored values is written,
 * in the caller's transaction, with one audit event for the whole call.
 */
import type { Tx } from '../../db/client.ts';
import { recordAudit, type AuditActor } from '../audit/audit.service.ts';
import {
  communeTargetsOf,
  deleteCommuneTargets,
  deleteTeamTargets,
  teamTargetsOf,
  upsertCommuneTargets,
  upsertTeamTargets,
  type TargetTeamRow,
} from './targets.repo.ts';
import { refreshCommuneTargetTotals } from './targets.totals.repo.ts';
import { commonAncestor } from './targets.rules.ts';

/** A commune whose target the province sets. */
export interface PlanCommune {
  code: string;
  path: string;
  provinceCode: string;
}

/** Checked changes: every team and commune is in scope, every indicator exists. Null removes. */
export interface TargetPlan {
  year: number;
  structure: string;
  teams: { team: TargetTeamRow; indicator: string; target: number | null }[];
  communes: { commune: PlanCommune; indicator: string; target: number | null }[];
}

/** Most changed entries an audit event lists (the count is always exact). */
const AUDIT_LIST_LIMIT = 2000;

type Entry = { teamId?: string; communeCode?: string; indicator: string; target: number | null };

function changed<T extends { indicator: string; target: number | null }>(
  items: readonly T[],
  keyOf: (i: T) => string,
  current: Map<string, number>,
) {
  return items
    .map((item) => ({ item, before: current.get(`${keyOf(item)}|${item.indicator}`) ?? null }))
    .filter(({ item, before }) => before !== item.target);
}

type TeamChange = { item: TargetPlan['teams'][number]; before: number | null };
type CommuneChange = { item: TargetPlan['communes'][number]; before: number | null };

async function writeTeamChanges(tx: Tx, year: number, changes: readonly TeamChange[]): Promise<void> {
  const set = changes.filter(({ item }) => item.target !== null);
  await upsertTeamTargets(
    tx,
    set.map(({ item: { team, indicator, target } }) => ({
      year,
      teamId: team.id,
      indicatorCode: indicator,
      target: target!,
      provinceCode: team.provinceCode,
      communeCode: team.communeCode,
      unitPath: team.unitPath,
    })),
  );
  const removed = changes.filter(({ item }) => item.target === null);
  await deleteTeamTargets(
    tx,
    year,
    removed.map(({ item }) => ({ teamId: item.team.id, indicatorCode: item.indicator })),
  );
}

async function writeCommuneChanges(tx: Tx, year: number, structure: string, changes: readonly CommuneChange[]): Promise<void> {
  const set = changes.filter(({ item }) => item.target !== null);
  await upsertCommuneTargets(
    tx,
    set.map(({ item: { commune, indicator, target } }) => ({
      year,
      structure,
      communeCode: commune.code,
      indicatorCode: indicator,
      target: target!,
      provinceCode: commune.provinceCode,
      unitPath: commune.path,
    })),
  );
  const removed = changes.filter(({ item }) => item.target === null);
  await deleteCommuneTargets(
    tx,
    year,
    structure,
    removed.map(({ item }) => ({ communeCode: item.commune.code, indicatorCode: item.indicator })),
  );
}

/** One event for the call: the changed entries before and after, under the units' common ancestor. */
function auditRecord(at: Date, action: string, plan: TargetPlan, teams: readonly TeamChange[], communes: readonly CommuneChange[]) {
  const before: Entry[] = [];
  const after: Entry[] = [];
  for (const { item, before: old } of teams) {
    before.push({ teamId: item.team.id, indicator: item.indicator, target: old });
    after.push({ teamId: item.team.id, indicator: item.indicator, target: item.target });
  }
  for (const { item, before: old } of communes) {
    before.push({ communeCode: item.commune.code, indicator: item.indicator, target: old });
    after.push({ communeCode: item.commune.code, indicator: item.indicator, target: item.target });
  }
  const paths = [...teams.map(({ item }) => item.team.unitPath), ...communes.map(({ item }) => item.commune.path)];
  const updated = before.length;
  const summary = { year: plan.year, structure: plan.structure, updated, isTruncated: updated > AUDIT_LIST_LIMIT };
  return {
    at,
    action,
    entityType: 'targets',
    entityId: `${plan.structure}:${plan.year}`,
    unitPath: commonAncestor(paths),
    before: { ...summary, entries: before.slice(0, AUDIT_LIST_LIMIT) },
    after: { ...summary, entries: after.slice(0, AUDIT_LIST_LIMIT) },
  };
}

/**
 * Applies the changes of `plan` that differ from what is stored; returns how many targets were
 * set, changed or removed. Writes nothing, not even an audit event, when nothing differs.
 */
export async function applyPlan(tx: Tx, who: AuditActor, at: Date, plan: TargetPlan, action: string): Promise<number> {
  const teamIds = [...new Set(plan.teams.map((c) => c.team.id))];
  const communeCodes = [...new Set(plan.communes.map((c) => c.commune.code))];
  const storedTeams = new Map((await teamTargetsOf(tx, plan.year, teamIds)).map((r) => [`${r.teamId}|${r.indicatorCode}`, r.target]));
  const storedCommunes = new Map(
    (await communeTargetsOf(tx, plan.year, plan.structure, communeCodes)).map((r) => [`${r.communeCode}|${r.indicatorCode}`, r.target]),
  );
  const teamChanges = changed(plan.teams, (c) => c.team.id, storedTeams);
  const communeChanges = changed(plan.communes, (c) => c.commune.code, storedCommunes);
  if (teamChanges.length + communeChanges.length === 0) return 0;
  await writeTeamChanges(tx, plan.year, teamChanges);
  await writeCommuneChanges(tx, plan.year, plan.structure, communeChanges);
  const communes = [...teamChanges.map(({ item }) => item.team.communeCode), ...communeChanges.map(({ item }) => item.commune.code)];
  await refreshCommuneTargetTotals(tx, plan.structure, communes, plan.year);
  await recordAudit(tx, who, auditRecord(at, action, plan, teamChanges, communeChanges));
  return teamChanges.length + communeChanges.length;
}
