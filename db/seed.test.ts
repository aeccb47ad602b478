import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { passwordProblem, verifyPassword } from "../lib/auth/password";
import { openDatabase } from "./client";
import { agencies, users } from "./schema";
import { DEMO_PASSWORD, randomPassword, seedInitialAdminIfEmpty, startupSeedMode } from "./seed";

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), "nianbao-seed-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("what an empty database starts with", () => {
  it("a production start creates one admin with a random password, shown once, to be changed", async () => {
    const lines: string[] = [];
    const db = openDatabase(join(dir, "p.db"), { seed: false });
    const created = seedInitialAdminIfEmpty(db, { log: (l) => lines.push(l) })!;
    const all = db.select().from(users).all();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ login: "admin", role: "admin", mustChangePassword: true, active: true });
    expect(db.select().from(agencies).all()).toHaveLength(0);
    expect(created.password).not.toBe(DEMO_PASSWORD);
    expect(passwordProblem(created.password)).toBeNull();
    expect(await verifyPassword(created.password, all[0]!.passwordHash)).toBe(true);
    expect(await verifyPassword(DEMO_PASSWORD, all[0]!.passwordHash)).toBe(false);
    expect(lines.join("\n")).toContain(created.password);
    // Never again once there are users.
    expect(seedInitialAdminIfEmpty(db, { log: () => {} })).toBeNull();
    db.$client.close();
  });

  it("NIANBAO_ADMIN_PASSWORD is used when acceptable, and not printed", async () => {
    const lines: string[] = [];
    const db = openDatabase(join(dir, "e.db"), { seed: false });
    const created = seedInitialAdminIfEmpty(db, { password: "Chosen2026pw", log: (l) => lines.push(l) })!;
    expect(created.fromEnv).toBe(true);
    expect(lines.join("\n")).not.toContain("Chosen2026pw");
    expect(await verifyPassword("Chosen2026pw", db.select().from(users).get()!.passwordHash)).toBe(true);
    db.$client.close();
    const db2 = openDatabase(join(dir, "w.db"), { seed: false });
    expect(seedInitialAdminIfEmpty(db2, { password: "weak", log: () => {} })!.fromEnv).toBe(false);
    db2.$client.close();
  });

  it("the demo data only with NIANBAO_DEMO=1; a start with the initial-admin mode has no demo accounts", () => {
    expect(startupSeedMode({})).toBe("initial-admin");
    expect(startupSeedMode({ NIANBAO_NO_DEMO: "0" })).toBe("initial-admin");
    expect(startupSeedMode({ NIANBAO_DEMO: "1" })).toBe("demo");
    const db = openDatabase(join(dir, "s.db"), { seed: "initial-admin" });
    expect(db.select().from(users).all().map((u) => u.login)).toEqual(["admin"]);
    db.$client.close();
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
