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
import { and, desc, eq, sql } from "drizzle-orm";
import { getAgencyByCode, insertAgency } from "./agencies";
import { migrationsFolder, type Db } from "./client";
import { oversightScope, type OversightScope } from "./oversight";
import { readRollupSources } from "./rollup-data";
import * as schema from "./schema";
import { runSqlite } from "./run-sqlite";
import { TEST_DIALECT, useTempStore, type TempStore } from "./testing/stores";
import { all, exec, one, rawExec, rawOne, type Q } from "./unit";

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

/** Agencies under the demo office with a report each and an approve + publish snapshot (plain inserts, as any writer might). */
function* populate(docs: ReportDoc[], prefix = "rd"): Q<void> {
  const office = (yield* getAgencyByCode("sfszfb"))!;
  for (const [i, d] of docs.entries()) {
    const agency = yield* insertAgency({ name: prefix === "rd" ? d.agency.name : `${prefix}-${d.agency.name}`, code: `${prefix}-${i}`, parentId: office.id });
    const report = (yield* all((b, t) => b.insert(t.reports).values({ agencyId: agency.id, year: 2024, edition: d.edition, status: i % 2 ? "approved" : "published", data: JSON.stringify(d), version: 3 }).returning({ id: t.reports.id })))[0]!;
    // The approved version differs from the published one: the choice between them matters.
    const version = (kind: "publish" | "approve", status: "published" | "approved", data: string) => ({ reportId: report.id, reportVersion: 3, kind, status, data, contentHash: "test" });
    yield* exec((b, t) => b.insert(t.reportVersions).values(version("publish", "published", JSON.stringify(d))));
    if (i % 2) yield* exec((b, t) => b.insert(t.reportVersions).values(version("approve", "approved", JSON.stringify(withCell(d, "applications.carriedOver.natural", 1000 + i)))));
  }
}

/** populate() in raw SQL, for a database whose schema is older than the drizzle tables (before 0007). */
function populateRaw(db: Db, docs: ReportDoc[]): void {
  const sqlite = db.$client;
  const office = runSqlite(db, getAgencyByCode("sfszfb"))!;
  const insAgency = sqlite.prepare("INSERT INTO agencies (name, code, parent_id) VALUES (?, ?, ?)");
  const insReport = sqlite.prepare("INSERT INTO reports (agency_id, year, edition, status, data, version) VALUES (?, 2024, ?, ?, ?, 3)");
  const insVersion = sqlite.prepare("INSERT INTO report_versions (report_id, report_version, kind, status, data, content_hash) VALUES (?, 3, ?, ?, ?, 'test')");
  docs.forEach((d, i) => {
    const agencyId = Number(insAgency.run(d.agency.name, `rd-${i}`, office.id).lastInsertRowid);
    const reportId = Number(insReport.run(agencyId, d.edition, i % 2 ? "approved" : "published", JSON.stringify(d)).lastInsertRowid);
    insVersion.run(reportId, "publish", "published", JSON.stringify(d));
    if (i % 2) insVersion.run(reportId, "approve", "approved", JSON.stringify(withCell(d, "applications.carriedOver.natural", 1000 + i)));
  });
}

/** The sources as the whole documents give them (the previous reading). */
function* fromDocuments(sources: RollupSource[]): Q<RollupSource[]> {
  const out: RollupSource[] = [];
  for (const x of sources) {
    const kind = x.state === "approved" ? "approve" : "publish";
    const row = (yield* one((b, t) => b.select({ data: t.reportVersions.data }).from(t.reportVersions).where(and(eq(t.reportVersions.reportId, x.reportId), eq(t.reportVersions.kind, kind))).orderBy(desc(t.reportVersions.id)).limit(1)))!;
    const d = JSON.parse(row.data) as ReportDoc;
    out.push({ agencyId: x.agencyId, agencyName: x.agencyName, reportId: x.reportId, state: x.state, edition: d.edition, tables: d.tables });
  }
  return out;
}

function* supervisorScope(): Q<OversightScope> {
  const u = (yield* one((b, t) => b.select().from(t.users).where(eq(t.users.login, "supervisor"))))!;
  return yield* oversightScope({ id: u.id, role: u.role, agencyId: u.agencyId });
}

async function detailSheet(sources: RollupSource[]) {
  const result = rollUp(2024, "x", sources);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await renderRollupXlsx(result, sources, validateRollup(result), { officeName: "x", preamble: "" })) as unknown as ArrayBuffer);
  const rows: unknown[] = [];
  wb.getWorksheet("单位明细")!.eachRow((r) => rows.push(r.values));
  return rows;
}

