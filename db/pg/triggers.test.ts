// The guards of the PostgreSQL migrations (db/pg/migrations/0001_guards.sql) do what the SQLite
// triggers do: audit rows, snapshots, archives and snapshot cells/layouts are append-only (UPDATE,
// DELETE and — PostgreSQL only — TRUNCATE refused), a published report's data is frozen, and every
// inserted snapshot gets the same snapshot_cells / snapshot_layouts text as SQLite's trigger writes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { clean2024, seed2020 } from "../../lib/fixtures/load";
import { openDatabase, type Db } from "../client";
import type { PgDb } from "./client";
import { describePg, usePgDb } from "./testing";

let pgdb: PgDb;
usePgDb("triggers", (d) => {
  pgdb = d;
});

const q = async (text: string, params: unknown[] = []) => (await pgdb.$client.query(text, params)).rows;

/** Inserts an agency, a user and a report; returns the report's id. */
async function report(status: string, data = '{"a":1}', code = `a${Math.random().toString(36).slice(2, 8)}`): Promise<number> {
  const [{ id: agencyId }] = await q("INSERT INTO agencies (name, code) VALUES ($1, $1) RETURNING id", [code]);
  const [{ id }] = await q("INSERT INTO reports (agency_id, year, edition, status, data) VALUES ($1, 2024, '2021', $2, $3) RETURNING id", [agencyId, status, data]);
  return id;
}

describePg("PostgreSQL 守卫触发器", () => {
  it("audit_log, report_versions, legacy_archives, snapshot_cells and snapshot_layouts refuse UPDATE, DELETE and TRUNCATE", async () => {
    const reportId = await report("draft");
    await q("INSERT INTO audit_log (action, entity_type, entity_id) VALUES ('x', 'report', $1)", [reportId]);
    await q("INSERT INTO report_versions (report_id, report_version, kind, status, data, content_hash) VALUES ($1, 1, 'submit', 'submitted', $2, 'h')", [reportId, '{"tables":{"guard":1}}']);
    const [{ agency_id }] = await q("SELECT agency_id FROM reports WHERE id = $1", [reportId]);
    await q("INSERT INTO legacy_archives (agency_id, year, data, file_name, content_hash) VALUES ($1, 2010, '{}', 'a.html', 'h')", [agency_id]);
    for (const table of ["audit_log", "report_versions", "legacy_archives", "snapshot_cells", "snapshot_layouts"]) {
      const [{ n }] = await q(`SELECT count(*)::int AS n FROM ${table}`);
      expect(n, table).toBeGreaterThan(0);
      const col = table === "snapshot_layouts" ? "keys" : table === "audit_log" ? "action" : table === "snapshot_cells" ? "cells" : "data";
      await expect(q(`UPDATE ${table} SET ${col} = ${col} || ''`), table).rejects.toThrow(`${table} is append-only`);
      await expect(q(`DELETE FROM ${table}`), table).rejects.toThrow(`${table} is append-only`);
      await expect(q(`TRUNCATE ${table} CASCADE`), table).rejects.toThrow("is append-only");
      const [{ n: after }] = await q(`SELECT count(*)::int AS n FROM ${table}`);
      expect(after, table).toBe(n);
    }
  });

  it("a published report's data cannot change; its other columns and other reports' data can", async () => {
    const published = await report("published", '{"v":1}');
    await expect(q("UPDATE reports SET data = '{\"v\":2}' WHERE id = $1", [published])).rejects.toThrow("published report is immutable");
    // Same data (a status or version write of the publish itself) passes, as in SQLite.
    await q("UPDATE reports SET data = data, version = version + 1 WHERE id = $1", [published]);
    // Un-publishing and changing the data in one statement is refused too (the OLD status counts).
    await expect(q("UPDATE reports SET status = 'draft', data = '{\"v\":3}' WHERE id = $1", [published])).rejects.toThrow("published report is immutable");
    const draft = await report("draft", '{"v":1}');
    await q("UPDATE reports SET data = '{\"v\":2}' WHERE id = $1", [draft]);
    expect((await q("SELECT data FROM reports WHERE id = $1", [draft]))[0].data).toBe('{"v":2}');
    expect((await q("SELECT data FROM reports WHERE id = $1", [published]))[0].data).toBe('{"v":1}');
  });

  describe_snapshotCells();
});

