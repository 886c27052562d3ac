import { createHash, randomBytes } from 'node:crypto';
import type { Db, Tx } from '../../db/client.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../../http/context.ts';
import { hashPassword, verifyPassword } from '../../lib/password.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import { countFailedLogins } from '../audit/audit.repo.ts';
import { toActorAssignment } from './accounts.mapper.ts';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  findLiveSession,
  findUserById,
  findUserByUsername,
  insertSession,
  listAssignments,
  updateUser,
  type AssignmentRow,
  type UserRow,
} from './accounts.repo.ts';

/** Failed attempts allowed per username, and per IP, within the window. */
export const LOGIN_LIMITS = { perUser: 5, perIp: 20, windowMinutes: 15 } as const;

/** The stored form of a session token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

interface AuthDeps {
  db: Db;
  clock: () => Date;
  sessionTtlHours: number;
}

/** Login, logout, password change and session resolution. */
export function createAuthService({ db, clock, sessionTtlHours }: AuthDeps) {
  async function loadActor(userId: string, ip: string): Promise<Actor> {
    const user = await findUserById(db, userId);
    if (!user) throw new AppError('UNAUTHENTICATED', 'Phiên đăng nhập không còn hiệu lực.');
    return toActor(user, await listAssignments(db, [userId]), ip);
  }

  function toActor(user: UserRow, assignments: readonly AssignmentRow[], ip: string): Actor {
    return {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      mustChangePassword: user.mustChangePassword,
      personId: user.personId,
      assignments: assignments.map(toActorAssignment),
      ip,
    };
  }

  /**
   * A new session for a user whose credentials the caller checked, in the caller's transaction,
   * audited as `action`; returns its token. Expired sessions are cleared on the way: they are
   * never swept by a timer (no process is special).
   */
  async function openSession(tx: Tx, user: UserRow, context: { ip: string; userAgent: string | null; action: string; at: Date }): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await deleteExpiredSessions(tx, context.at);
    await insertSession(tx, {
      tokenHash: hashToken(token),
      userId: user.id,
      createdAt: context.at,
      expiresAt: new Date(context.at.getTime() + sessionTtlHours * 3_600_000),
      ip: context.ip,
      userAgent: context.userAgent?.slice(0, 300) ?? null,
    });
    await recordAudit(tx, { userId: user.id, username: user.username, ip: context.ip }, {
      at: context.at,
      action: context.action,
      entityType: 'user',
      entityId: user.username,
      unitPath: null,
    });
    return token;
  }

  return {
    /** Checks credentials under the rate limit; returns a new session token and the actor. */
    async login(username: string, password: string, ip: string, userAgent: string | null) {
      const now = clock();
      const since = new Date(now.getTime() - LOGIN_LIMITS.windowMinutes * 60_000);
      const failures = await countFailedLogins(db, username, ip, since);
      if (failures.byUser >= LOGIN_LIMITS.perUser || failures.byIp >= LOGIN_LIMITS.perIp) {
        throw new AppError(
          'RATE_LIMITED',
          `Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${LOGIN_LIMITS.windowMinutes} phút.`,
        );
      }
      const user = await findUserByUsername(db, username);
      const isValid = user !== null && user.disabledAt === null && (await verifyPassword(password, user.passwordHash));
      if (!user || !isValid) {
        await recordAudit(db, { userId: user?.id ?? null, username, ip }, {
          at: now,
          action: 'auth.login_failed',
          entityType: 'user',
          entityId: username,
          unitPath: null,
          after: { reason: !user ? 'unknown_user' : user.disabledAt ? 'disabled' : 'wrong_password' },
        });
        throw new AppError('INVALID_CREDENTIALS', 'Tên đăng nhập hoặc mật khẩu không đúng.');
      }
      const token = await db.transaction((tx) => openSession(tx, user, { ip, userAgent, action: 'auth.login', at: now }));
      return { token, actor: await loadActor(user.id, ip) };
    },

    openSession,
    loadActor,

    /** The actor behind a session token, or null when the session is unknown or expired. */
    async resolveSession(token: string, ip: string): Promise<Actor | null> {
      const row = await findLiveSession(db, hashToken(token), clock());
      return row ? toActor(row.user, row.assignments, ip) : null;
    },

    /** Ends the session. */
    async logout(actor: Actor, token: string) {
      await db.transaction(async (tx) => {
        await deleteSession(tx, hashToken(token));
        await recordAudit(tx, auditActorOf(actor), {
          at: clock(),
          action: 'auth.logout',
          entityType: 'user',
          entityId: actor.username,
          unitPath: null,
        });
      });
    },

    /** Changes the actor's own password and ends their other sessions. */
    async changePassword(actor: Actor, token: string, currentPassword: string, newPassword: string) {
      const user = await findUserById(db, actor.userId);
      if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) {
        throw new AppError('VALIDATION', 'Mật khẩu hiện tại không đúng.', [
          { path: 'currentPassword', message: 'Mật khẩu hiện tại không đúng.' },
        ]);
      }
      if (currentPassword === newPassword || newPassword.toLowerCase() === user.username) {
        throw new AppError('VALIDATION', 'Mật khẩu mới phải khác mật khẩu cũ và khác tên đăng nhập.', [
          { path: 'newPassword', message: 'Mật khẩu mới phải khác mật khẩu cũ và khác tên đăng nhập.' },
        ]);
      }
      const passwordHash = await hashPassword(newPassword);
      await db.transaction(async (tx) => {
        await updateUser(tx, user.id, { passwordHash, mustChangePassword: false });
        await deleteUserSessions(tx, user.id, hashToken(token));
        await recordAudit(tx, auditActorOf(actor), {
          at: clock(),
          action: 'user.change_password',
          entityType: 'user',
          entityId: user.username,
          unitPath: null,
        });
      });
      return loadActor(user.id, actor.ip);
    },
  };
}

/** The auth service's public surface. */
export type AuthService = ReturnType<typeof createAuthService>;
