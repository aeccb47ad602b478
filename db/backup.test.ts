// The online backup copies a SQLite file (SQLite only, by nature); on PostgreSQL it refuses.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { count } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { backupDatabase, defaultBackupPath, PG_BACKUP_REFUSAL } from "./backup";
import { writeAudit } from "./audit";
import { openDatabase } from "./client";
import { auditLog, users } from "./schema";
import { runSqlite } from "./run-sqlite";

const dir = mkdtempSync(join(tmpdir(), "nianbao-backup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("online backup and restore", () => {
  it("copies a database that is being written to, consistently, and the documented restore works", async () => {
    const live = join(dir, "live.db");
    const db = openDatabase(live);
    for (let i = 0; i < 200; i++) runSqlite(db, writeAudit({ actorId: null, action: "test.before", entityType: "system", after: { i } }));
    // Keep writing while the backup runs: the copy must still be a consistent snapshot.
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        runSqlite(db, writeAudit({ actorId: null, action: "test.during", entityType: "system", after: { written } }));
        written++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const dest = defaultBackupPath(live, new Date("2025-01-20T15:30:00Z"));
    expect(dest).toBe(join(dir, "backups", "nianbao-20250120-153000.db"));
    const result = await backupDatabase(live, dest, {});
    writing = false;
    await writer;
    expect(result.integrity).toBe("ok");
    expect(result.bytes).toBeGreaterThan(0);

    // Restore as documented: the copy becomes the database file of a (re)started app.
    const restored = openDatabase(dest, { seed: false });
    expect(restored.$client.pragma("integrity_check", { simple: true })).toBe("ok");
    const [u] = restored.select({ n: count() }).from(users).all();
    expect(u!.n).toBe(8);
    const rows = restored.select({ action: auditLog.action }).from(auditLog).all();
    expect(rows.filter((r) => r.action === "test.before")).toHaveLength(200);
    restored.$client.close();
    db.$client.close();
  });

  it("refuses on PostgreSQL with a Chinese message naming pg_dump and a streaming replica (this backup copies a SQLite file)", async () => {
    const live = join(dir, "pg.db");
    openDatabase(live, { seed: false }).$client.close();
    const dest = join(dir, "never.db");
    await expect(backupDatabase(live, dest, { DATABASE_URL: "postgres://nianbao@127.0.0.1/nianbao" })).rejects.toThrow(PG_BACKUP_REFUSAL);
    expect(PG_BACKUP_REFUSAL).toMatch(/pg_dump/);
    expect(PG_BACKUP_REFUSAL).toMatch(/流复制备库/);
    const { existsSync } = await import("node:fs");
    expect(existsSync(dest)).toBe(false);
  });
});
