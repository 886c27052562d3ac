/** Field accounts of team members: created by the commune, erased or moved with their person. */
import type { Role } from '../../../shared/permissions.ts';
import type { Tx } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { generatePassword, hashPassword } from '../../lib/password.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import { toUserDto } from './accounts.mapper.ts';
import {
  deleteUserSessions,
  findUserByPerson,
  findUserByUsername,
  insertUser,
  linkUserToPerson,
  listAssignments,
  listUsersOfPeople,
  renameUser,
  replaceAssignments,
  updateUser,
} from './accounts.repo.ts';
import type { UsersDeps } from './users.service.ts';

/** The member-account part of the users service (spread into it). */
export function createMemberAccounts({ db, clock, orgUnits, people }: UsersDeps) {
  /** A team member the actor manages (team.manage over the member's commune), with that commune. */
  async function memberInScope(actor: Actor, personId: string) {
    if (!hasAction(actor, 'team.manage')) throw forbidden();
    const person = await people.detail(actor, personId);
    const commune = await orgUnits.findInScope(person.structure, person.communeCode, scopeFor(actor, 'team.manage'));
    if (!commune) throw notFound('người này');
    return { person, commune };
  }

  return {
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
      const { id, username, displayName, createdAt, isDisabled, assignments } = toUserDto(user, await listAssignments(db, [user.id]));
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
