import type { z } from 'zod';
import { normalizePhone } from '../../../shared/phone.ts';
import type { Profile, profileUpdateSchema } from '../../../shared/schemas/accounts.ts';
import type { Db } from '../../db/client.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import { findUserById, findUsersByEmail, listContacts, listRoleHolders, updateUser, type UserRow } from './accounts.repo.ts';

function toProfile(user: UserRow): Profile {
  return {
    email: user.email,
    phone: user.phone,
    notifyByEmail: user.notifyByEmail,
    notifyByPush: user.notifyByPush,
    notifyByZalo: user.notifyByZalo,
  };
}

/** A mobile number as stored, or null; a number that is not a Vietnamese mobile is refused. */
function phoneOf(raw: string | null): string | null {
  if (raw === null) return null;
  const result = normalizePhone(raw);
  if (!result.ok) throw new AppError('VALIDATION', result.message, [{ path: 'phone', message: result.message }]);
  return result.phone;
}

/**
 * The signed-in user's own settings (e-mail, mobile for Zalo, notification channels), and the
 * contact directory other modules read: who holds a role on a unit, how to reach an account.
 */
export function createProfileService({ db, clock }: { db: Db; clock: () => Date }) {
  async function own(actor: Actor): Promise<UserRow> {
    const user = await findUserById(db, actor.userId);
    if (!user) throw notFound('người dùng');
    return user;
  }

  return {
    /** The actor's settings. */
    async get(actor: Actor): Promise<Profile> {
      return toProfile(await own(actor));
    },

    /** Changes what the body names (audited); null clears the e-mail or the phone. */
    async update(actor: Actor, input: z.infer<typeof profileUpdateSchema>): Promise<Profile> {
      const user = await own(actor);
      const patch = { ...input, ...(input.phone === undefined ? {} : { phone: phoneOf(input.phone) }) };
      return db.transaction(async (tx) => {
        const updated = await updateUser(tx, user.id, patch);
        await recordAudit(tx, auditActorOf(actor), {
          at: clock(),
          action: 'user.update_profile',
          entityType: 'user',
          entityId: user.username,
          unitPath: null,
          before: toProfile(user),
          after: toProfile(updated),
        });
        return toProfile(updated);
      });
    },

    /** Roles held on exactly these units by accounts that are not disabled. */
    roleHoldersOn: (unitPaths: readonly string[]) => listRoleHolders(db, unitPaths),

    /** E-mail, mobile and channel choices of accounts that are not disabled. */
    contactsOf: (userIds: readonly string[]) => listContacts(db, userIds),

    /** Accounts (not disabled) with this e-mail address. */
    usersWithEmail: (email: string) => findUsersByEmail(db, email),
  };
}

/** The profile service's surface. */
export type ProfileService = ReturnType<typeof createProfileService>;
