import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { generatePassword, hashPassword } from '../../lib/password.ts';
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

/**
 * On an empty database, creates the administrator `admin`. Its password is ADMIN_PASSWORD when
 * set; otherwise a random one, written to DATA_DIR/initial-admin-password (0600) and returned
 * so the caller can print it once. Returns null when users already exist.
 */
export async function ensureFirstAdmin(db: Db, adminPassword: string | undefined, dataDir: string) {
  return db.transaction(async (tx) => {
    // Several instances may start together against one PostgreSQL: only one creates the admin.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('cnscd:first-admin'))`);
    if ((await countUsers(tx)) > 0) return null;
    const password = adminPassword ?? generatePassword();
    await insertAdmin(tx, 'admin', password, adminPassword === undefined, SYSTEM);
    if (adminPassword !== undefined) return { password: null, file: null };
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, INITIAL_PASSWORD_FILE);
    fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
    fs.chmodSync(file, 0o600);
    return { password, file };
  });
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
    await recordAudit(tx, { ...SYSTEM, username: 'cli' }, {
      at: new Date(),
      action: 'user.reset_password',
      entityType: 'user',
      entityId: username,
      unitPath: null,
    });
  });
  return password;
}
