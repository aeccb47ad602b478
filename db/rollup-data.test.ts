// The roll-up reads only snapshot_cells (migration 0007): written by a trigger with every snapshot,
// backfilled for snapshots that existed before the migration, append-only — and it gives exactly
// the sums the whole documents give.
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeDerived, withCell, type ReportDoc } from "../lib/data";
import { clean2024, seed2020 } from "../lib/fixtures/load";
import ExcelJS from "exceljs";
import { rollUp, contributionsTo, validateRollup, type RollupSource } from "../lib/rollup";
import { renderRollupXlsx } from "../lib/rollup/xlsx";
import { allCells, getEdition } from "../lib/template";
import { getAgencyByCode } from "./agencies";
import { migrationsFolder, openDatabase, type Db } from "./client";
import { oversightScope } from "./oversight";
import { readRollupSources } from "./rollup-data";
import * as schema from "./schema";
import { findUserByLogin } from "./users";
import { runSqlite } from "./run-sqlite";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "nianbao-rollup-data-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `n` different 2021 reports (one 2019-edition report among them, which the 2024 roll-up excludes). */
function reports(n: number): ReportDoc[] {
  const base = clean2024();
  const inputs = allCells(getEdition("2021")).filter((c) => !c.derived);
  return Array.from({ length: n }, (_, k) => {
    if (k === 3) return { ...seed2020(), year: 2024 };
    let r = { ...structuredClone(base), agency: { name: `单位${k}` } };
    inputs.forEach((c, i) => {
      if ((i + k) % 7 === 0) r = withCell(r, c.ref, (i * 31 + k) % 5 === 0 ? null : (i * k) % 97);
    });
    if (k === 5) r.narrative.overview = "很长的文字。".repeat(2000);
    return computeDerived(r);
  });
}

/** Agencies under the demo office with a report each and an approve + publish snapshot (raw inserts, as any writer might). */
function populate(db: Db, docs: ReportDoc[]): void {
  const sqlite = db.$client;
  const office = runSqlite(db, getAgencyByCode("sfszfb"))!;
  const insAgency = sqlite.prepare("INSERT INTO agencies (name, code, parent_id) VALUES (?, ?, ?)");
  const insReport = sqlite.prepare("INSERT INTO reports (agency_id, year, edition, status, data, version) VALUES (?, 2024, ?, ?, ?, 3)");
  const insVersion = sqlite.prepare("INSERT INTO report_versions (report_id, report_version, kind, status, data, content_hash) VALUES (?, 3, ?, ?, ?, 'test')");
  docs.forEach((d, i) => {
    const agencyId = Number(insAgency.run(d.agency.name, `rd-${i}`, office.id).lastInsertRowid);
    const reportId = Number(insReport.run(agencyId, d.edition, i % 2 ? "approved" : "published", JSON.stringify(d)).lastInsertRowid);
    // The approved version differs from the published one: the choice between them matters.
    insVersion.run(reportId, "publish", "published", JSON.stringify(d));
    if (i % 2) insVersion.run(reportId, "approve", "approved", JSON.stringify(withCell(d, "applications.carriedOver.natural", 1000 + i)));
  });
}

/** The sources as the whole documents give them (the previous reading). */
function fromDocuments(db: Db, sources: RollupSource[]): RollupSource[] {
  return sources.map((s) => {
    const kind = s.state === "approved" ? "approve" : "publish";
    const row = db.$client.prepare("SELECT data FROM report_versions WHERE report_id = ? AND kind = ? ORDER BY id DESC LIMIT 1").get(s.reportId, kind) as { data: string };
    const d = JSON.parse(row.data) as ReportDoc;
    return { agencyId: s.agencyId, agencyName: s.agencyName, reportId: s.reportId, state: s.state, edition: d.edition, tables: d.tables };
  });
}

function supervisorScope(db: Db) {
  const u = runSqlite(db, findUserByLogin("supervisor"))!;
  return oversightScope(db, { id: u.id, role: u.role, agencyId: u.agencyId });
}

