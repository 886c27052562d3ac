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
import { createMemberAccounts } from './member-accounts.service.ts';
import {
  deleteUserSessions,
  findUserById,
  findUserByUsername,
  findUserInScope,
  insertUser,
  listAssignments,
  listUsers,
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
export interface UsersDeps {
  db: Db;
  clock: () => Date;
  orgUnits: OrgUnitsService;
  people: PeopleService;
}

export function createUsersService(deps: UsersDeps) {
  const { db, clock, orgUnits } = deps;
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

    ...createMemberAccounts(deps),
  };
}

/** The users service's public surface. */
export type UsersService = ReturnType<typeof createUsersService>;
