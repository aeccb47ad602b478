// Data access for user accounts.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "./client";
import { prepared } from "./prepared";
import { agencies, users, type Role, type User } from "./schema";

export type UserWithAgency = {
  id: number;
  login: string;
  displayName: string;
  role: Role;
  active: boolean;
  agencyId: number | null;
  agencyName: string | null;
  agencyActive: boolean | null;
  mustChangePassword: boolean;
  passwordHash: string;
};

const selection = {
  id: users.id,
  login: users.login,
  displayName: users.displayName,
  role: users.role,
  active: users.active,
  agencyId: users.agencyId,
  agencyName: agencies.name,
  agencyActive: agencies.active,
  mustChangePassword: users.mustChangePassword,
  passwordHash: users.passwordHash,
};

export function normalizeLogin(login: string): string {
  return login.trim().toLowerCase();
}

export function findUserByLogin(db: Db, login: string): UserWithAgency | undefined {
  return db
    .select(selection)
    .from(users)
    .leftJoin(agencies, eq(users.agencyId, agencies.id))
    .where(eq(users.login, normalizeLogin(login)))
    .get();
}

export function findUserById(db: Db, id: number): UserWithAgency | undefined {
  return db
    .select(selection)
    .from(users)
    .leftJoin(agencies, eq(users.agencyId, agencies.id))
    .where(eq(users.id, id))
    .get();
}

const { passwordHash: _hash, ...sessionSelection } = selection;

/**
 * The user behind a session, re-read on every request (app/_server/guard.ts): findUserById without
 * the password hash, from a prepared statement (the guard runs on every page, action and route).
 */
export function findSessionUser(db: Db, id: number): Omit<UserWithAgency, "passwordHash"> | undefined {
  return prepared(db, "session-user", (d) =>
    d.select(sessionSelection).from(users).leftJoin(agencies, eq(users.agencyId, agencies.id)).where(eq(users.id, sql.placeholder("id"))).prepare(),
  ).get({ id });
}

/** A user may act only while both the account and its agency are active. */
export function isUsable(u: Pick<UserWithAgency, "active" | "role" | "agencyId" | "agencyActive">): boolean {
  if (!u.active) return false;
  if (u.role === "admin") return u.agencyId == null || u.agencyActive !== false;
  return u.agencyId != null && u.agencyActive === true;
}

export function listUsers(db: Db) {
  return db
    .select({
      id: users.id,
      login: users.login,
      displayName: users.displayName,
      role: users.role,
      active: users.active,
      agencyId: users.agencyId,
      agencyName: agencies.name,
      updatedAt: users.updatedAt,
    })
    .from(users)
    .leftJoin(agencies, eq(users.agencyId, agencies.id))
    .orderBy(asc(agencies.id), asc(users.role), asc(users.login))
    .all();
}

export function loginExists(db: Db, login: string): boolean {
  return !!db.select({ id: users.id }).from(users).where(eq(users.login, normalizeLogin(login))).get();
}

export function insertUser(
  db: DbOrTx,
  values: { login: string; displayName: string; passwordHash: string; role: Role; agencyId: number | null },
): User {
  return db
    .insert(users)
    .values({ ...values, login: normalizeLogin(values.login) })
    .returning()
    .get();
}

export function setUserActive(db: DbOrTx, id: number, active: boolean): void {
  db.update(users)
    .set({ active, updatedAt: sql`(unixepoch('subsec') * 1000)` })
    .where(eq(users.id, id))
    .run();
}

/** Sets a password. `mustChange`: someone else chose it (admin reset) — the user must replace it at next sign-in. */
export function setUserPassword(db: DbOrTx, id: number, passwordHash: string, mustChange = false): void {
  db.update(users)
    .set({ passwordHash, mustChangePassword: mustChange, updatedAt: sql`(unixepoch('subsec') * 1000)` })
    .where(and(eq(users.id, id)))
    .run();
}

/**
 * How many admins could still sign in and act if user `without.userId` or agency `without.agencyId`
 * were disabled: active admins with no agency or an active one. The last of them may not be
 * disabled — nobody could administer the system any more.
 */
export function usableAdminsWithout(db: DbOrTx, without: { userId?: number; agencyId?: number }): number {
  const rows = db
    .select({ id: users.id, active: users.active, role: users.role, agencyId: users.agencyId, agencyActive: agencies.active })
    .from(users)
    .leftJoin(agencies, eq(users.agencyId, agencies.id))
    .where(and(eq(users.role, "admin"), eq(users.active, true)))
    .all();
  return rows.filter((u) => u.id !== without.userId && (without.agencyId == null || u.agencyId !== without.agencyId) && isUsable(u)).length;
}

/** Ids of the users of an agency. */
export function usersOfAgency(db: DbOrTx, agencyId: number): number[] {
  return db.select({ id: users.id }).from(users).where(eq(users.agencyId, agencyId)).all().map((u) => u.id);
}
