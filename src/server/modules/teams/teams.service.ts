import type { z } from 'zod';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { teamCreateSchema, teamListQuerySchema, teamUpdateSchema } from '../../../shared/schemas/teams.ts';
import { foldVietnamese, normalizeText, searchTokens } from '../../../shared/text.ts';
import type { Db, Tx } from '../../db/client.ts';
import { AppError, forbidden, notFound, personalDataForbidden } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit, recordPersonalDataRead } from '../audit/audit.service.ts';
import type { OrgUnitRow } from '../org-units/org-units.repo.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { TargetsService } from '../targets/targets.service.ts';
import type { SettingsService } from '../settings/settings.service.ts';
import { compositionWarnings } from './composition.ts';
import { personalDataScope, seesEveryoneUnder, type PersonalDataScope } from './people.policy.ts';
import { toMembershipDto, toMoveDto, toTeamDto } from './teams.mapper.ts';
import { listLeftMovesOfTeams, listMovesOfTeam } from './reorganisation.repo.ts';
import {
  findActiveTeamByName,
  findActiveTeamOfMember,
  findTeam,
  insertTeam,
  listActiveTeamsOfPerson,
  listTeams,
  updateTeam,
  type TeamWithUnit,
} from './teams.repo.ts';
import { listMemberships, teamCompositions } from './teams.memberships.repo.ts';
import type { UnitScope } from '../../db/scope.ts';

/** Default team name for a unit: "Tổ công nghệ số cộng đồng ấp Tân Hòa". */
export function defaultTeamName(unitName: string): string {
  return `Tổ công nghệ số cộng đồng ${unitName.charAt(0).toLowerCase()}${unitName.slice(1)}`;
}