/** The same snapshots inserted into SQLite and PostgreSQL give byte-identical layouts and cells. */
function describe_snapshotCells() {
  let dir: string;
  let lite: Db;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "nianbao-pg-triggers-"));
    lite = openDatabase(join(dir, "t.db"), { seed: false });
    lite.$client.exec("INSERT INTO agencies (name, code) VALUES ('甲', 'a'); INSERT INTO reports (agency_id, year, edition, data) VALUES (1, 2024, '2021', '{}')");
  });
  afterAll(() => {
    lite?.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const documents: [string, string][] = [
    ["the 2021 fixture", JSON.stringify(clean2024())],
    ["the 2019 fixture", JSON.stringify(seed2020())],
    ["the 2021 fixture again (same layout)", JSON.stringify({ ...clean2024(), year: 2023 })],
    [
      "keys SQLite quotes, arrays, strings, booleans, nulls, decimals",
      JSON.stringify({
        edition: 2021,
        tables: { a_b: { "1x": 1, 中文: 2.5, ok9: null, s: "文字", t: true }, arr: [1, [2, { z: -3.25 }]], "x y": { "": 0 } },
      }),
    ],
    ["tables is a number", '{"edition":"2019","tables":7}'],
    ["tables is null", '{"tables":null}'],
    ["no tables", '{"edition":"2021"}'],
    ["not JSON at all", "不是 JSON {"],
    ["a JSON array", "[1,2]"],
  ];

  const layouts = async () => ({
    pg: (await q("SELECT count(*)::int AS n FROM snapshot_layouts"))[0].n as number,
    lite: (lite.$client.prepare("SELECT count(*) AS n FROM snapshot_layouts").get() as { n: number }).n,
  });

  it.each(documents)("%s", async (_name, data) => {
    const before = await layouts();
    const liteId = Number(
      lite.$client
        .prepare("INSERT INTO report_versions (report_id, report_version, kind, status, data, content_hash) VALUES (1, 1, 'publish', 'published', ?, 'h')")
        .run(data).lastInsertRowid,
    );
    const liteRow = lite.$client
      .prepare("SELECT c.kind, c.edition, c.cells, l.keys FROM snapshot_cells c JOIN snapshot_layouts l ON l.id = c.layout_id WHERE c.snapshot_id = ?")
      .get(liteId);
    const reportId = await report("draft");
    const [{ id }] = await q(
      "INSERT INTO report_versions (report_id, report_version, kind, status, data, content_hash) VALUES ($1, 1, 'publish', 'published', $2, 'h') RETURNING id",
      [reportId, data],
    );
    const [pgRow] = await q(
      "SELECT c.kind, c.edition, c.cells, l.keys FROM snapshot_cells c JOIN snapshot_layouts l ON l.id = c.layout_id WHERE c.snapshot_id = $1",
      [id],
    );
    expect(pgRow).toEqual(liteRow);
    // A new layout on one exactly when on the other (one per distinct shape).
    const after = await layouts();
    expect(after.pg - before.pg).toBe(after.lite - before.lite);
  });

  it("a report_versions insert with nianbao.copying = 'on' (db copy) writes no cells", async () => {
    const reportId = await report("draft");
    await pgdb.transaction(async (tx) => {
      await tx.execute(sql`SELECT set_config('nianbao.copying', 'on', true)`);
      await tx.execute(sql`INSERT INTO report_versions (report_id, report_version, kind, status, data, content_hash) VALUES (${reportId}, 1, 'publish', 'published', '{"tables":{"a":1}}', 'h')`);
    });
    const rows = await q("SELECT c.* FROM snapshot_cells c JOIN report_versions v ON v.id = c.snapshot_id WHERE v.report_id = $1", [reportId]);
    expect(rows).toEqual([]);
  });
}
