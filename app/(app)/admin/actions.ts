"use server";
// Admin-only actions. Each one goes through the guard (role admin, re-read from the database),
// validates its input with zod, writes the audit log and refreshes the admin pages.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/app/_server/edge";
import { getAgency, getAgencyByCode, insertAgency, setAgencyActive } from "@/db/agencies";
import { writeAudit } from "@/db/audit";
import { revokeAllSessions, revokeOtherSessions } from "@/db/sessions";
import { findUserById, insertUser, loginExists, setUserActiveChecked, setUserPassword, updateUserAccount, usableAdminsWithout, usersOfAgency } from "@/db/users";
import { hashPassword, passwordProblem } from "@/lib/auth/password";
import { ROLE_IDS } from "@/lib/auth/roles";
import { AGENCY_CODE_RE, AGENCY_CODE_RULE, LOGIN_RE, LOGIN_RULE } from "@/lib/data/codes";
import { rolesFor } from "@/lib/workflow/permissions";
import { pgErrorCode } from "@/db/pg/client";
import { run } from "@/db/store";
import { transaction } from "@/db/unit";

const ADMIN = { roles: rolesFor("administer") };

const agencySchema = z.object({
  name: z.string().trim().min(2, "单位名称至少 2 个字").max(60, "单位名称不超过 60 个字"),
  code: z
    .string()
    .trim()
    .toLowerCase()
    .regex(AGENCY_CODE_RE, `单位代码${AGENCY_CODE_RULE}（用于公开网址）`),
  parentId: z.preprocess((v) => (v === "" || v == null ? null : Number(v)), z.number().int().positive().nullable()),
});

export const createAgencyAction = defineAction({ ...ADMIN, input: agencySchema, invalid: "first-issue" }, async ({ user, input: v }) => {
  if (await run(getAgencyByCode(v.code))) return { ok: false, error: `单位代码「${v.code}」已被使用` };
  if (v.parentId != null && !(await run(getAgency(v.parentId)))) return { ok: false, error: "上级单位不存在" };
  try {
    const created = await run(
      transaction(function* () {
        const a = yield* insertAgency(v);
        yield* writeAudit({ actorId: user.id, action: "agency.create", entityType: "agency", entityId: a.id, agencyId: a.id, after: a });
        return a;
      }),
    );
    revalidatePath("/admin/agencies");
    return { ok: true, message: `已创建单位「${created.name}」` };
  } catch (e) {
    if (String(e).includes("UNIQUE") || pgErrorCode(e) === "23505") return { ok: false, error: `单位名称「${v.name}」已存在` };
    throw e;
  }
});

const idSchema = z.object({ id: z.coerce.number().int().positive(), active: z.enum(["0", "1"]) });

export const setAgencyActiveAction = defineAction({ ...ADMIN, input: idSchema }, async ({ user, input }) => {
  const before = await run(getAgency(input.id));
  if (!before) return { ok: false, error: "单位不存在" };
  const active = input.active === "1";
  // The last-admin check in the same (serializable) transaction as the change: two admins
  // disabling agencies on two app servers at once cannot both leave nobody to administer.
  const refused = await run(
    transaction(
      function* () {
        if (!active && (yield* usableAdminsWithout({ agencyId: before.id })) === 0) return "停用该单位后将没有可用的系统管理员账号，不能停用";
        yield* setAgencyActive(before.id, active);
        // Its staff's sessions end now: re-enabling the agency later must not revive them.
        if (!active) for (const id of yield* usersOfAgency(before.id)) yield* revokeAllSessions(id);
        yield* writeAudit({ actorId: user.id, action: active ? "agency.enable" : "agency.disable", entityType: "agency", entityId: before.id, agencyId: before.id, before: { active: before.active }, after: { active } });
        return null;
      },
      { isolation: "serializable" },
    ),
  );
  if (refused) return { ok: false, error: refused };
  revalidatePath("/admin/agencies");
  return { ok: true, message: `已${active ? "启用" : "停用"}「${before.name}」` };
});

