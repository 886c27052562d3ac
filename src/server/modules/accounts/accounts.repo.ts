import { and, asc, count, eq, gt, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { orgUnits, people, roleAssignments, sessions, users } from '../../db/schema/index.ts';
import { preparedQuery } from '../../db/prepared.ts';
import { unitScopeCondition, type UnitScope } from '../../db/scope.ts';

/** A stored user. */
export type UserRow = typeof users.$inferSelect;

/** A role assignment with its unit's name and path resolved. */
export interface AssignmentRow {
  id: string;
  userId: string;
  role: string;
  structure: string | null;
  unitCode: string | null;
  unitName: string | null;
  unitPath: string | null;
}

/** Finds a user by login name, or null. */
export async function findUserByUsername(db: Db | Tx, username: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  return row ?? null;
}

/** A user by id, or null. Unscoped on purpose: only for the signed-in user's own row or a login token's owner; another user is read with {@link findUserInScope}. */
export async function findUserById(db: Db | Tx, id: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

/** The account linked to a team member, or null. */
export async function findUserByPerson(db: Db | Tx, personId: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.personId, personId));
  return row ?? null;
}

/** The accounts linked to any of these team members. */
export async function listUsersOfPeople(db: Db | Tx, personIds: readonly string[]): Promise<UserRow[]> {
  if (personIds.length === 0) return [];
  return db
    .select()
    .from(users)
    .where(inArray(users.personId, [...personIds]));
}

/** Links an account to another team member (null: to none). */
export async function linkUserToPerson(tx: Db | Tx, id: string, personId: string | null): Promise<void> {
  await tx.update(users).set({ personId, updatedAt: new Date() }).where(eq(users.id, id));
}

/** Inserts a user. */
export async function insertUser(tx: Db | Tx, row: typeof users.$inferInsert): Promise<UserRow> {
  const [created] = await tx.insert(users).values(row).returning();
  return created!;
}

/** Updates a user's fields. */
export async function updateUser(
  tx: Db | Tx,
  id: string,
  patch: Partial<
    Pick<
      UserRow,
      | 'displayName'
      | 'passwordHash'
      | 'mustChangePassword'
      | 'disabledAt'
      | 'organization'
      | 'email'
      | 'phone'
      | 'notifyByEmail'
      | 'notifyByPush'
      | 'notifyByZalo'
    >
  >,
): Promise<UserRow> {
  const [row] = await tx
    .update(users)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning();
  return row!;
}

/** Gives a user a new username and name and disables it (erasure of a member's data). */
export async function renameUser(tx: Tx, id: string, username: string, displayName: string, at: Date): Promise<void> {
  await tx.update(users).set({ username, displayName, disabledAt: at, updatedAt: at }).where(eq(users.id, id));
}

/** Assignments of the given users, with unit names and paths. */
export async function listAssignments(db: Db | Tx, userIds: readonly string[]): Promise<AssignmentRow[]> {
  if (userIds.length === 0) return [];
  return db
    .select({
      id: roleAssignments.id,
      userId: roleAssignments.userId,
      role: roleAssignments.role,
      structure: roleAssignments.structure,
      unitCode: roleAssignments.unitCode,
      unitName: orgUnits.name,
      unitPath: orgUnits.path,
    })
    .from(roleAssignments)
    .leftJoin(orgUnits, and(eq(orgUnits.structure, roleAssignments.structure), eq(orgUnits.code, roleAssignments.unitCode)))
    .where(inArray(roleAssignments.userId, [...userIds]))
    .orderBy(asc(roleAssignments.createdAt), asc(roleAssignments.id));
}

/** Replaces all of a user's assignments. */
export async function replaceAssignments(
  tx: Tx,
  userId: string,
  rows: readonly { role: string; structure: string | null; unitCode: string | null }[],
): Promise<void> {
  await tx.delete(roleAssignments).where(eq(roleAssignments.userId, userId));
  if (rows.length > 0) await tx.insert(roleAssignments).values(rows.map((r) => ({ ...r, userId })));
}

/**
 * Condition "every assignment of the user lies inside `scope`": a scoped manager may only
 * manage users that live entirely in their subtree.
 */
function userInScope(scope: UnitScope): SQL {
  if (scope === 'all') return sql`true`;
  return sql`not exists (
    select 1 from ${roleAssignments}
    left join ${orgUnits} on ${orgUnits.structure} = ${roleAssignments.structure} and ${orgUnits.code} = ${roleAssignments.unitCode}
    where ${roleAssignments.userId} = ${users.id}
      and (${orgUnits.path} is null or not ${unitScopeCondition(orgUnits.path, scope)})
  )`;
}

