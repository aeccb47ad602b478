// Data access for user accounts (data functions: db/unit.ts).
import { and, asc, eq, sql } from "drizzle-orm";
import { writeAudit } from "./audit";
import { revokeAllSessions } from "./sessions";
import type { Role, User } from "./schema";
import { all, exec, one, preparedOne, transaction, type Q, type Tables } from "./unit";

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

function sessionSelection({ users, agencies }: Tables) {
  return {
    id: users.id,
    login: users.login,
    displayName: users.displayName,
    role: users.role,
    active: users.active,
    agencyId: users.agencyId,
    agencyName: agencies.name,
    agencyActive: agencies.active,
    mustChangePassword: users.mustChangePassword,
  };
}

function selection(t: Tables) {
  return { ...sessionSelection(t), passwordHash: t.users.passwordHash };
}

export function normalizeLogin(login: string): string {
  return login.trim().toLowerCase();
}

export function* findUserByLogin(login: string): Q<UserWithAgency | undefined> {
  return yield* one((d, t) =>
    d
      .select(selection(t))
      .from(t.users)
      .leftJoin(t.agencies, eq(t.users.agencyId, t.agencies.id))
      .where(eq(t.users.login, normalizeLogin(login))),
  );
}

export function* findUserById(id: number): Q<UserWithAgency | undefined> {
  return yield* one((d, t) =>
    d
      .select(selection(t))
      .from(t.users)
      .leftJoin(t.agencies, eq(t.users.agencyId, t.agencies.id))
      .where(eq(t.users.id, id)),
  );
}

/**
 * The user behind a session, re-read on every request (app/_server/guard.ts): findUserById without
 * the password hash, from a prepared statement (the guard runs on every page, action and route).
 */
export function* findSessionUser(id: number): Q<Omit<UserWithAgency, "passwordHash"> | undefined> {
  return yield* preparedOne(
    "session-user",
    (d, t) => d.select(sessionSelection(t)).from(t.users).leftJoin(t.agencies, eq(t.users.agencyId, t.agencies.id)).where(eq(t.users.id, sql.placeholder("id"))),
    { id },
  );
}

/** A user may act only while both the account and its agency are active. */
export function isUsable(u: Pick<UserWithAgency, "active" | "role" | "agencyId" | "agencyActive">): boolean {
  if (!u.active) return false;
  if (u.role === "admin") return u.agencyId == null || u.agencyActive !== false;
  return u.agencyId != null && u.agencyActive === true;
}

export function* listUsers() {
  return yield* all((d, t) =>
    d
      .select({ ...sessionSelection(t), updatedAt: t.users.updatedAt })
      .from(t.users)
      .leftJoin(t.agencies, eq(t.users.agencyId, t.agencies.id))
      .orderBy(asc(t.agencies.id), asc(t.users.role), asc(t.users.login)),
  );
}

export function* loginExists(login: string): Q<boolean> {
  return !!(yield* one((d, t) => d.select({ id: t.users.id }).from(t.users).where(eq(t.users.login, normalizeLogin(login)))));
}

/** A new account. `mustChangePassword`: someone else chose its password (an admin, an import). */
export function* insertUser(values: {
  login: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  agencyId: number | null;
  mustChangePassword?: boolean;
}): Q<User> {
  const rows = yield* all((d, t) =>
    d
      .insert(t.users)
      .values({ ...values, login: normalizeLogin(values.login), mustChangePassword: values.mustChangePassword ?? false })
      .returning(),
  );
  return rows[0]!;
}

export function* setUserActive(id: number, active: boolean): Q<void> {
  yield* exec((d, t) => d.update(t.users).set({ active, updatedAt: new Date() }).where(eq(t.users.id, id)));
}

/** Sets a password. `mustChange`: someone else chose it (admin reset) — the user must replace it at next sign-in. */
export function* setUserPassword(id: number, passwordHash: string, mustChange = false): Q<void> {
  yield* exec((d, t) => d.update(t.users).set({ passwordHash, mustChangePassword: mustChange, updatedAt: new Date() }).where(eq(t.users.id, id)));
}

/**
 * How many admins could still sign in and act if user `without.userId` or agency `without.agencyId`
 * were disabled: active admins with no agency or an active one. The last of them may not be
 * disabled — nobody could administer the system any more. A decision on this count must be taken in
 * a serializable transaction (two admins disabling each other on two app servers at once).
 */
export function* usableAdminsWithout(without: { userId?: number; agencyId?: number }): Q<number> {
  const rows = yield* all((d, { users, agencies }) =>
    d
      .select({ id: users.id, active: users.active, role: users.role, agencyId: users.agencyId, agencyActive: agencies.active })
      .from(users)
      .leftJoin(agencies, eq(users.agencyId, agencies.id))
      .where(and(eq(users.role, "admin"), eq(users.active, true))),
  );
  return rows.filter((u) => u.id !== without.userId && (without.agencyId == null || u.agencyId !== without.agencyId) && isUsable(u)).length;
}