async function detailSheet(sources: RollupSource[]) {
  const result = rollUp(2024, "x", sources);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await renderRollupXlsx(result, sources, validateRollup(result), { officeName: "x", preamble: "" })) as unknown as ArrayBuffer);
  const rows: unknown[] = [];
  wb.getWorksheet("单位明细")!.eachRow((r) => rows.push(r.values));
  return rows;
}

async function expectSameRollup(db: Db) {
  const scope = supervisorScope(db);
  for (const states of [["published"], ["approved", "published"], ["approved"]] as const) {
    const fast = readRollupSources(db, scope, 2024, states);
    const slow = fromDocuments(db, fast);
    expect(fast.length).toBeGreaterThan(0);
    expect(rollUp(2024, "x", fast)).toEqual(rollUp(2024, "x", slow));
    expect(contributionsTo("applications.carriedOver.natural", 2024, fast)).toEqual(contributionsTo("applications.carriedOver.natural", 2024, slow));
    // The nested tables, when asked for (the .xlsx detail sheet), are the documents' (2021 sources).
    fast.forEach((s, i) => {
      if (s.edition === "2021") for (const c of allCells(getEdition("2021"))) expect(s.tables[c.table]?.[c.row]?.[c.column] ?? null).toBe(slow[i]!.tables[c.table]?.[c.row]?.[c.column] ?? null);
    });
    expect(await detailSheet(fast)).toEqual(await detailSheet(slow));
  }
}

describe("snapshot_cells", () => {
  it("is written with every snapshot and gives the same roll-up as the documents", async () => {
    const db = openDatabase(join(dir, "trigger.db"));
    populate(db, reports(12));
    const counts = db.$client.prepare("SELECT (SELECT count(*) FROM report_versions) AS v, (SELECT count(*) FROM snapshot_cells) AS c, (SELECT count(*) FROM snapshot_layouts) AS l").get();
    expect(counts).toEqual({ v: 18, c: 18, l: 2 }); // one layout per edition
    await expectSameRollup(db);
    db.$client.close();
  });

  it("is backfilled by the migration for snapshots taken before it", async () => {
    // A database migrated without 0007, with snapshots; then 0007 is applied.
    const folder = join(dir, "migrations");
    cpSync(migrationsFolder(), folder, { recursive: true });
    const journalPath = join(folder, "meta/_journal.json");
    const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
    const full = structuredClone(journal);
    // 0007 and every later migration (drizzle applies only migrations newer than the last applied one).
    journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag.startsWith("0007_")));
    writeFileSync(journalPath, JSON.stringify(journal));
    const pre = new Database(join(dir, "backfill.db"));
    const preDb = drizzle(pre, { schema }) as Db;
    migrate(preDb, { migrationsFolder: folder });
    pre.exec("INSERT INTO agencies (name, code) VALUES ('示范市人民政府办公室', 'sfszfb')");
    pre.exec("INSERT INTO users (login, display_name, password_hash, role, agency_id) VALUES ('supervisor', '主管', 'x', 'supervisor', 1)");
    populate(preDb, reports(8));
    expect(pre.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'snapshot_cells'").get()).toEqual({ n: 0 });
    writeFileSync(journalPath, JSON.stringify(full));
    migrate(preDb, { migrationsFolder: folder });
    expect(pre.prepare("SELECT (SELECT count(*) FROM report_versions) AS v, (SELECT count(*) FROM snapshot_cells) AS c").get()).toEqual({ v: 12, c: 12 });
    await expectSameRollup(preDb);
    pre.close();
  });

  it("is append-only", () => {
    const db = openDatabase(join(dir, "guards.db"));
    populate(db, reports(2));
    expect(() => db.$client.exec("UPDATE snapshot_cells SET cells = '[]'")).toThrow(/append-only/);
    expect(() => db.$client.exec("DELETE FROM snapshot_cells")).toThrow(/append-only/);
    expect(() => db.$client.exec("UPDATE snapshot_layouts SET keys = '[]'")).toThrow(/append-only/);
    expect(() => db.$client.exec("DELETE FROM snapshot_layouts")).toThrow(/append-only/);
    db.$client.close();
  });
});