const userSchema = z.object({
  login: z
    .string()
    .trim()
    .toLowerCase()
    .regex(LOGIN_RE, `用户名${LOGIN_RULE}`),
  displayName: z.string().trim().min(1, "请填写姓名").max(40, "姓名不超过 40 个字"),
  role: z.enum(ROLE_IDS, { message: "请选择角色" }),
  agencyId: z.preprocess((v) => (v === "" || v == null ? null : Number(v)), z.number().int().positive().nullable()),
  password: z.string(),
});

export const createUserAction = defineAction({ ...ADMIN, input: userSchema, invalid: "first-issue" }, async ({ user, input: v }) => {
  const problem = passwordProblem(v.password);
  if (problem) return { ok: false, error: problem };
  if (v.role !== "admin" && v.agencyId == null) return { ok: false, error: "除系统管理员外，用户必须属于一个单位" };
  if (v.agencyId != null && !(await run(getAgency(v.agencyId)))) return { ok: false, error: "所选单位不存在" };
  if (await run(loginExists(v.login))) return { ok: false, error: `用户名「${v.login}」已存在` };
  const passwordHash = await hashPassword(v.password);
  const created = await run(
    transaction(function* () {
      // The admin chose this password: the user must replace it at the first sign-in.
      const u = yield* insertUser({ login: v.login, displayName: v.displayName, role: v.role, agencyId: v.agencyId, passwordHash, mustChangePassword: true });
      yield* writeAudit({ actorId: user.id, action: "user.create", entityType: "user", entityId: u.id, agencyId: u.agencyId, after: { login: u.login, displayName: u.displayName, role: u.role, agencyId: u.agencyId } });
      return u;
    }),
  );
  revalidatePath("/admin/users");
  return { ok: true, message: `已创建用户「${created.login}」` };
});

export const setUserActiveAction = defineAction({ ...ADMIN, input: idSchema }, async ({ user, input }) => {
  const active = input.active === "1";
  // Self and last-admin checks run inside the write transaction (db/users.ts).
  const r = await run(setUserActiveChecked(user.id, input.id, active));
  if (!r.ok) return r;
  revalidatePath("/admin/users");
  return { ok: true, message: `已${active ? "启用" : "停用"}「${r.login}」` };
});

const editSchema = z.object({
  id: z.coerce.number().int().positive(),
  displayName: userSchema.shape.displayName,
  role: userSchema.shape.role,
  agencyId: userSchema.shape.agencyId,
});

/** 编辑用户: name, role and agency (audited; the last admin keeps the admin role). */
export const updateUserAction = defineAction({ ...ADMIN, input: editSchema, invalid: "first-issue" }, async ({ user, input }) => {
  const { id, ...edit } = input;
  const r = await run(updateUserAccount(user.id, id, edit));
  if (!r.ok) return r;
  revalidatePath("/admin/users");
  return { ok: true, message: `已保存「${r.login}」的修改` };
});

const resetSchema = z.object({ id: z.coerce.number().int().positive(), password: z.string() });

export const resetPasswordAction = defineAction({ ...ADMIN, input: resetSchema }, async ({ user, input }) => {
  const problem = passwordProblem(input.password);
  if (problem) return { ok: false, error: problem };
  const target = await run(findUserById(input.id));
  if (!target) return { ok: false, error: "用户不存在" };
  const hash = await hashPassword(input.password);
  await run(
    transaction(function* () {
      // Someone else chose this password: the user must replace it at next sign-in, and every
      // session of the account ends (whoever used the old password is out).
      yield* setUserPassword(target.id, hash, target.id !== user.id);
      if (target.id === user.id) yield* revokeOtherSessions(target.id, user.sessionId);
      else yield* revokeAllSessions(target.id);
      // The audit records that a reset happened, never the password or its hash.
      yield* writeAudit({ actorId: user.id, action: "user.password_reset", entityType: "user", entityId: target.id, agencyId: target.agencyId });
    }),
  );
  return { ok: true, message: `已重置「${target.login}」的密码` };
});
