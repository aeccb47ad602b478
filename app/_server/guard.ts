// The one server-side guard. Every page, server action and route handler calls it: it reads the
// session (the encrypted next-auth cookie, ./session.ts), RE-READS the user from the database (the
// JWT alone is never trusted for role or agency), and checks the active flags, the role and —
// through canViewAgency — the agency.
import "server-only";
import { forbidden, redirect } from "next/navigation";
import { canViewAgency, type Actor } from "@/lib/auth/access";
import { BUSY_MESSAGE, isBusyError } from "@/lib/auth/busy";
import type { RoleId } from "@/lib/auth/roles";
import { loadHierarchy } from "@/db/agencies";
import { run } from "@/db/store";
import { findSessionUser, isUsable } from "@/db/users";
import { currentSession } from "./session";

export type SessionUser = Actor & {
  login: string;
  displayName: string;
  agencyName: string | null;
  /** The password was chosen by someone else: until changed, only 修改密码 is open to the user. */
  mustChangePassword: boolean;
  /** The server-side session of this request (db/sessions.ts). */
  sessionId: string;
};

/** Where a user whose password must be changed is sent. */
export const CHANGE_PASSWORD_PATH = "/account/password";
const MUST_CHANGE = "请先修改初始密码";

/** The signed-in, active user of a live session, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await currentSession();
  if (session == null) return null;
  const u = await run(findSessionUser(session.userId));
  if (!u || !isUsable(u)) return null;
  return { id: u.id, role: u.role, agencyId: u.agencyId, login: u.login, displayName: u.displayName, agencyName: u.agencyName, mustChangePassword: u.mustChangePassword, sessionId: session.sid };
}

/** `allowPasswordChangePending`: the few places (修改密码, sign-out) open before the initial password is changed. */
type Need = { roles?: readonly RoleId[]; agencyId?: number; allowPasswordChangePending?: boolean };

async function allowed(user: SessionUser, need: Need): Promise<boolean> {
  if (need.roles && !need.roles.includes(user.role)) return false;
  if (need.agencyId != null && !canViewAgency(user, need.agencyId, await run(loadHierarchy()))) return false;
  return true;
}

/** For pages and layouts: redirects to sign-in, or answers 403. */
export async function requireUser(need: Need = {}, returnTo?: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(returnTo ? `/login?callbackUrl=${encodeURIComponent(returnTo)}` : "/login");
  if (user.mustChangePassword && !need.allowPasswordChangePending) redirect(CHANGE_PASSWORD_PATH);
  if (!(await allowed(user, need))) forbidden();
  return user;
}

export type ApiGuard = { ok: true; user: SessionUser } | { ok: false; response: Response };

function json(status: number, error: string): Response {
  return Response.json({ ok: false, error }, { status, headers: { "cache-control": "no-store" } });
}

/** For route handlers: a JSON 401/403 instead of a redirect. */
export async function requireApiUser(need: Need = {}): Promise<ApiGuard> {
  const user = await currentUser();
  if (!user) return { ok: false, response: json(401, "未登录或登录已过期，请重新登录") };
  if (user.mustChangePassword && !need.allowPasswordChangePending) return { ok: false, response: json(403, MUST_CHANGE) };
  if (!(await allowed(user, need))) return { ok: false, response: json(403, "无权访问") };
  return { ok: true, user };
}

import type { ActionResult } from "@/lib/action-result";
export type { ActionResult };

/**
 * For server actions: runs `fn` only for a permitted user. Errors become a Chinese message for
 * the form (a busy database: 「系统繁忙，请稍后重试」); redirect()/forbidden() thrown inside `fn`
 * pass through untouched.
 */
export async function withUser<T>(need: Need, fn: (user: SessionUser) => Promise<ActionResult<T>> | ActionResult<T>): Promise<ActionResult<T>> {
  try {
    const user = await currentUser();
    if (!user) return { ok: false, error: "未登录或登录已过期，请重新登录" };
    if (user.mustChangePassword && !need.allowPasswordChangePending) return { ok: false, error: MUST_CHANGE };
    if (!(await allowed(user, need))) return { ok: false, error: "无权执行此操作" };
    return await fn(user);
  } catch (e) {
    if (isBusyError(e)) return { ok: false, error: BUSY_MESSAGE };
    throw e;
  }
}
