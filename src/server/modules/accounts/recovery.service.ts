import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../../http/context.ts';
import { hashPassword } from '../../lib/password.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import type { Mailer } from '../notifications/email.channel.ts';
import { layoutMail } from '../notifications/message.ts';
import { deleteUserSessions, findUserById, findUserByUsername, findUsersByEmail, updateUser, type UserRow } from './accounts.repo.ts';
import type { AuthService } from './auth.service.ts';
import { createLoginThrottle, LOGIN_LIMITS, type ThrottleKey } from './login-throttle.ts';
import { consumeLoginToken, expireLoginTokens, findRecentLoginToken, insertLoginToken } from './login-tokens.repo.ts';
import type { UsersService } from './users.service.ts';

/** How long an e-mailed reset link works. */
export const RESET_LINK_MINUTES = 60;
/** How long a login code from the commune works (the member may be out in the village). */
export const LOGIN_CODE_HOURS = 12;
/** A second reset mail to the same account waits this long (nobody floods a mailbox through the form). */
const RESET_COOLDOWN_MINUTES = 2;
/** Code alphabet: no I, L, O or U, so what is read aloud or off a screen is typed back right. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Entity id under which failed redemptions are counted per address (the login throttle's counter). */
const REDEEM_SUBJECT = '(mã đăng nhập một lần)';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A code as typed ("abcd efgh", "ABCD-EFGH", O for 0, I or L for 1) in its stored form. */
export function canonicalCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** Eight characters of {@link CODE_ALPHABET} (40 bits), shown as XXXX-XXXX. */
function newCode(): string {
  const chars = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]!);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

const invalidGrant = () => new AppError('VALIDATION', 'Mã hoặc liên kết không đúng, đã dùng hoặc đã hết hạn. Hãy xin mã mới.');

interface Deps {
  db: Db;
  clock: () => Date;
  auth: Pick<AuthService, 'openSession' | 'loadActor'>;
  users: Pick<UsersService, 'memberAccount'>;
  /** Null when e-mail is not configured: reset links cannot be sent. */
  mailer: Mailer | null;
  /** Origin of the links (PUBLIC_URL). */
  origin: string;
  /** Where a failed send is reported (the request has already been answered). */
  onMailError: (err: unknown) => void;
}

/**
 * Getting back in without the password: a reset link by e-mail to an account that has an address,
 * and a one-time login code (with its link, for a QR code or a Zalo message) a commune officer
 * issues to a field member. Each grant is stored hashed, works once, expires, and is audited.
 */
