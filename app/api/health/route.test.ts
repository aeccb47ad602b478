import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { GET } from "./route";

const dir = mkdtempSync(join(tmpdir(), "nianbao-health-"));
afterAll(() => {
  closeDb();
  delete process.env.DATABASE_PATH;
  rmSync(dir, { recursive: true, force: true });
});

describe("GET /api/health", () => {
  it("answers ok when the database is usable", async () => {
    process.env.DATABASE_PATH = join(dir, "ok.db");
    process.env.NIANBAO_NO_DEMO = "1";
    const res = await GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, db: "ok" });
  });

  it("answers 503 with a reason when the database is unusable", async () => {
    closeDb();
    const notADb = join(dir, "garbage.db");
    writeFileSync(notADb, "this is not a sqlite database, just text ".repeat(200));
    process.env.DATABASE_PATH = notADb;
    const res = await GET();
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.ok).toBe(false);
    expect(body.reason).toMatch(/^数据库不可用：/);
  });
});
