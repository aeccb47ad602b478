// Account administration on the dialect of the run (SQLite, or PostgreSQL in npm test's pg step).
import { desc, inArray } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getAgencyByCode, listAgencies } from "./agencies";
import { createSession, liveSessionUser } from "./sessions";
import { TEST_DIALECT, useTempStore, type TempStore } from "./testing/stores";
import { exec, one } from "./unit";
import { findUserById, findUserByLogin, findSessionUser, insertUser, listUsers, loginExists, setUserActiveChecked, setUserPassword, updateUserAccount, usableAdminsWithout, usersOfAgency, type UserWithAgency } from "./users";

let s: TempStore;
useTempStore("users", (store) => void (s = store), { each: true });

let admin: UserWithAgency;
beforeEach(async () => {
  admin = (await s.run(findUserByLogin("admin")))!;
});

const lastAudit = async () => (await s.run(one((d, t) => d.select().from(t.auditLog).orderBy(desc(t.auditLog.id)).limit(1))))!;

describe(`accounts (${TEST_DIALECT})`, () => {
  it("reads users the same way on both databases", async () => {
    const u = (await s.run(findUserByLogin("  Yingji-Drafter ")))!;
    expect(u).toMatchObject({ login: "yingji-drafter", role: "drafter", active: true, agencyName: "示范市应急管理局", agencyActive: true, mustChangePassword: false });
    expect(await s.run(findUserById(u.id))).toEqual(u);
    const { passwordHash: _h, ...withoutHash } = u;
    expect(await s.run(findSessionUser(u.id))).toEqual(withoutHash);
    expect(await s.run(findSessionUser(99_999))).toBeUndefined();
    expect(await s.run(loginExists("YINGJI-drafter"))).toBe(true);
    expect(await s.run(loginExists("nobody"))).toBe(false);
    const list = await s.run(listUsers());
    expect(list).toHaveLength(8);
    expect(list[0]!.updatedAt).toBeInstanceOf(Date);
    expect(await s.run(usersOfAgency(u.agencyId!))).toContain(u.id);
    await s.run(setUserPassword(u.id, "x-hash", true));
    expect(await s.run(findUserById(u.id))).toMatchObject({ passwordHash: "x-hash", mustChangePassword: true });
  });

  it("the last usable admin can be neither disabled nor demoted; with a second admin, the first can", async () => {
    expect(await s.run(usableAdminsWithout({ userId: admin.id }))).toBe(0);
    const second = await s.run(insertUser({ login: "admin2", displayName: "第二管理员", passwordHash: admin.passwordHash, role: "admin", agencyId: null }));
    // The second admin cannot disable the only other admin once the first is disabled …
    expect(await s.run(setUserActiveChecked(second.id, admin.id, false))).toEqual({ ok: true, login: "admin" });
    expect(await s.run(setUserActiveChecked(admin.id, second.id, false))).toEqual({ ok: false, error: "不能停用最后一个可用的系统管理员账号" });
    const anyAgency = (await s.run(listAgencies()))[0]!.id;
    expect(await s.run(updateUserAccount(admin.id, second.id, { displayName: "第二管理员", role: "reviewer", agencyId: anyAgency }))).toEqual({ ok: false, error: "这是最后一个可用的系统管理员账号，不能改为其他角色" });
    expect((await s.run(findUserById(second.id)))!.active).toBe(true);
    expect(await s.run(setUserActiveChecked(second.id, second.id, false))).toEqual({ ok: false, error: "不能停用自己的账号" });
    expect(await s.run(setUserActiveChecked(second.id, 99_999, false))).toEqual({ ok: false, error: "用户不存在" });
  });

  it("two admins disabling each other at once on two app servers: exactly one succeeds, one admin stays usable", async () => {
    const second = await s.run(insertUser({ login: "admin2", displayName: "第二管理员", passwordHash: admin.passwordHash, role: "admin", agencyId: null }));
    const other = await s.another();
    await other.run(findUserById(admin.id)); // the second server's pool is connected before the race
    for (let round = 0; round < 10; round++) {
      const results = await Promise.all([s.run(setUserActiveChecked(admin.id, second.id, false)), other.run(setUserActiveChecked(second.id, admin.id, false))]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: "不能停用最后一个可用的系统管理员账号" }]);
      expect(await s.run(usableAdminsWithout({}))).toBe(1);
      await s.run(exec((d, t) => d.update(t.users).set({ active: true }).where(inArray(t.users.id, [admin.id, second.id]))));
    }
  });

  it("disabling ends the user's sessions and is audited", async () => {
    const u = (await s.run(findUserByLogin("yingji-drafter")))!;
    const sid = await s.run(createSession(u.id));
    expect((await s.run(setUserActiveChecked(admin.id, u.id, false))).ok).toBe(true);
    expect(await s.run(liveSessionUser(sid))).toBeNull();
    expect(await lastAudit()).toMatchObject({ action: "user.disable", actorId: admin.id, entityId: u.id });
    // Re-enabling does not revive the old session.
    expect((await s.run(setUserActiveChecked(admin.id, u.id, true))).ok).toBe(true);
    expect(await s.run(liveSessionUser(sid))).toBeNull();
    expect(await lastAudit()).toMatchObject({ action: "user.enable", entityId: u.id });
  });

  it("an admin edits name, role and agency: audited with names before and after; sessions end on a role change", async () => {
    const u = (await s.run(findUserByLogin("yingji-drafter")))!;
    const other = (await s.run(getAgencyByCode("sfssthjj")))!;
    const sid = await s.run(createSession(u.id));
    expect((await s.run(updateUserAccount(admin.id, u.id, { displayName: "王小明", role: "reviewer", agencyId: other.id }))).ok).toBe(true);
    const after = (await s.run(findUserByLogin("yingji-drafter")))!;
    expect(after).toMatchObject({ displayName: "王小明", role: "reviewer", agencyId: other.id });
    expect(await s.run(liveSessionUser(sid))).toBeNull();
    const a = await lastAudit();
    expect(a.action).toBe("user.update");
    expect(JSON.parse(a.before!)).toEqual({ displayName: u.displayName, role: "drafter", agencyName: u.agencyName });
    expect(JSON.parse(a.after!)).toEqual({ displayName: "王小明", role: "reviewer", agencyName: other.name });
    expect(await s.run(updateUserAccount(admin.id, u.id, { displayName: "王小明", role: "drafter", agencyId: null }))).toEqual({ ok: false, error: "除系统管理员外，用户必须属于一个单位" });
    expect(await s.run(updateUserAccount(admin.id, u.id, { displayName: "王小明", role: "reviewer", agencyId: other.id }))).toEqual({ ok: false, error: "没有修改任何内容" });
    expect(await s.run(updateUserAccount(admin.id, u.id, { displayName: "王小明", role: "reviewer", agencyId: 99_999 }))).toEqual({ ok: false, error: "所选单位不存在" });
    expect(await s.run(updateUserAccount(admin.id, 99999, { displayName: "x", role: "admin", agencyId: null }))).toEqual({ ok: false, error: "用户不存在" });
    // A rename alone keeps the sessions.
    const sid2 = await s.run(createSession(u.id));
    expect((await s.run(updateUserAccount(admin.id, u.id, { displayName: "王晓明", role: "reviewer", agencyId: other.id }))).ok).toBe(true);
    expect(await s.run(liveSessionUser(sid2))).toBe(u.id);
  });
});