export function createRecoveryService({ db, clock, auth, users, mailer, origin, onMailError }: Deps) {
  const throttle = createLoginThrottle(db);
  /** Sends one account its reset link, unless one went out a moment ago. */
  async function sendResetLink(user: UserRow, ip: string) {
    const at = clock();
    if (!user.email || !mailer) return;
    if (await findRecentLoginToken(db, user.id, 'password_reset', new Date(at.getTime() - RESET_COOLDOWN_MINUTES * 60_000))) return;
    const token = randomBytes(32).toString('base64url');
    await db.transaction(async (tx) => {
      await insertLoginToken(tx, {
        userId: user.id,
        purpose: 'password_reset',
        tokenHash: sha256(token),
        expiresAt: new Date(at.getTime() + RESET_LINK_MINUTES * 60_000),
        createdAt: at,
      });
      await recordAudit(
        tx,
        { userId: user.id, username: user.username, ip },
        { at, action: 'auth.password_reset_sent', entityType: 'user', entityId: user.username, unitPath: null },
      );
    });
    const url = new URL(`/reset-password?token=${token}`, origin).toString();
    const mail = layoutMail({
      subject: 'Đặt lại mật khẩu',
      greeting: `Kính gửi ${user.displayName},`,
      lines: [
        `Có yêu cầu đặt lại mật khẩu cho tài khoản "${user.username}". Bấm vào liên kết dưới đây trong ${RESET_LINK_MINUTES} phút để đặt mật khẩu mới; liên kết chỉ dùng được một lần.`,
        'Nếu bạn không yêu cầu, hãy bỏ qua thư này: mật khẩu của bạn không đổi.',
      ],
      action: { label: 'Đặt mật khẩu mới', url },
      origin,
    });
    await mailer.send(user.email, mail);
  }

  return {
    /** True when reset links can be e-mailed. */
    canEmail: mailer !== null,

    /**
     * Mails a reset link to every account the login (a username or an e-mail address) names that
     * has an address. The answer is the same whether or not such an account exists, and the mail
     * goes out after it, so neither its text nor its timing tells who has an account.
     */
    async requestReset(login: string, ip: string): Promise<void> {
      const found = login.includes('@')
        ? await findUsersByEmail(db, login)
        : [await findUserByUsername(db, login)].filter((u): u is UserRow => u !== null);
      const live = found.filter((u) => u.disabledAt === null);
      if (live.length === 0) {
        await recordAudit(
          db,
          { userId: null, username: login.slice(0, 100), ip },
          { at: clock(), action: 'auth.password_reset_unknown', entityType: 'user', entityId: login.slice(0, 100), unitPath: null },
        );
        return;
      }
      void Promise.all(live.map((u) => sendResetLink(u, ip))).catch(onMailError);
    },

    /**
     * A one-time login code for a field member, issued by whoever manages the member's teams; the
     * previous unused code stops working. Returned once, with the link it stands for.
     */
    async issueLoginCode(actor: Actor, personId: string) {
      const { user, person, commune } = await users.memberAccount(actor, personId);
      const at = clock();
      const code = newCode();
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(at.getTime() + LOGIN_CODE_HOURS * 3_600_000);
      await db.transaction(async (tx) => {
        await expireLoginTokens(tx, user.id, 'login_code', at);
        const row = await insertLoginToken(tx, {
          userId: user.id,
          purpose: 'login_code',
          tokenHash: sha256(token),
          codeHash: sha256(canonicalCode(code)),
          expiresAt,
          createdByUserId: actor.userId,
          createdAt: at,
        });
        await recordAudit(tx, auditActorOf(actor), {
          at,
          action: 'user.issue_login_code',
          entityType: 'user',
          entityId: user.username,
          unitPath: commune.path,
          after: { grantId: row.id, personId, expiresAt: expiresAt.toISOString() },
        });
      });
      const url = new URL(`/field/?login=${token}`, origin).toString();
      return { username: user.username, displayName: user.displayName, phone: person.phone, code, url, expiresAt: expiresAt.toISOString() };
    },

    /**
     * Redeems a reset link's token or a login code: sets the new password, ends the account's other
     * sessions and opens one here. Failed attempts count towards the login throttle of the address.
     */
    async redeem(grant: { token?: string; code?: string }, newPassword: string, context: { ip: string; userAgent: string | null }) {
      const at = clock();
      // Guessing codes from one address is throttled like passwords (charged before the check).
      const keys: ThrottleKey[] = [{ key: `code-ip:${context.ip}`, free: LOGIN_LIMITS.perIp, onSuccess: 'refund' }];
      await throttle.reserve(keys, at);
      const hash = sha256(grant.token ?? canonicalCode(grant.code ?? ''));
      const passwordHash = await hashPassword(newPassword);
      const outcome = await db.transaction(async (tx) => {
        const row = await consumeLoginToken(tx, hash, at);
        const user = row ? await findUserById(tx, row.userId) : null;
        if (!row || !user || user.disabledAt) return null;
        if (newPassword.toLowerCase() === user.username)
          throw new AppError('VALIDATION', 'Mật khẩu mới phải khác tên đăng nhập.', [
            { path: 'newPassword', message: 'Mật khẩu mới phải khác tên đăng nhập.' },
          ]);
        await throttle.settleSuccess(tx, keys, at);
        await updateUser(tx, user.id, { passwordHash, mustChangePassword: false });
        await deleteUserSessions(tx, user.id);
        const action = row.purpose === 'password_reset' ? 'auth.password_reset' : 'auth.login_code';
        return { user, token: await auth.openSession(tx, user, { ...context, action, at }) };
      });
      if (!outcome) {
        await recordAudit(
          db,
          { userId: null, username: REDEEM_SUBJECT, ip: context.ip },
          {
            at,
            action: 'auth.login_failed',
            entityType: 'user',
            entityId: REDEEM_SUBJECT,
            unitPath: null,
            after: { reason: 'invalid_grant' },
          },
        );
        throw invalidGrant();
      }
      return { token: outcome.token, actor: await auth.loadActor(outcome.user.id, context.ip) };
    },
  };
}

/** The recovery service's surface. */
export type RecoveryService = ReturnType<typeof createRecoveryService>;
