import type { z } from 'zod';
import { ROLE_UNIT_LEVEL, type Role } from '../../../shared/permissions.ts';
import type { assignmentInputSchema, userCreateSchema, userListQuerySchema, userUpdateSchema } from '../../../shared/schemas/accounts.ts';
import { normalizeText } from '../../../shared/text.ts';
import type { Db, Tx } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, isAdmin, scopeFor, type Actor } from '../../http/context.ts';
import { generatePassword, hashPassword } from '../../lib/password.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { PeopleService } from '../teams/people.service.ts';
import { toUserDto } from './accounts.mapper.ts';
import {
  deleteUserSessions,
  findUserByPerson,
  findUserById,
  findUserByUsername,
  findUserInScope,
  insertUser,
  linkUserToPerson,
  listAssignments,
  listUsersOfPeople,
  listUsers,
  renameUser,
  replaceAssignments,
  updateUser,
  type UserRow,
} from './accounts.repo.ts';

type AssignmentInput = z.infer<typeof assignmentInputSchema>;

/** Levels a role may be assigned at; team roles may sit on a commune or one of its villages. */
function allowedLevels(role: Role): readonly string[] {
  if (role === 'team_leader' || role === 'team_member') return ['commune', 'village'];
  const level = ROLE_UNIT_LEVEL[role];
  return level ? [level] : [];
}

/** A partner's organisation as stored: NFC with single spaces, null when blank. */
function organizationOf(value: string | null | undefined): string | null {
  return value ? normalizeText(value) : null;
}

/** Account administration: create, edit, disable users and reset passwords, within scope. */
interface UsersDeps {
  db: Db;
  clock: () => Date;
  orgUnits: OrgUnitsService;
  people: PeopleService;
}

