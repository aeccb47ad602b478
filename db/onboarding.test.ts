import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "../lib/auth/password";
import { validateOnboarding, type RawSheet } from "../lib/onboarding/validate";
import type { Db } from "./client";
import { commitOnboarding, existingState } from "./onboarding";
import { agencies, auditLog, users } from "./schema";
import { useTempDb } from "./testing/temp-db";
import { findUserByLogin, insertUser } from "./users";
import { runSqlite } from "./run-sqlite";

let db: Db;
useTempDb("onboarding", (d) => (db = d), { each: true });

function sheets(n: number): RawSheet[] {
  // Children listed before their parent: the import must still create parents first.
  const a = [["单位名称", "单位代码", "上级单位代码"], ...Array.from({ length: n - 1 }, (_, i) => [`导入县第${i}局`, `imp-${i}`, "imp-office"]), ["导入县政府办", "imp-office", "sfszfb"]];
  const u = [["用户名", "姓名", "角色", "所属单位代码"], ...Array.from({ length: n - 1 }, (_, i) => [`imp-${i}-tb`, `填报${i}`, "填报人", `imp-${i}`])];
  return [
    { source: "单位", rows: a },
    { source: "用户", rows: u },
  ];
}

describe("commitOnboarding", () => {
  it("writes 2,000 agencies and 1,999 users in one transaction, parents first, passwords to be changed", async () => {
    const plan = validateOnboarding(sheets(2000), existingState(db));
    expect(plan.problems).toEqual([]);
    const t0 = performance.now();
    const r = await commitOnboarding(db, runSqlite(db, findUserByLogin("admin"))!.id, plan, "县.xlsx");
    console.log(`commit 2,000 agencies + 1,999 users: ${(performance.now() - t0).toFixed(0)} ms`);
    if (!r.ok) throw new Error(r.error);
    expect(r).toMatchObject({ agencies: 2000, users: 1999 });
    const office = db.select().from(agencies).where(eq(agencies.code, "imp-office")).get()!;
    const child = db.select().from(agencies).where(eq(agencies.code, "imp-7")).get()!;
    expect(child.parentId).toBe(office.id);
    const u = runSqlite(db, findUserByLogin("imp-7-tb"))!;
    expect(u).toMatchObject({ agencyId: child.id, role: "drafter", mustChangePassword: true });
    const cred = r.credentials.find((c) => c.login === "imp-7-tb")!;
    expect(cred.password).toMatch(/^[A-Za-z2-9]{16}$/);
    expect(await verifyPassword(cred.password, u.passwordHash)).toBe(true);
    expect(u.passwordHash).not.toContain(cred.password);
    const audit = db.select().from(auditLog).where(eq(auditLog.action, "onboarding.import")).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).not.toContain(cred.password);
  });

  it("writes nothing when a login of the plan was created after the dry run", async () => {
    const plan = validateOnboarding(sheets(5), existingState(db));
    const admin = runSqlite(db, findUserByLogin("admin"))!;
    runSqlite(db, insertUser({ login: "imp-2-tb", displayName: "抢先", passwordHash: admin.passwordHash, role: "admin", agencyId: null }));
    const before = db.select().from(agencies).all().length;
    expect(await commitOnboarding(db, admin.id, plan, "x.csv")).toEqual({ ok: false, error: "用户名「imp-2-tb」已在检查之后被创建，请重新检查" });
    expect(db.select().from(agencies).all().length).toBe(before);
    expect(db.select().from(users).where(eq(users.login, "imp-1-tb")).get()).toBeUndefined();
  });
});