/** Lists users in scope, filtered by a query on username or display name. */
export async function listUsers(db: Db, scope: UnitScope, q: string | undefined, limit: number, offset: number) {
  const pattern = q ? `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = and(
    userInScope(scope),
    pattern ? or(sql`lower(${users.username}) like ${pattern}`, sql`lower(${users.displayName}) like ${pattern}`) : undefined,
  );
  const [items, [total]] = await Promise.all([
    db.select().from(users).where(where).orderBy(asc(users.username)).limit(limit).offset(offset),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** Finds a user by id if it lies entirely in scope, or null. */
export async function findUserInScope(db: Db | Tx, id: string, scope: UnitScope): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, id), userInScope(scope)));
  return row ?? null;
}

/** Number of users; zero means a fresh install. */
export async function countUsers(db: Db | Tx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

/** Stores a new session. */
export async function insertSession(tx: Db | Tx, row: typeof sessions.$inferInsert): Promise<void> {
  await tx.insert(sessions).values(row);
}

/** The live session for a token hash, with its user, or null. */
const liveSession = preparedQuery((db) =>
  db
    .select({
      user: users,
      assignments: sql<AssignmentRow[]>`coalesce((
        select json_agg(json_build_object(
          'id', ${roleAssignments.id}, 'userId', ${roleAssignments.userId}, 'role', ${roleAssignments.role},
          'structure', ${roleAssignments.structure}, 'unitCode', ${roleAssignments.unitCode},
          'unitName', ${orgUnits.name}, 'unitPath', ${orgUnits.path}))
        from ${roleAssignments}
        left join ${orgUnits} on ${orgUnits.structure} = ${roleAssignments.structure} and ${orgUnits.code} = ${roleAssignments.unitCode}
        where ${roleAssignments.userId} = ${users.id}), '[]'::json)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), gt(sessions.expiresAt, sql.placeholder('now')), isNull(users.disabledAt)),
    )
    .prepare('live_session'),
);

/** The user of a live session with their role assignments, in one prepared query (every request runs it). */
export async function findLiveSession(
  db: Db,
  tokenHash: string,
  now: Date,
): Promise<{ user: UserRow; assignments: AssignmentRow[] } | null> {
  const [row] = await liveSession(db).execute({ tokenHash, now: now.toISOString() });
  return row ?? null;
}

/** Deletes one session. */
export async function deleteSession(tx: Db | Tx, tokenHash: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Deletes every session of a user except, optionally, one to keep. */
export async function deleteUserSessions(tx: Db | Tx, userId: string, keepTokenHash?: string): Promise<void> {
  await tx
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), keepTokenHash ? sql`${sessions.tokenHash} <> ${keepTokenHash}` : undefined));
}

/** Removes expired sessions. */
export async function deleteExpiredSessions(db: Db | Tx, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}

/** Roles held on exactly these units by accounts that are not disabled. */
export async function listRoleHolders(db: Db, unitPaths: readonly string[]): Promise<{ userId: string; role: string; unitPath: string }[]> {
  if (unitPaths.length === 0) return [];
  return db
    .select({ userId: roleAssignments.userId, role: roleAssignments.role, unitPath: orgUnits.path })
    .from(roleAssignments)
    .innerJoin(orgUnits, and(eq(orgUnits.structure, roleAssignments.structure), eq(orgUnits.code, roleAssignments.unitCode)))
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(inArray(orgUnits.path, [...unitPaths]), isNull(users.disabledAt)));
}

/** How to reach accounts that are not disabled: e-mail, mobile (the account's own, else its person's), channel choices. */
export function listContacts(db: Db, userIds: readonly string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      userId: users.id,
      displayName: users.displayName,
      personId: users.personId,
      email: users.email,
      phone: sql<string | null>`coalesce(${users.phone}, ${people.phone})`,
      notifyByEmail: users.notifyByEmail,
      notifyByPush: users.notifyByPush,
      notifyByZalo: users.notifyByZalo,
    })
    .from(users)
    .leftJoin(people, eq(people.id, users.personId))
    .where(and(inArray(users.id, [...userIds]), isNull(users.disabledAt)));
}

/** Accounts (not disabled) with this e-mail address, compared without case. */
export function findUsersByEmail(db: Db, email: string): Promise<UserRow[]> {
  return db
    .select()
    .from(users)
    .where(and(sql`lower(${users.email}) = ${email.toLowerCase()}`, isNull(users.disabledAt)));
}
