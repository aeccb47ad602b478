import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "./client";
import { agencies, auditLog, users } from "./schema";
import { createSession, liveSessionUser } from "./sessions";
import { useTempDb } from "./testing/temp-db";
import { findUserByLogin, insertUser, setUserActiveChecked, updateUserAccount, usableAdminsWithout } from "./users";

let db: Db;
useTempDb("users", (d) => (db = d), { each: true });

let admin: NonNullable<ReturnType<typeof findUserByLogin>>;
beforeEach(() => {
  admin = findUserByLogin(db, "admin")!;
});

const lastAudit = () => db.select().from(auditLog).orderBy(auditLog.id).all().at(-1)!;

describe("accounts", () => {
  it("the last usable admin can be neither disabled nor demoted; with a second admin, the first can", () => {
    expect(usableAdminsWithout(db, { userId: admin.id })).toBe(0);
    const second = insertUser(db, { login: "admin2", displayName: "第二管理员", passwordHash: admin.passwordHash, role: "admin", agencyId: null });
    // The second admin cannot disable the only other admin once the first is disabled …
    expect(setUserActiveChecked(db, second.id, admin.id, false)).toEqual({ ok: true, login: "admin" });
    expect(setUserActiveChecked(db, admin.id, second.id, false)).toEqual({ ok: false, error: "不能停用最后一个可用的系统管理员账号" });
    expect(updateUserAccount(db, admin.id, second.id, { displayName: "第二管理员", role: "reviewer", agencyId: 1 })).toEqual({ ok: false, error: "这是最后一个可用的系统管理员账号，不能改为其他角色" });
    expect(db.select().from(users).where(eq(users.id, second.id)).get()!.active).toBe(true);
    expect(setUserActiveChecked(db, second.id, second.id, false)).toEqual({ ok: false, error: "不能停用自己的账号" });
  });

  it("disabling ends the user's sessions and is audited", () => {
    const u = findUserByLogin(db, "yingji-drafter")!;
    const sid = createSession(db, u.id);
    expect(setUserActiveChecked(db, admin.id, u.id, false).ok).toBe(true);
    expect(liveSessionUser(db, sid)).toBeNull();
    expect(lastAudit()).toMatchObject({ action: "user.disable", actorId: admin.id, entityId: u.id });
  });

  it("an admin edits name, role and agency: audited with names before and after; sessions end on a role change", () => {
    const u = findUserByLogin(db, "yingji-drafter")!;
    const other = db.select().from(agencies).where(eq(agencies.code, "sfssthjj")).get() ?? db.select().from(agencies).all().find((a) => a.id !== u.agencyId)!;
    const sid = createSession(db, u.id);
    expect(updateUserAccount(db, admin.id, u.id, { displayName: "王小明", role: "reviewer", agencyId: other.id }).ok).toBe(true);
    const after = findUserByLogin(db, "yingji-drafter")!;
    expect(after).toMatchObject({ displayName: "王小明", role: "reviewer", agencyId: other.id });
    expect(liveSessionUser(db, sid)).toBeNull();
    const a = lastAudit();
    expect(a.action).toBe("user.update");
    expect(JSON.parse(a.before!)).toEqual({ displayName: u.displayName, role: "drafter", agencyName: u.agencyName });
    expect(JSON.parse(a.after!)).toEqual({ displayName: "王小明", role: "reviewer", agencyName: other.name });
    expect(updateUserAccount(db, admin.id, u.id, { displayName: "王小明", role: "drafter", agencyId: null })).toEqual({ ok: false, error: "除系统管理员外，用户必须属于一个单位" });
    expect(updateUserAccount(db, admin.id, u.id, { displayName: "王小明", role: "reviewer", agencyId: other.id })).toEqual({ ok: false, error: "没有修改任何内容" });
    expect(updateUserAccount(db, admin.id, 99999, { displayName: "x", role: "admin", agencyId: null })).toEqual({ ok: false, error: "用户不存在" });
  });
});
