import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { generatePassword, hashPassword, verifyPassword } from '../../lib/password.ts';
import { recordAudit, type AuditActor } from '../audit/audit.service.ts';
import { countUsers, deleteUserSessions, findUserByUsername, insertUser, replaceAssignments, updateUser } from './accounts.repo.ts';

/** File holding a generated first-administrator password, readable by the owner only. */
export const INITIAL_PASSWORD_FILE = 'initial-admin-password';

const SYSTEM: AuditActor = { userId: null, username: 'system', ip: null };

async function insertAdmin(tx: Tx, username: string, password: string, mustChangePassword: boolean, who: AuditActor) {
  const user = await insertUser(tx, {
    username,
    displayName: 'Quản trị hệ thống',
    passwordHash: await hashPassword(password),
    mustChangePassword,
  });
  await replaceAssignments(tx, user.id, [{ role: 'admin', structure: null, unitCode: null }]);
  await recordAudit(tx, who, {
    at: new Date(),
    action: 'user.create',
    entityType: 'user',
    entityId: username,
    unitPath: null,
    after: { username, roles: ['admin'], mustChangePassword },
  });
  return user;
}

/** The password kept in an initial-password file, or null when there is no such file. */
function readInitialPassword(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Deletes the initial-password file when it holds `oldPassword`, which has just been changed. */
export function forgetInitialPassword(file: string, oldPassword: string): void {
  if (readInitialPassword(file) === oldPassword) fs.rmSync(file, { force: true });
}

/**
 * Deletes an initial-password file whose password no longer opens `admin` (changed on another
 * instance, or reset from the command line): it must not outlive the password it was for.
 */
async function removeStaleInitialPassword(db: Db, file: string): Promise<void> {
  const password = readInitialPassword(file);
  if (password === null) return;
  const admin = await findUserByUsername(db, 'admin');
  if (!admin?.mustChangePassword || !(await verifyPassword(password, admin.passwordHash))) fs.rmSync(file, { force: true });
}

/**
 * On an empty database, creates the administrator `admin`. Its password is ADMIN_PASSWORD when
 * set; otherwise a random one, written to DATA_DIR/initial-admin-password (0600) and returned
 * so the caller can print it once (the file goes when that password is changed). Returns null
 * when users already exist.
 */
export async function ensureFirstAdmin(db: Db, adminPassword: string | undefined, dataDir: string) {
  const file = path.join(dataDir, INITIAL_PASSWORD_FILE);
  const created = await db.transaction(async (tx) => {
    // Several instances may start together against one PostgreSQL: only one creates the admin.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('cnscd:first-admin'))`);
    if ((await countUsers(tx)) > 0) return null;
    const password = adminPassword ?? generatePassword();
    await insertAdmin(tx, 'admin', password, adminPassword === undefined, SYSTEM);
    if (adminPassword !== undefined) return { password: null, file: null };
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
    fs.chmodSync(file, 0o600);
    return { password, file };
  });
  if (!created) await removeStaleInitialPassword(db, file);
  return created;
}

/** `cnscd admin create`: a new administrator; a generated password must be changed at first login. */
export async function createAdminAccount(db: Db, username: string, password: string | undefined) {
  const finalPassword = password ?? generatePassword();
  await db.transaction(async (tx) => {
    if (await findUserByUsername(tx, username)) throw new AppError('CONFLICT', `Tên đăng nhập "${username}" đã được dùng.`);
    await insertAdmin(tx, username, finalPassword, password === undefined, { ...SYSTEM, username: 'cli' });
  });
  return password === undefined ? finalPassword : null;
}

/** `cnscd admin reset-password`: a new generated password to be changed at next login. */
export async function resetPasswordByUsername(db: Db, username: string) {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const user = await findUserByUsername(tx, username);
    if (!user) throw notFound(`người dùng "${username}"`);
    await updateUser(tx, user.id, { passwordHash, mustChangePassword: true, disabledAt: null });
    await deleteUserSessions(tx, user.id);
    await recordAudit(
      tx,
      { ...SYSTEM, username: 'cli' },
      {
        at: new Date(),
        action: 'user.reset_password',
        entityType: 'user',
        entityId: username,
        unitPath: null,
      },
    );
  });
  return password;
}
