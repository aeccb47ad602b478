import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "../lib/auth/password";
import { validateOnboarding, type RawSheet } from "../lib/onboarding/validate";
import { commitOnboarding, existingState, initialPasswords } from "./onboarding";
import { TEST_DIALECT, useTempStore, type TempStore } from "./testing/stores";
import { all, exec, one, type Q } from "./unit";

let s: TempStore;
useTempStore(
  "onboarding",
  (store) => {
    s = store;
  },
  { each: true },
);

function sheets(n: number): RawSheet[] {
  // Children listed before their parent: the import must still create parents first.
  const a = [["单位名称", "单位代码", "上级单位代码"], ...Array.from({ length: n - 1 }, (_, i) => [`导入县第${i}局`, `imp-${i}`, "imp-office"]), ["导入县政府办", "imp-office", "sfszfb"]];
  const u = [["用户名", "姓名", "角色", "所属单位代码"], ...Array.from({ length: n - 1 }, (_, i) => [`imp-${i}-tb`, `填报${i}`, "填报人", `imp-${i}`])];
  return [
    { source: "单位", rows: a },
    { source: "用户", rows: u },
  ];
}

function* userByLogin(login: string) {
  return yield* one((d, t) => d.select().from(t.users).where(eq(t.users.login, login)));
}
function* agencyByCode(code: string) {
  return yield* one((d, t) => d.select().from(t.agencies).where(eq(t.agencies.code, code)));
}
function* agencyCount(): Q<number> {
  return (yield* all((d, t) => d.select({ id: t.agencies.id }).from(t.agencies))).length;
}

describe(`commitOnboarding (${TEST_DIALECT})`, { timeout: 120_000 }, () => {
  it("writes 2,000 agencies and 1,999 users in one transaction, parents first, passwords to be changed", async () => {
    const plan = validateOnboarding(sheets(2000), await s.run(existingState()));
    expect(plan.problems).toEqual([]);
    const initial = await initialPasswords(plan);
    const t0 = performance.now();
    const r = await s.run(commitOnboarding((await s.run(userByLogin("admin")))!.id, plan, "县.xlsx", initial));
    console.log(`commit 2,000 agencies + 1,999 users (${TEST_DIALECT}): ${(performance.now() - t0).toFixed(0)} ms`);
    if (!r.ok) throw new Error(r.error);
    expect(r).toMatchObject({ agencies: 2000, users: 1999 });
    const office = (await s.run(agencyByCode("imp-office")))!;
    const child = (await s.run(agencyByCode("imp-7")))!;
    expect(child.parentId).toBe(office.id);
    const u = (await s.run(userByLogin("imp-7-tb")))!;
    expect(u).toMatchObject({ agencyId: child.id, role: "drafter", mustChangePassword: true });
    const cred = r.credentials.find((c) => c.login === "imp-7-tb")!;
    expect(cred.password).toMatch(/^[A-Za-z2-9]{16}$/);
    expect(await verifyPassword(cred.password, u.passwordHash)).toBe(true);
    expect(u.passwordHash).not.toContain(cred.password);
    const audit = await s.run(all((d, t) => d.select().from(t.auditLog).where(eq(t.auditLog.action, "onboarding.import"))));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).not.toContain(cred.password);
  });

  it("writes nothing when a login of the plan was created after the dry run", async () => {
    const plan = validateOnboarding(sheets(5), await s.run(existingState()));
    const admin = (await s.run(userByLogin("admin")))!;
    await s.run(exec((d, t) => d.insert(t.users).values({ login: "imp-2-tb", displayName: "抢先", passwordHash: admin.passwordHash, role: "admin", agencyId: null })));
    const before = await s.run(agencyCount());
    expect(await s.run(commitOnboarding(admin.id, plan, "x.csv", await initialPasswords(plan)))).toEqual({ ok: false, error: "用户名「imp-2-tb」已在检查之后被创建，请重新检查" });
    expect(await s.run(agencyCount())).toBe(before);
    expect(await s.run(userByLogin("imp-1-tb"))).toBeUndefined();
  });

  it("two servers importing the same plan at once: one writes it, the other writes nothing", async () => {
    const plan = validateOnboarding(sheets(20), await s.run(existingState()));
    const admin = (await s.run(userByLogin("admin")))!;
    const other = await s.another();
    const before = await s.run(agencyCount());
    const [a, b] = await Promise.all([
      initialPasswords(plan).then((p) => s.run(commitOnboarding(admin.id, plan, "甲.csv", p))),
      initialPasswords(plan).then((p) => other.run(commitOnboarding(admin.id, plan, "乙.csv", p))),
    ]);
    expect([a, b].filter((r) => r.ok)).toHaveLength(1);
    expect([a, b].find((r) => !r.ok)).toMatchObject({ ok: false, error: expect.stringContaining("已在检查之后被创建") });
    expect(await s.run(agencyCount())).toBe(before + 20);
  });
});
