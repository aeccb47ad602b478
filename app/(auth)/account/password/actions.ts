"use server";
// 修改密码 and 退出所有设备. Both are open to a user who must still replace an initial password.
import { redirect } from "next/navigation";
import { z } from "zod";
import { signOut } from "@/auth";
import { defineAction, redirectTo } from "@/app/_server/edge";
import { withUser } from "@/app/_server/guard";
import { writeAudit } from "@/db/audit";
import { revokeAllSessions, revokeOtherSessions } from "@/db/sessions";
import { findUserById, setUserPassword } from "@/db/users";
import { hashPassword, passwordProblem, verifyPassword } from "@/lib/auth/password";
import { ROLE_HOME } from "@/lib/auth/roles";
import { run } from "@/db/store";
import { transaction } from "@/db/unit";

const OPEN = { allowPasswordChangePending: true } as const;

const schema = z.object({
  current: z.string().max(200),
  password: z.string().max(200),
  confirm: z.string().max(200),
});

export const changePasswordAction = defineAction({ ...OPEN, input: schema }, async ({ user, input: v }) => {
  const me = await run(findUserById(user.id));
  if (!me) return { ok: false, error: "用户不存在" };
  if (!(await verifyPassword(v.current, me.passwordHash))) return { ok: false, error: "当前密码不正确" };
  const problem = passwordProblem(v.password);
  if (problem) return { ok: false, error: problem };
  if (v.password !== v.confirm) return { ok: false, error: "两次输入的新密码不一致" };
  if (v.password === v.current) return { ok: false, error: "新密码不能与当前密码相同" };
  const hash = await hashPassword(v.password);
  await run(
    transaction(function* () {
      yield* setUserPassword(user.id, hash, false);
      // Every other session of the user ends: whoever knew the old password is signed out.
      yield* revokeOtherSessions(user.id, user.sessionId);
      yield* writeAudit({ actorId: user.id, action: "user.password_change", entityType: "user", entityId: user.id, agencyId: user.agencyId });
    }),
  );
  // The initial password is replaced: the app opens (redirect() runs outside the guard: it throws on purpose).
  return user.mustChangePassword ? redirectTo(ROLE_HOME[user.role]) : { ok: true, message: "密码已修改，其他设备上的登录已退出" };
});

/** 退出所有设备: ends every session of the user, this one included. */
export async function signOutEverywhereAction(): Promise<void> {
  const result = await withUser(OPEN, async (user) => {
    await run(
      transaction(function* () {
        const n = yield* revokeAllSessions(user.id);
        yield* writeAudit({ actorId: user.id, action: "auth.signout_all", entityType: "user", entityId: user.id, agencyId: user.agencyId, after: { sessions: n } });
      }),
    );
    return { ok: true };
  });
  if (!result.ok && result.error !== "未登录或登录已过期，请重新登录") redirect(`/account/password?error=${encodeURIComponent(result.error)}`);
  await signOut({ redirectTo: "/login" });
}