async function expectSameRollup(run: <T>(q: Q<T>) => Promise<T>) {
  const scope = await run(supervisorScope());
  for (const states of [["published"], ["approved", "published"], ["approved"]] as const) {
    const fast = await run(readRollupSources(scope, 2024, states));
    const slow = await run(fromDocuments(fast));
    expect(fast.length).toBeGreaterThan(0);
    expect(rollUp(2024, "x", fast)).toEqual(rollUp(2024, "x", slow));
    expect(contributionsTo("applications.carriedOver.natural", 2024, fast)).toEqual(contributionsTo("applications.carriedOver.natural", 2024, slow));
    // The nested tables, when asked for (the .xlsx detail sheet), are the documents' (2021 sources).
    fast.forEach((x, i) => {
      if (x.edition === "2021") for (const c of allCells(getEdition("2021"))) expect(x.tables[c.table]?.[c.row]?.[c.column] ?? null).toBe(slow[i]!.tables[c.table]?.[c.row]?.[c.column] ?? null);
    });
    expect(await detailSheet(fast)).toEqual(await detailSheet(slow));
  }
}

/** The driver's error and, on PostgreSQL, its cause (the trigger's message). */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "accepted";
  } catch (e) {
    return `${(e as Error).message} ${((e as Error).cause as Error | undefined)?.message ?? ""}`;
  }
}

describe(`snapshot_cells (${TEST_DIALECT})`, () => {
  let s: TempStore;
  useTempStore("rollup-data", (store) => {
    s = store;
  });

  it("is written with every snapshot and gives the same roll-up as the documents", async () => {
    const count = async (table: string) => Number((await s.run(rawOne<{ n: number | string }>(() => sql`SELECT count(*) AS n FROM ${sql.identifier(table)}`)))!.n);
    const before = { v: await count("report_versions"), c: await count("snapshot_cells"), l: await count("snapshot_layouts") };
    await s.run(populate(reports(12)));
    // One new cells row per snapshot, one layout per edition (2021 and 2019; the demo's own snapshots may already have one).
    expect({ v: (await count("report_versions")) - before.v, c: (await count("snapshot_cells")) - before.c }).toEqual({ v: 18, c: 18 });
    expect(await count("snapshot_layouts")).toBeLessThanOrEqual(before.l + 2);
    await expectSameRollup(s.run.bind(s));
    // Another app server reads the same roll-up (the layout cache is keyed by content, not connection).
    const other = await s.another();
    const scope = await s.run(supervisorScope());
    expect(rollUp(2024, "x", await other.run(readRollupSources(scope, 2024, ["approved", "published"])))).toEqual(rollUp(2024, "x", await s.run(readRollupSources(scope, 2024, ["approved", "published"]))));
  });

  it("is append-only", async () => {
    await s.run(populate(reports(2), "guard"));
    expect(await refusal(s.run(rawExec(() => sql`UPDATE snapshot_cells SET cells = '[]'`)))).toMatch(/append-only/);
    expect(await refusal(s.run(rawExec(() => sql`DELETE FROM snapshot_cells`)))).toMatch(/append-only/);
    expect(await refusal(s.run(rawExec(() => sql`UPDATE snapshot_layouts SET keys = '[]'`)))).toMatch(/append-only/);
    expect(await refusal(s.run(rawExec(() => sql`DELETE FROM snapshot_layouts`)))).toMatch(/append-only/);
  });
});

// Migration 0007 and its backfill exist on SQLite only (PostgreSQL's schema starts with the cells
// table and its trigger: db/pg/migrations/0001_guards.sql); the copy moves SQLite's rows as they are.
describe.runIf(TEST_DIALECT === "sqlite")("snapshot_cells on SQLite", () => {
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
    populateRaw(preDb, reports(8));
    expect(pre.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'snapshot_cells'").get()).toEqual({ n: 0 });
    writeFileSync(journalPath, JSON.stringify(full));
    migrate(preDb, { migrationsFolder: folder });
    expect(pre.prepare("SELECT (SELECT count(*) FROM report_versions) AS v, (SELECT count(*) FROM snapshot_cells) AS c").get()).toEqual({ v: 12, c: 12 });
    await expectSameRollup(async (q) => runSqlite(preDb, q));
    pre.close();
  });
});
