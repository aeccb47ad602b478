// Data access for user accounts.
import { and, asc, eq, sql } from "drizzle-orm";
import { writeAudit } from "./audit";
import type { Db, DbOrTx } from "./client";
import { prepared } from "./prepared";
import { revokeAllSessions } from "./sessions";
import { agencies, users, type Role, type User } from "./schema";
import { runSqlite } from "./run-sqlite";

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
      mustChangePassword: users.mustChangePassword,
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

/** A new account. `mustChangePassword`: someone else chose its password (an admin, an import). */
export function insertUser(
  db: DbOrTx,
  values: { login: string; displayName: string; passwordHash: string; role: Role; agencyId: number | null; mustChangePassword?: boolean },
): User {
  return db
    .insert(users)
    .values({ ...values, login: normalizeLogin(values.login), mustChangePassword: values.mustChangePassword ?? false })
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

export type AccountResult = { ok: true; login: string } | { ok: false; error: string };

/**
 * Enables or disables an account, audited. Refused: disabling oneself, and disabling the last
 * usable admin — checked inside the same write transaction as the change, so two admins disabling
 * each other at once cannot both succeed. A disabled account's sessions end at once.
 */
export function setUserActiveChecked(db: Db, actorId: number, id: number, active: boolean): AccountResult {
  return db.transaction(
    (tx) => {
      const target = tx.select({ id: users.id, login: users.login, role: users.role, active: users.active, agencyId: users.agencyId }).from(users).where(eq(users.id, id)).get();
      if (!target) return { ok: false as const, error: "用户不存在" };
      if (!active && target.id === actorId) return { ok: false as const, error: "不能停用自己的账号" };
      if (!active && target.role === "admin" && usableAdminsWithout(tx, { userId: target.id }) === 0) return { ok: false as const, error: "不能停用最后一个可用的系统管理员账号" };
      setUserActive(tx, target.id, active);
      // A disabled account's sessions end now; re-enabling it later must not revive them.
      if (!active) revokeAllSessions(tx, target.id);
      runSqlite(tx, writeAudit({ actorId, action: active ? "user.enable" : "user.disable", entityType: "user", entityId: target.id, agencyId: target.agencyId, before: { active: target.active }, after: { active } }));
      return { ok: true as const, login: target.login };
    },
    { behavior: "immediate" },
  );
}

export interface AccountEdit {
  displayName: string;
  role: Role;
  agencyId: number | null;
}

/**
 * An admin changes a user's name, role and agency, audited with the names before and after.
 * Refused: a non-admin without an agency, an unknown or disabled agency, and taking the admin role
 * from the last usable admin (checked in the same write transaction). When the role or agency
 * changes, the user's sessions end: what they could see and do has changed under them.
 */
export function updateUserAccount(db: Db, actorId: number, id: number, edit: AccountEdit): AccountResult {
  return db.transaction(
    (tx) => {
      const target = tx.select({ id: users.id, login: users.login, displayName: users.displayName, role: users.role, agencyId: users.agencyId, agencyName: agencies.name }).from(users).leftJoin(agencies, eq(users.agencyId, agencies.id)).where(eq(users.id, id)).get();
      if (!target) return { ok: false as const, error: "用户不存在" };
      if (edit.role !== "admin" && edit.agencyId == null) return { ok: false as const, error: "除系统管理员外，用户必须属于一个单位" };
      let agencyName: string | null = null;
      if (edit.agencyId != null) {
        const a = tx.select({ name: agencies.name, active: agencies.active }).from(agencies).where(eq(agencies.id, edit.agencyId)).get();
        if (!a) return { ok: false as const, error: "所选单位不存在" };
        if (!a.active && edit.agencyId !== target.agencyId) return { ok: false as const, error: `单位「${a.name}」已停用，不能把用户调入` };
        agencyName = a.name;
      }
      if (target.role === "admin" && edit.role !== "admin" && usableAdminsWithout(tx, { userId: target.id }) === 0) return { ok: false as const, error: "这是最后一个可用的系统管理员账号，不能改为其他角色" };
      const before = { displayName: target.displayName, role: target.role, agencyName: target.agencyName };
      const after = { displayName: edit.displayName, role: edit.role, agencyName };
      if (JSON.stringify(before) === JSON.stringify(after)) return { ok: false as const, error: "没有修改任何内容" };
      tx.update(users)
        .set({ displayName: edit.displayName, role: edit.role, agencyId: edit.agencyId, updatedAt: sql`(unixepoch('subsec') * 1000)` })
        .where(eq(users.id, id))
        .run();
      if ((target.role !== edit.role || target.agencyId !== edit.agencyId) && target.id !== actorId) revokeAllSessions(tx, target.id);
      runSqlite(tx, writeAudit({ actorId, action: "user.update", entityType: "user", entityId: target.id, agencyId: edit.agencyId ?? target.agencyId, before, after }));
      return { ok: true as const, login: target.login };
    },
    { behavior: "immediate" },
  );
}
