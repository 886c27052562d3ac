import { createHash, randomBytes } from 'node:crypto';
import type { Db, Tx } from '../../db/client.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../../http/context.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../lib/password.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import { toActorAssignment } from './accounts.mapper.ts';
import { forgetInitialPassword } from './accounts.cli.ts';
import { createKnownDevices } from './known-devices.ts';
import { createLoginThrottle, throttleKeys } from './login-throttle.ts';
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

/** The stored form of a session token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

interface AuthDeps {
  db: Db;
  clock: () => Date;
  sessionTtlHours: number;
  /** Signs the known-device cookies (a sub-key is derived from it). */
  secretKey: Buffer;
  /** DATA_DIR/initial-admin-password: deleted when the password it holds is changed. */
  initialPasswordFile?: string | null;
  /** The password check; tests wrap it to count real checks. */
  verify?: (password: string, stored: string) => Promise<boolean>;
}

/** What a login attempt carries besides the credentials. */
export interface LoginContext {
  ip: string;
  userAgent: string | null;
  /** The browser's known-device cookie, if it sent one. */
  deviceToken: string | undefined;
}

/** Login, logout, password change and session resolution. */
export function createAuthService({
  db,
  clock,
  sessionTtlHours,
  secretKey,
  initialPasswordFile = null,
  verify = verifyPassword,
}: AuthDeps) {
  const devices = createKnownDevices(secretKey, clock);
  const throttle = createLoginThrottle(db);

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
      organization: user.organization,
      assignments: assignments.map(toActorAssignment),
      ip,
    };
  }

  /**
   * A new session for a user whose credentials the caller checked, in the caller's transaction,
   * audited as `action`; returns its token. Expired sessions are cleared on the way: they are
   * never swept by a timer (no process is special).
   */
  async function openSession(
    tx: Tx,
    user: UserRow,
    context: { ip: string; userAgent: string | null; action: string; at: Date },
  ): Promise<string> {
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
    await recordAudit(
      tx,
      { userId: user.id, username: user.username, ip: context.ip },
      {
        at: context.at,
        action: context.action,
        entityType: 'user',
        entityId: user.username,
        unitPath: null,
      },
    );
    return token;
  }

  return {
    /**
     * Checks credentials under the login throttle (charged before the check, so parallel guesses
     * cannot outrun it); returns a new session token, the actor, and a renewed known-device token.
     */
    async login(username: string, password: string, { ip, userAgent, deviceToken }: LoginContext) {
      const now = clock();
      const deviceId = devices.deviceOf(deviceToken, username);
      const keys = throttleKeys(username, ip, deviceId);
      await throttle.reserve(keys, now);
      const user = await findUserByUsername(db, username);
      // Unknown and disabled users cost one scrypt too, so the timing does not tell who exists.
      const isPasswordRight = await verify(password, user?.passwordHash ?? (await dummyPasswordHash()));
      if (!user || user.disabledAt || !isPasswordRight) {
        await recordAudit(
          db,
          { userId: user?.id ?? null, username, ip },
          {
            at: now,
            action: 'auth.login_failed',
            entityType: 'user',
            entityId: username,
            unitPath: null,
            after: { reason: !user ? 'unknown_user' : user.disabledAt ? 'disabled' : 'wrong_password', knownDevice: deviceId !== null },
          },
        );
        throw new AppError('INVALID_CREDENTIALS', 'Tên đăng nhập hoặc mật khẩu không đúng.');
      }
      const token = await db.transaction(async (tx) => {
        // Throttle counters are never swept by a timer (no process is special); each login clears stale ones.
        await throttle.settleSuccess(tx, keys, now);
        return openSession(tx, user, { ip, userAgent, action: 'auth.login', at: now });
      });
      return { token, actor: await loadActor(user.id, ip), deviceToken: devices.issue(username, deviceId ?? undefined).token };
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
      if (initialPasswordFile) forgetInitialPassword(initialPasswordFile, currentPassword);
      return loadActor(user.id, actor.ip);
    },
  };
}

/** The auth service's public surface. */
export type AuthService = ReturnType<typeof createAuthService>;
