import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "../lib/auth/password";
import { agencySubtree, getAgencyByCode } from "./agencies";
import { listAudit, writeAudit } from "./audit";
import type { Db } from "./client";
import { agencies, auditLog, reports, reportVersions, users } from "./schema";
import { DEMO_AGENCIES, DEMO_PASSWORD, DEMO_USERS } from "./seed";
import { findUserByLogin, isUsable } from "./users";
import { useTempDb, type TempDbFile } from "./testing/temp-db";
import { runSqlite } from "./run-sqlite";

let db: Db;
let file: TempDbFile;
useTempDb(
  "db",
  (d, f) => {
    db = d;
    file = f;
  },
  { each: true },
);

function addReport(agencyId: number, year = 2024) {
  return db.insert(reports).values({ agencyId, year, edition: "2021", data: "{}" }).returning().get();
}

describe("database start-up", () => {
  it("applies migrations in WAL mode with foreign keys on", () => {
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
    const tables = db.$client.prepare("select name from sqlite_master where type='table'").all() as { name: string }[];
    for (const t of ["agencies", "users", "reports", "report_versions", "review_comments", "audit_log", "login_attempts"])
      expect(tables.map((x) => x.name)).toContain(t);
  });

  it("creates the demo hierarchy and accounts once", async () => {
    expect(db.select().from(agencies).all()).toHaveLength(DEMO_AGENCIES.length);
    expect(db.select().from(users).all()).toHaveLength(DEMO_USERS.length);
    const office = runSqlite(db, getAgencyByCode("sfszfb"))!;
    expect(office.parentId).toBeNull();
    expect(runSqlite(db, agencySubtree(office.id)).map((a) => a.name).sort()).toEqual(DEMO_AGENCIES.map((a) => a.name).sort());
    const drafter = runSqlite(db, findUserByLogin("Yingji-Drafter "))!;
    expect(drafter.agencyName).toBe("示范市应急管理局");
    expect(await verifyPassword(DEMO_PASSWORD, drafter.passwordHash)).toBe(true);

    // A second start neither duplicates nor fails.
    db.$client.close();
    db = file.open();
    expect(db.select().from(users).all()).toHaveLength(DEMO_USERS.length);
  });

  it("refuses a non-admin user without an agency", () => {
    expect(() => db.insert(users).values({ login: "x", displayName: "x", passwordHash: "x", role: "drafter" }).run()).toThrow(/CHECK/);
  });
});

describe("integrity guards", () => {
  it("the audit log is append-only", () => {
    runSqlite(db, writeAudit({ actorId: null, action: "test", entityType: "system", after: { a: 1 } }));
    expect(() => db.update(auditLog).set({ action: "forged" }).run()).toThrow(/append-only/);
    expect(() => db.delete(auditLog).run()).toThrow(/append-only/);
    expect(runSqlite(db, listAudit({})).some((e) => e.action === "test")).toBe(true);
  });

  it("report snapshots are append-only", () => {
    const r = addReport(runSqlite(db, getAgencyByCode("sfsyjj"))!.id);
    db.insert(reportVersions).values({ reportId: r.id, reportVersion: 1, kind: "submit", status: "submitted", data: "{}", contentHash: "x" }).run();
    expect(() => db.update(reportVersions).set({ data: "{\"x\":1}" }).run()).toThrow(/append-only/);
    expect(() => db.delete(reportVersions).run()).toThrow(/append-only/);
  });

  it("a published report's data cannot change", () => {
    const r = addReport(runSqlite(db, getAgencyByCode("sfsyjj"))!.id);
    db.update(reports).set({ status: "published" }).where(eq(reports.id, r.id)).run();
    expect(() => db.update(reports).set({ data: "{\"changed\":true}" }).where(eq(reports.id, r.id)).run()).toThrow(/immutable/);
  });

  it("one report per agency and year", () => {
    const a = runSqlite(db, getAgencyByCode("sfsyjj"))!.id;
    addReport(a, 2024);
    expect(() => addReport(a, 2024)).toThrow(/UNIQUE/);
    addReport(a, 2025);
  });

  it("reports and audit rows cannot lose their agency (no cascade, FK enforced)", () => {
    const a = runSqlite(db, getAgencyByCode("sfsyjj"))!.id;
    addReport(a);
    expect(() => db.delete(agencies).where(eq(agencies.id, a)).run()).toThrow(/FOREIGN KEY/);
  });
});

describe("accounts", () => {
  it("a user is unusable when disabled or when the agency is disabled", () => {
    const u = runSqlite(db, findUserByLogin("yingji-drafter"))!;
    expect(isUsable(u)).toBe(true);
    expect(isUsable({ ...u, active: false })).toBe(false);
    expect(isUsable({ ...u, agencyActive: false })).toBe(false);
    const admin = runSqlite(db, findUserByLogin("admin"))!;
    expect(isUsable(admin)).toBe(true);
  });
});
