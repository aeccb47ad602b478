import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "./client";
import { checkStorage, MIN_FREE_BYTES, storageProblem, withStorage } from "./health";
import { runSqlite } from "./run-sqlite";
import { TEST_DIALECT, useTempStore, type TempStore } from "./testing/stores";

const dir = mkdtempSync(join(tmpdir(), "nianbao-storage-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let s: TempStore;
useTempStore("health", (store) => void (s = store), { seed: false });

const roomy = () => ({ bavail: 1e6, bsize: 4096 });
const nearlyFull = () => ({ bavail: Math.floor(MIN_FREE_BYTES / 4096) - 1, bsize: 4096 });

describe(`checkStorage on the store (${TEST_DIALECT})`, () => {
  it("ok when the database reads and takes a write", async () => {
    expect(await s.run(checkStorage(join(dir, "x.db"), roomy))).toEqual({ ok: true });
  });

  it("the free space of the SQLite file's disk is checked; PostgreSQL's server disk is not this process's to measure", async () => {
    const r = await s.run(checkStorage(join(dir, "x.db"), nearlyFull));
    if (TEST_DIALECT === "sqlite") expect(r).toMatchObject({ ok: false, reason: expect.stringContaining("磁盘空间不足") });
    else expect(r).toEqual({ ok: true });
  });

  it.runIf(TEST_DIALECT === "pg")("a read-only PostgreSQL (a standby, default_transaction_read_only) fails with a Chinese reason", async () => {
    const { rows } = await s.pg!.$client.query<{ db: string }>("select current_database() as db");
    const name = `"${rows[0]!.db.replace(/"/g, '""')}"`;
    await s.pg!.$client.query(`alter database ${name} set default_transaction_read_only = on`);
    try {
      const ro = await s.another(); // new connections: read-only, like a standby
      expect(await ro.run(checkStorage(join(dir, "x.db")))).toMatchObject({ ok: false, reason: expect.stringContaining("只读") });
    } finally {
      await s.pg!.$client.query(`alter database ${name} reset default_transaction_read_only`);
    }
  });
});

// The SQLite file itself (a full disk, a read-only file): SQLite only.
describe.runIf(TEST_DIALECT === "sqlite")("checkStorage of a SQLite file (issue 14: a full disk answered ok, a read-only database an English 500)", () => {
  const path = join(dir, "ok.db");
  const db = openDatabase(path, { seed: false });

  it("ok when the database reads, writes and has room", () => {
    expect(runSqlite(db, checkStorage(path, roomy))).toEqual({ ok: true });
  });

  it("fails with a Chinese reason on a nearly full disk", () => {
    const r = runSqlite(db, checkStorage(path, nearlyFull));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain("磁盘空间不足");
  });

  it("fails with a Chinese reason when the database cannot be written (read-only)", () => {
    const ro = new Database(path, { readonly: true });
    const rodb = drizzle(ro) as unknown as Db;
    const r = runSqlite(rodb, checkStorage(path, () => ({ bavail: 1e9, bsize: 4096 })));
    ro.close();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain("只读");
  });

  it("maps SQLite's storage errors to Chinese reasons, and nothing else", () => {
    const ro = new Database(path, { readonly: true });
    let err: unknown;
    try {
      ro.prepare("insert into agencies (name, code) values ('x', 'y')").run();
    } catch (e) {
      err = e;
    }
    ro.close();
    expect(storageProblem(err)).toContain("只读");
    expect(storageProblem({ code: "SQLITE_FULL" })).toContain("磁盘空间已满");
    expect(storageProblem({ code: "SQLITE_IOERR_WRITE" })).toContain("读写出错");
    expect(storageProblem(new Error("x"))).toBeUndefined();
    expect(storageProblem({ code: "SQLITE_CONSTRAINT_UNIQUE" })).toBeUndefined();
  });
});

describe("withStorage (the write routes answer a storage failure with a Chinese 503)", () => {
  it.runIf(TEST_DIALECT === "sqlite")("passes results and other exceptions through, turns storage errors into reasons", async () => {
    expect(await withStorage(() => 1)).toEqual({ ok: true, value: 1 });
    await expect(withStorage(() => { throw new Error("bug"); })).rejects.toThrow("bug");
    const path = join(dir, "ro.db");
    openDatabase(path, { seed: false }).$client.close();
    const ro = new Database(path, { readonly: true });
    const r = await withStorage(() => ro.prepare("insert into agencies (name, code) values ('x', 'y')").run());
    ro.close();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/^数据库处于只读状态/);
  });
});