export function createUsersService({ db, clock, orgUnits, people }: UsersDeps) {
  function manageScope(actor: Actor) {
    if (!hasAction(actor, 'user.manage')) throw forbidden();
    return scopeFor(actor, 'user.manage');
  }

  /** Checks each assignment against its unit and the manager's scope. */
  async function validateAssignments(actor: Actor, inputs: readonly AssignmentInput[]) {
    const scope = scopeFor(actor, 'user.manage');
    const issues: { path: string; message: string }[] = [];
    for (const [i, a] of inputs.entries()) {
      if (a.role === 'admin') {
        if (!isAdmin(actor))
          issues.push({ path: `assignments.${i}.role`, message: 'Chỉ quản trị hệ thống mới cấp được vai trò quản trị.' });
        continue;
      }
      if (!a.structure || !a.unitCode) {
        issues.push({ path: `assignments.${i}.unitCode`, message: 'Vai trò này cần chọn đơn vị.' });
        continue;
      }
      const unit = await orgUnits.findInScope(a.structure, a.unitCode, scope);
      if (!unit) {
        issues.push({ path: `assignments.${i}.unitCode`, message: `Không tìm thấy đơn vị mã ${a.unitCode} trong phạm vi của bạn.` });
      } else if (!allowedLevels(a.role).includes(unit.level)) {
        issues.push({ path: `assignments.${i}.unitCode`, message: `Đơn vị "${unit.name}" không đúng cấp cho vai trò này.` });
      }
    }
    if (issues.length > 0) throw new AppError('VALIDATION', issues.map((x) => x.message).join(' '), issues);
    return inputs.map((a) => (a.role === 'admin' ? { role: a.role, structure: null, unitCode: null } : a));
  }

  async function dto(tx: Db | Tx, user: UserRow) {
    return toUserDto(user, await listAssignments(tx, [user.id]));
  }

  /** Audit events about a user sit on their first assigned unit, so scoped managers see them. */
  async function auditUnitPath(tx: Tx, userId: string) {
    const [first] = await listAssignments(tx, [userId]);
    return first?.unitPath ?? null;
  }

  /** A team member the actor manages (team.manage over the member's commune), with that commune. */
  async function memberInScope(actor: Actor, personId: string) {
    if (!hasAction(actor, 'team.manage')) throw forbidden();
    const person = await people.detail(actor, personId);
    const commune = await orgUnits.findInScope(person.structure, person.communeCode, scopeFor(actor, 'team.manage'));
    if (!commune) throw notFound('người này');
    return { person, commune };
  }

  async function getInScope(actor: Actor, id: string) {
    const user = await findUserInScope(db, id, manageScope(actor));
    if (!user) throw notFound('người dùng');
    return user;
  }

  return {
    /** The signed-in user with assignments. */
    async me(actor: Actor) {
      const user = await findUserById(db, actor.userId);
      if (!user) throw notFound('người dùng');
      return dto(db, user);
    },

    /** Users the actor may manage. */
    async list(actor: Actor, query: z.infer<typeof userListQuerySchema>) {
      const result = await listUsers(db, manageScope(actor), query.q, query.limit, query.offset);
      const assignments = await listAssignments(
        db,
        result.items.map((u) => u.id),
      );
      return { items: result.items.map((u) => toUserDto(u, assignments)), total: result.total };
    },

    /** One user in scope. */
    async get(actor: Actor, id: string) {
      return dto(db, await getInScope(actor, id));
    },

    /** Creates a user; a generated password is returned once and must be changed at first login. */
    async create(actor: Actor, input: z.infer<typeof userCreateSchema>) {
      manageScope(actor);
      const password = input.password ?? generatePassword();
      const passwordHash = await hashPassword(password);
      const assignments = await validateAssignments(actor, input.assignments);
      return db.transaction(async (tx) => {
        if (await findUserByUsername(tx, input.username)) {
          throw new AppError('CONFLICT', `Tên đăng nhập "${input.username}" đã được dùng.`);
        }
        const user = await insertUser(tx, {
          username: input.username,
          displayName: normalizeText(input.displayName),
          passwordHash,
          mustChangePassword: true,
          email: input.email ?? null,
          organization: organizationOf(input.organization),
        });
        await replaceAssignments(tx, user.id, assignments);
        const created = await dto(tx, user);
        await recordAudit(tx, auditActorOf(actor), {
          at: clock(),
          action: 'user.create',
          entityType: 'user',
          entityId: user.username,
          unitPath: await auditUnitPath(tx, user.id),
          after: created,
        });
        return { user: created, password: input.password ? null : password };
      });
    },

    /** Edits display name, assignments or the disabled flag. Disabling ends the user's sessions. */
    async update(actor: Actor, id: string, input: z.infer<typeof userUpdateSchema>) {
      const user = await getInScope(actor, id);
      if (input.isDisabled && user.id === actor.userId) {
        throw new AppError('VALIDATION', 'Bạn không thể tự khóa tài khoản của mình.');
      }
      const assignments = input.assignments ? await validateAssignments(actor, input.assignments) : null;
      return db.transaction(async (tx) => {
        const before = await dto(tx, user);
        if (assignments) await replaceAssignments(tx, id, assignments);
        const disabledAt = input.isDisabled === undefined ? user.disabledAt : input.isDisabled ? (user.disabledAt ?? clock()) : null;
        const updated = await updateUser(tx, id, {
          displayName: input.displayName ? normalizeText(input.displayName) : user.displayName,
          disabledAt,
          ...(input.email === undefined ? {} : { email: input.email }),
          ...(input.organization === undefined ? {} : { organization: organizationOf(input.organization) }),
        });
        if (disabledAt) await deleteUserSessions(tx, id);
        const after = await dto(tx, updated);
        await recordAudit(tx, auditActorOf(actor), {
          at: clock(),
          action: input.isDisabled === true ? 'user.disable' : input.isDisabled === false ? 'user.enable' : 'user.update',
          entityType: 'user',
          entityId: user.username,
          unitPath: await auditUnitPath(tx, id),
          before,
          after,
        });
        return after;
      });
    },

    /** Sets a new generated password that the user must change at next login. */
    async resetPassword(actor: Actor, id: string) {
      const user = await getInScope(actor, id);
      const password = generatePassword();
      const passwordHash = await hashPassword(password);
      return db.transaction(async (tx) => {
        const updated = await updateUser(tx, id, { passwordHash, mustChangePassword: true });
        await deleteUserSessions(tx, id);
        await recordAudit(tx, auditActorOf(actor), {
          at: clock(),
          action: 'user.reset_password',
          entityType: 'user',
          entityId: user.username,
          unitPath: await auditUnitPath(tx, id),
        });
        return { user: await dto(tx, updated), password };
      });
    },

    /** The field account of a team member the actor manages (404 when the member has none). */
    async memberAccount(actor: Actor, personId: string) {
      const { person, commune } = await memberInScope(actor, personId);
      const user = await findUserByPerson(db, personId);
      if (!user || user.disabledAt)
        throw new AppError('NOT_FOUND', `${person.fullName} chưa có tài khoản ghi nhận (hoặc tài khoản đã bị khóa).`);
      return { user, person, commune };
    },

    /** The field account linked to a person (its id, and what a copy of their data shows of it), or null. */
    async accountOfPerson(personId: string) {
      const user = await findUserByPerson(db, personId);
      if (!user) return null;
      const { id, username, displayName, createdAt, isDisabled, assignments } = await dto(db, user);
      return { id, shown: { username, displayName, createdAt, isDisabled, roles: assignments.map((a) => a.role) } };
    },

    /**
     * Erases a person's field account in the caller's transaction: the username (their phone)
     * becomes `pseudonym`, the name `displayName`, the account is disabled and its sessions end.
     * Returns the account's id and former username, or null when the person had none.
     */
    async forgetPerson(tx: Tx, personId: string, pseudonym: string, displayName: string) {
      const user = await findUserByPerson(tx, personId);
      if (!user) return null;
      await renameUser(tx, user.id, pseudonym, displayName, clock());
      await deleteUserSessions(tx, user.id);
      return { userId: user.id, username: user.username };
    },

    /**
     * A field account for a team member, created by whoever manages the member's teams (the
     * commune): username = the member's phone unless given, role team_leader or team_member on
     * the commune, linked to the person so they log for their own teams only. The generated
     * password is returned once and must be changed at first login.
     */
    async createMemberAccount(actor: Actor, personId: string, input: { username?: string }) {
      const { person, commune } = await memberInScope(actor, personId);
      const active = person.memberships.filter((m) => m.toDate === null);
      if (active.length === 0) throw new AppError('VALIDATION', `${person.fullName} chưa là thành viên của tổ nào đang hoạt động.`);
      const username = input.username ?? person.phone;
      if (!username) throw new AppError('VALIDATION', 'Thành viên chưa có số điện thoại: hãy nhập tên đăng nhập.');
      const role: Role = active.some((m) => m.role === 'leader') ? 'team_leader' : 'team_member';
      const password = generatePassword();
      const passwordHash = await hashPassword(password);
      return db.transaction(async (tx) => {
        if (await findUserByPerson(tx, personId)) throw new AppError('CONFLICT', `${person.fullName} đã có tài khoản.`);
        if (await findUserByUsername(tx, username)) throw new AppError('CONFLICT', `Tên đăng nhập "${username}" đã được dùng.`);
        const user = await insertUser(tx, { username, displayName: person.fullName, passwordHash, mustChangePassword: true, personId });
        await replaceAssignments(tx, user.id, [{ role, structure: person.structure, unitCode: commune.code }]);
        await recordAudit(tx, auditActorOf(actor), {
          at: clock(),
          action: 'user.create_member_account',
          entityType: 'user',
          entityId: username,
          unitPath: commune.path,
          after: { personId, role, communeCode: commune.code },
        });
        return { userId: user.id, username, role, initialPassword: password };
      });
    },

    /** Ids of those of these team members who have a field account. */
    async peopleWithAccounts(personIds: readonly string[]): Promise<Set<string>> {
      return new Set((await listUsersOfPeople(db, personIds)).map((u) => u.personId!));
    },

    /**
     * Inside a merge of two people (the caller's transaction, audited there): the merged person's
     * field account goes to the kept person; if the kept person has one already, the merged one
     * is disabled, unlinked and signed out, and its id is returned with the kept one's so that
     * what it authored can follow.
     */
    async transferPersonAccount(tx: Tx, fromPersonId: string, toPersonId: string) {
      const from = await findUserByPerson(tx, fromPersonId);
      const to = await findUserByPerson(tx, toPersonId);
      if (!from) return { moved: null, disabled: null, kept: to?.id ?? null };
      if (!to) {
        await linkUserToPerson(tx, from.id, toPersonId);
        return { moved: from.id, disabled: null, kept: from.id };
      }
      await linkUserToPerson(tx, from.id, null);
      await updateUser(tx, from.id, { disabledAt: clock() });
      await deleteUserSessions(tx, from.id);
      return { moved: null, disabled: from.id, kept: to.id };
    },
  };
}

/** The users service's public surface. */
export type UsersService = ReturnType<typeof createUsersService>;
