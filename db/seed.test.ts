// What an empty database starts with, on the dialect of the run (SQLite, or PostgreSQL in npm
// test's pg step), and on PostgreSQL: several app servers starting at once on one empty database.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { passwordProblem, verifyPassword } from "../lib/auth/password";
import { openDatabase } from "./client";
import { openPgDatabase } from "./pg/client";
import { createTempDatabase } from "./pg/testing";
import { runPg } from "./run-pg";
import { users } from "./schema";
import { DEMO_AGENCIES, DEMO_PASSWORD, DEMO_USERS, randomPassword, seedDemoDataIfEmpty, seedInitialAdminIfEmpty, startupSeedMode } from "./seed";
import { TEST_DIALECT, useTempStore, type TempStore } from "./testing/stores";
import { all, one, type Q } from "./unit";

let s: TempStore;
useTempStore("seed", (store) => void (s = store), { each: true, seed: false });

const usersOf = () => all((d, t) => d.select().from(t.users));
function* counts(): Q<{ agencies: number; users: number; audit: number }> {
  const a = yield* one((d, t) => d.select({ n: count() }).from(t.agencies));
  const u = yield* one((d, t) => d.select({ n: count() }).from(t.users));
  const l = yield* one((d, t) => d.select({ n: count() }).from(t.auditLog));
  return { agencies: Number(a!.n), users: Number(u!.n), audit: Number(l!.n) };
}

describe(`what an empty database starts with (${TEST_DIALECT})`, () => {
  it("a production start creates one admin with a random password, shown once, to be changed", async () => {
    const lines: string[] = [];
    const created = (await s.run(seedInitialAdminIfEmpty({ log: (l) => lines.push(l) })))!;
    const list = await s.run(usersOf());
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ login: "admin", role: "admin", mustChangePassword: true, active: true });
    expect(await s.run(counts())).toEqual({ agencies: 0, users: 1, audit: 1 });
    expect(created.password).not.toBe(DEMO_PASSWORD);
    expect(passwordProblem(created.password)).toBeNull();
    expect(await verifyPassword(created.password, list[0]!.passwordHash)).toBe(true);
    expect(await verifyPassword(DEMO_PASSWORD, list[0]!.passwordHash)).toBe(false);
    expect(lines.join("\n")).toContain(created.password);
    // Never again once there are users.
    expect(await s.run(seedInitialAdminIfEmpty({ log: () => {} }))).toBeNull();
  });

  it("NIANBAO_ADMIN_PASSWORD is used when acceptable, and not printed", async () => {
    const lines: string[] = [];
    const created = (await s.run(seedInitialAdminIfEmpty({ password: "Chosen2026pw", log: (l) => lines.push(l) })))!;
    expect(created.fromEnv).toBe(true);
    expect(lines.join("\n")).not.toContain("Chosen2026pw");
    expect(await verifyPassword("Chosen2026pw", (await s.run(usersOf()))[0]!.passwordHash)).toBe(true);
  });

  it("a weak NIANBAO_ADMIN_PASSWORD is refused with a warning: a random one instead", async () => {
    const lines: string[] = [];
    expect((await s.run(seedInitialAdminIfEmpty({ password: "weak", log: (l) => lines.push(l) })))!.fromEnv).toBe(false);
    expect(lines[0]).toContain("NIANBAO_ADMIN_PASSWORD 不可用");
  });

  it("the demo data: the hierarchy, every demo account with the published password, once", async () => {
    expect(await s.run(seedDemoDataIfEmpty())).toBe(true);
    expect(await s.run(counts())).toEqual({ agencies: DEMO_AGENCIES.length, users: DEMO_USERS.length, audit: 1 });
    const list = await s.run(usersOf());
    expect(list.map((u) => u.login).sort()).toEqual(DEMO_USERS.map((u) => u.login).sort());
    expect(await verifyPassword(DEMO_PASSWORD, list[0]!.passwordHash)).toBe(true);
    expect(await s.run(seedDemoDataIfEmpty())).toBe(false);
    expect(await s.run(counts())).toEqual({ agencies: DEMO_AGENCIES.length, users: DEMO_USERS.length, audit: 1 });
  });

  it("the demo data only with NIANBAO_DEMO=1; a start with the initial-admin mode has no demo accounts", () => {
    expect(startupSeedMode({})).toBe("initial-admin");
    expect(startupSeedMode({ NIANBAO_NO_DEMO: "0" })).toBe("initial-admin");
    expect(startupSeedMode({ NIANBAO_DEMO: "1" })).toBe("demo");
    const dir = mkdtempSync(join(tmpdir(), "nianbao-seed-"));
    try {
      const db = openDatabase(join(dir, "s.db"), { seed: "initial-admin" });
      expect(db.select().from(users).all().map((u) => u.login)).toEqual(["admin"]);
      db.$client.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("random passwords are acceptable and differ", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = randomPassword();
      expect(passwordProblem(p)).toBeNull();
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });
});

describe.runIf(TEST_DIALECT === "pg")("PostgreSQL: several app servers start at once on an empty database", () => {
  for (const mode of ["initial-admin", "demo"] as const) {
    it(`seeds it exactly once (${mode}), under the migration lock`, async () => {
      const target = await createTempDatabase(`seed-${mode}`);
      const pools = await Promise.all([1, 2, 3].map(() => openPgDatabase(target.url, { max: 2, seed: mode })));
      try {
        const c = await runPg(pools[0]!, counts());
        if (mode === "demo") expect(c).toEqual({ agencies: DEMO_AGENCIES.length, users: DEMO_USERS.length, audit: 1 });
        else expect(c).toEqual({ agencies: 0, users: 1, audit: 1 });
        // A pool opened without a seed mode (db copy, tests) leaves a database as it is.
        const plain = await openPgDatabase(target.url, { max: 1 });
        expect(await runPg(plain, counts())).toEqual(c);
        await plain.$client.end();
      } finally {
        for (const p of pools) await p.$client.end();
        await target.drop();
      }
    }, 120_000);
  }
});