/** Ids of the users of an agency. */
export function* usersOfAgency(agencyId: number): Q<number[]> {
  return (yield* all((d, t) => d.select({ id: t.users.id }).from(t.users).where(eq(t.users.agencyId, agencyId)))).map((u) => u.id);
}

export type AccountResult = { ok: true; login: string } | { ok: false; error: string };

/**
 * Enables or disables an account, audited. Refused: disabling oneself, and disabling the last
 * usable admin — checked inside the same write transaction as the change (serializable on
 * PostgreSQL: the check reads every admin), so two admins disabling each other at once cannot both
 * succeed. A disabled account's sessions end at once.
 */
export function* setUserActiveChecked(actorId: number, id: number, active: boolean): Q<AccountResult> {
  return yield* transaction(
    function* (): Q<AccountResult> {
      // A plain read: the serializable transaction catches the write skew. (lockOne's FOR UPDATE on
      // the target would deadlock two admins disabling each other: each audit row's actor_id takes
      // a KEY SHARE lock on the other transaction's locked row.)
      const target = yield* one((d, t) =>
        d.select({ id: t.users.id, login: t.users.login, role: t.users.role, active: t.users.active, agencyId: t.users.agencyId }).from(t.users).where(eq(t.users.id, id)),
      );
      if (!target) return { ok: false, error: "用户不存在" };
      if (!active && target.id === actorId) return { ok: false, error: "不能停用自己的账号" };
      if (!active && target.role === "admin" && (yield* usableAdminsWithout({ userId: target.id })) === 0) return { ok: false, error: "不能停用最后一个可用的系统管理员账号" };
      yield* setUserActive(target.id, active);
      // A disabled account's sessions end now; re-enabling it later must not revive them.
      if (!active) yield* revokeAllSessions(target.id);
      yield* writeAudit({ actorId, action: active ? "user.enable" : "user.disable", entityType: "user", entityId: target.id, agencyId: target.agencyId, before: { active: target.active }, after: { active } });
      return { ok: true, login: target.login };
    },
    { isolation: "serializable" },
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
 * from the last usable admin (checked in the same serializable write transaction). When the role
 * or agency changes, the user's sessions end: what they could see and do has changed under them.
 */
export function* updateUserAccount(actorId: number, id: number, edit: AccountEdit): Q<AccountResult> {
  return yield* transaction(
    function* (): Q<AccountResult> {
      const target = yield* one((d, { users, agencies }) =>
        d
          .select({ id: users.id, login: users.login, displayName: users.displayName, role: users.role, agencyId: users.agencyId, agencyName: agencies.name })
          .from(users)
          .leftJoin(agencies, eq(users.agencyId, agencies.id))
          .where(eq(users.id, id)),
      );
      if (!target) return { ok: false, error: "用户不存在" };
      if (edit.role !== "admin" && edit.agencyId == null) return { ok: false, error: "除系统管理员外，用户必须属于一个单位" };
      let agencyName: string | null = null;
      if (edit.agencyId != null) {
        const agencyId = edit.agencyId;
        const a = yield* one((d, t) => d.select({ name: t.agencies.name, active: t.agencies.active }).from(t.agencies).where(eq(t.agencies.id, agencyId)));
        if (!a) return { ok: false, error: "所选单位不存在" };
        if (!a.active && edit.agencyId !== target.agencyId) return { ok: false, error: `单位「${a.name}」已停用，不能把用户调入` };
        agencyName = a.name;
      }
      if (target.role === "admin" && edit.role !== "admin" && (yield* usableAdminsWithout({ userId: target.id })) === 0)
        return { ok: false, error: "这是最后一个可用的系统管理员账号，不能改为其他角色" };
      const before = { displayName: target.displayName, role: target.role, agencyName: target.agencyName };
      const after = { displayName: edit.displayName, role: edit.role, agencyName };
      if (JSON.stringify(before) === JSON.stringify(after)) return { ok: false, error: "没有修改任何内容" };
      yield* exec((d, t) => d.update(t.users).set({ displayName: edit.displayName, role: edit.role, agencyId: edit.agencyId, updatedAt: new Date() }).where(eq(t.users.id, id)));
      if ((target.role !== edit.role || target.agencyId !== edit.agencyId) && target.id !== actorId) yield* revokeAllSessions(target.id);
      yield* writeAudit({ actorId, action: "user.update", entityType: "user", entityId: target.id, agencyId: edit.agencyId ?? target.agencyId, before, after });
      return { ok: true, login: target.login };
    },
    { isolation: "serializable" },
  );
}