/** Today's date (YYYY-MM-DD) in Vietnam for a clock reading. */
export function vnDate(d: Date): string {
  return new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

interface Deps {
  db: Db;
  clock: () => Date;
  orgUnits: OrgUnitsService;
  settings: SettingsService;
  targets: Pick<TargetsService, 'refreshCommuneTotals'>;
}

/** Teams: list, read with members and warnings, create, edit and dissolve, within scope. */
export function createTeamsService({ db, clock, orgUnits, settings, targets }: Deps) {
  /**
   * Teams as DTOs with their composition warnings under their province's rules; with `visibleTo`,
   * the leader's and other members' names only where the actor may see them.
   */
  async function withWarnings(conn: Db | Tx, rows: TeamWithUnit[], visibleTo?: PersonalDataScope) {
    const counts = await teamCompositions(
      conn,
      rows.map((r) => r.id),
      visibleTo,
    );
    const rulesByProvince = new Map<string, Awaited<ReturnType<SettingsService['forProvince']>>>();
    for (const r of rows) {
      const key = `${r.structure}:${r.provinceCode}`;
      if (!rulesByProvince.has(key)) rulesByProvince.set(key, await settings.forProvince(r.structure as Structure, r.provinceCode));
    }
    return rows.map((r) => {
      const c = counts.get(r.id)!;
      const rules = rulesByProvince.get(`${r.structure}:${r.provinceCode}`)!.composition;
      const warnings = r.status === 'active' ? compositionWarnings({ level: r.level as 'village' | 'commune', ...c }, rules) : [];
      return toTeamDto(r, c, warnings);
    });
  }

  async function getInScope(actor: Actor, id: string, action: 'unit.read' | 'team.manage') {
    if (!hasAction(actor, action)) throw forbidden();
    const team = await findTeam(db, id, scopeFor(actor, action));
    if (!team) throw notFound('tổ công nghệ số này');
    return team;
  }

  /** One team with the members (current and past) whose data the actor may see, and how many are not shown. */
  async function detail(actor: Actor, id: string) {
    const team = await getInScope(actor, id, 'unit.read');
    const visibleTo = personalDataScope(actor);
    const [dto] = await withWarnings(db, [team], visibleTo);
    const rows = (await listMemberships(db, { teamIds: [id] }, visibleTo)).map(toMembershipDto);
    const members = rows.filter((m) => m.toDate === null);
    const moves = (await listMovesOfTeam(db, id)).map(toMoveDto);
    return {
      team,
      dto: {
        ...dto!,
        members,
        history: rows.filter((m) => m.toDate !== null),
        hiddenMemberCount: dto!.memberCount - members.length,
        moves,
      },
    };
  }

  async function assertNameFree(tx: Tx, structure: string, communeCode: string, name: string, selfId: string | null) {
    const clash = await findActiveTeamByName(tx, structure, communeCode, foldVietnamese(name));
    if (clash && clash.id !== selfId) throw new AppError('CONFLICT', `Xã/phường đã có "${clash.name}".`, { id: clash.id });
  }

  return {
    withWarnings,

    /** Refuses a name another active team of the commune already has (409). */
    assertNameFree,

    /** A team row inside `scope`, or null: for other modules that authorise on the team's unit. */
    findInScope(id: string, scope: UnitScope) {
      return findTeam(db, id, scope);
    },

    /** Active team rows (no warnings) under a unit inside `scope`, at most `limit`: for other modules. */
    async activeRowsUnder(structure: Structure, unitCode: string, scope: UnitScope, limit: number) {
      const unit = await orgUnits.findInScope(structure, unitCode, scope);
      if (!unit) return [];
      return (await listTeams(db, { structure, underPath: unit.path, status: 'active', tokens: [], scope, limit, offset: 0 })).items;
    },

    /** Where teams stood before they moved into this structure, by team id: "Khóm 1, Phường 3" (Mẫu 1 of a re-establishment). */
    async originsOf(teamIds: readonly string[]): Promise<Map<string, string>> {
      const moves = await listLeftMovesOfTeams(db, teamIds);
      return new Map(
        moves.map((m) => [m.move.teamId, m.move.fromLevel === 'commune' ? m.fromCommuneName : `${m.fromUnitName}, ${m.fromCommuneName}`]),
      );
    },

    /** The team when it is active and the person one of its active members, else null. */
    activeTeamOfMember(personId: string, teamId: string) {
      return findActiveTeamOfMember(db, personId, teamId);
    },

    /** Active teams in which a person is an active member (the teams a member logs for). */
    teamsOfPerson(personId: string) {
      return listActiveTeamsOfPerson(db, personId);
    },

    /** Teams under a unit the actor can see. */
    async list(actor: Actor, q: z.infer<typeof teamListQuerySchema>) {
      const scope = scopeFor(actor, 'unit.read');
      const unit = await orgUnits.findInScope(q.structure, q.unit, scope);
      if (!unit) throw notFound(`đơn vị mã ${q.unit}`);
      const result = await listTeams(db, {
        structure: q.structure,
        underPath: unit.path,
        status: q.status,
        tokens: searchTokens(q.q ?? ''),
        scope,
        limit: q.limit,
        offset: q.offset,
      });
      const items = await withWarnings(db, result.items, personalDataScope(actor));
      // Leaders named, and members named in warnings (a person in several teams).
      const named =
        items.filter((t) => t.leaderName !== null).length + new Set(items.flatMap((t) => t.warnings.map((w) => w.personId ?? []))).size;
      await recordPersonalDataRead(db, actor, {
        at: clock(),
        list: 'teams',
        entityType: 'org_unit',
        entityId: unit.code,
        unitPath: unit.path,
        label: unit.name,
        people: named,
      });
      return { items, total: result.total };
    },

    /**
     * Active teams under a unit with their active members (leader, deputy, members), grouped by
     * commune in code order: the data behind the official forms.
     */
    async roster(actor: Actor, structure: Structure, unitCode: string) {
      const scope = scopeFor(actor, 'unit.read');
      const unit = await orgUnits.findInScope(structure, unitCode, scope);
      if (!unit) throw notFound(`đơn vị mã ${unitCode}`);
      if (!seesEveryoneUnder(personalDataScope(actor), unit.path)) throw personalDataForbidden();
      const { items } = await listTeams(db, {
        structure,
        underPath: unit.path,
        status: 'active',
        tokens: [],
        scope,
        limit: 100_000,
        offset: 0,
      });
      const members = (await listMemberships(db, { teamIds: items.map((t) => t.id) })).filter((m) => m.membership.toDate === null);
      const communes = new Map<string, { commune: OrgUnitRow; teams: { team: TeamWithUnit; members: typeof members }[] }>();
      for (const team of items) {
        if (!communes.has(team.communeCode)) {
          const commune = await orgUnits.findInScope(structure, team.communeCode, 'all');
          communes.set(team.communeCode, { commune: commune!, teams: [] });
        }
        communes.get(team.communeCode)!.teams.push({ team, members: members.filter((m) => m.membership.teamId === team.id) });
      }
      return { unit, communes: [...communes.values()].sort((a, b) => a.commune.code.localeCompare(b.commune.code)) };
    },

    /** The team page: the team, its members and history as far as the actor may see them, and its warnings; the read is audited. */
    async get(actor: Actor, id: string) {
      const { team, dto } = await detail(actor, id);
      const people = new Set([...dto.members, ...dto.history].map((m) => m.person.id)).size;
      await recordPersonalDataRead(db, actor, {
        at: clock(),
        list: 'team',
        entityType: 'team',
        entityId: id,
        unitPath: team.unitPath,
        label: team.name,
        people,
      });
      return dto;
    },

    /** The team as {@link get} shows it, without auditing a read: the answer to a mutation, which is audited itself. */
    async detail(actor: Actor, id: string) {
      return (await detail(actor, id)).dto;
    },

    /** Creates a team on a village or on the commune itself. */
    async create(actor: Actor, input: z.infer<typeof teamCreateSchema>) {
      if (!hasAction(actor, 'team.manage')) throw forbidden();
      const unit = await orgUnits.findInScope(input.structure, input.unitCode, scopeFor(actor, 'team.manage'));
      if (!unit || (unit.level !== 'village' && unit.level !== 'commune') || unit.retiredAt) {
        throw notFound(`thôn/ấp hoặc xã/phường mã ${input.unitCode}`);
      }
      const communeCode = unit.level === 'commune' ? unit.code : unit.parentCode!;
      const name = normalizeText(input.name ?? defaultTeamName(unit.name));
      const team = await db.transaction(async (tx) => {
        await assertNameFree(tx, unit.structure, communeCode, name, null);
        const row = await insertTeam(tx, {
          structure: unit.structure,
          unitCode: unit.code,
          communeCode,
          provinceCode: unit.provinceCode,
          unitPath: unit.path,
          level: unit.level,
          name,
          searchName: foldVietnamese(name),
          establishedOn: input.establishedOn ?? null,
          decisionNumber: input.decisionNumber ?? null,
          decisionDate: input.decisionDate ?? null,
          decisionSigner: input.decisionSigner ?? null,
          decisionIssuer: input.decisionIssuer ?? null,
          zaloGroupUrl: input.zaloGroupUrl ?? null,
        });
        await recordAudit(tx, auditActorOf(actor), {
          at: clock(),
          action: 'team.create',
          entityType: 'team',
          entityId: row.id,
          unitPath: unit.path,
          after: row,
        });
        return row;
      });
      return this.detail(actor, team.id);
    },

    /** Edits a team; dissolving needs a date and keeps the team and its history. */
    async update(actor: Actor, id: string, input: z.infer<typeof teamUpdateSchema>) {
      const team = await getInScope(actor, id, 'team.manage');
      const isDissolving = input.status === 'dissolved' && team.status !== 'dissolved';
      const name = input.name === undefined ? undefined : normalizeText(input.name);
      await db.transaction(async (tx) => {
        if (name || input.status === 'active') await assertNameFree(tx, team.structure, team.communeCode, name ?? team.name, team.id);
        const row = await updateTeam(tx, id, {
          ...input,
          ...(name ? { name, searchName: foldVietnamese(name) } : {}),
          ...(isDissolving ? { dissolvedOn: input.dissolvedOn ?? vnDate(clock()) } : {}),
          ...(input.status === 'active' ? { dissolvedOn: null, dissolvedReason: null } : {}),
        });
        await recordAudit(tx, auditActorOf(actor), {
          at: clock(),
          action: isDissolving ? 'team.dissolve' : 'team.update',
          entityType: 'team',
          entityId: id,
          unitPath: team.unitPath,
          before: team,
          after: row,
        });
        // Only active teams' targets count toward their commune's target.
        if (input.status !== undefined && input.status !== team.status) await targets.refreshCommuneTotals(tx, team);
      });
      return this.detail(actor, id);
    },
  };
}

/** The teams service's public surface. */
export type TeamsService = ReturnType<typeof createTeamsService>;
