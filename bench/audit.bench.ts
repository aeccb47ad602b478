// Benchmark of the audit log's storage per autosave: `npm run bench audit`.
// Goal (issue 20): ≤ 1 KB of audit per narrative autosave, and a season of 1,000 agencies × 2,000
// autosaves ≤ 2 GB. Reference measured in the same run: the whole stored document (what one autosave
// would cost if the audit kept a copy of the report), and the previous audit shape (the changed
// sections/cells before and after, written beside the new one for comparison).
//
// One report with full-length narratives (~13.6 KB stored) gets 2,000 autosaves through the real
// save path (db/reports saveReport) into a temporary SQLite file: 80 % typing bursts of 5–40
// characters typed or deleted somewhere in a narrative, 20 % cell edits. The audit table's real
// size on disk (rows + indexes, SQLite dbstat) is divided by the autosaves; then every version is
// rebuilt from the log (db/audit replayReportVersions) and compared with what each save stored.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { replayReportVersions } from "../db/audit";
import { openDatabase } from "../db/client";
import { createReport, saveReport } from "../db/reports";
import { findUserByLogin } from "../db/users";
import { makeDelta } from "../lib/audit/delta";
import { diffReports, withCell, type ReportDoc } from "../lib/data";
import { clean2024 } from "../lib/fixtures/load";
import { lcg, median, tableRow } from "./support/stats";
import { runSqlite } from "../db/run-sqlite";

const SAVES = 2_000;
const SEASON = 1_000 * 2_000;
const GOAL_BYTES = 1024;
const GOAL_SEASON = 2e9;

const PARA = "本机关坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，围绕中心工作，持续推进决策、执行、管理、服务、结果公开，不断提升政务公开质量和实效。";

function longReport(): ReportDoc {
  const r = clean2024();
  r.agency = { name: "示范市应急管理局" };
  r.narrative.overview = Array.from({ length: 34 }, (_, i) => `（${i + 1}）${PARA}`).join("\n");
  r.narrative.problems = Array.from({ length: 4 }, () => PARA).join("\n");
  r.narrative.other = PARA;
  return r;
}

const INPUTS = ["proactive.regulations.issued", "appeals.review.upheld", "applications.withheldLawProhibited.natural", "appeals.litigationDirect.other", "applications.carriedOver.legalService"];

function edit(doc: ReportDoc, rnd: () => number): ReportDoc {
  if (rnd() < 0.2) return withCell(doc, INPUTS[Math.floor(rnd() * INPUTS.length)]!, Math.floor(rnd() * 200));
  const next = structuredClone(doc);
  const key = rnd() < 0.7 ? "overview" : rnd() < 0.5 ? "problems" : "other";
  const t = next.narrative[key];
  const at = Math.floor(rnd() * t.length);
  const n = 5 + Math.floor(rnd() * 36);
  // As much deleted as typed, so the document keeps its size over the 2,000 saves.
  next.narrative[key] = rnd() < 0.5 ? t.slice(0, at) + t.slice(at + n) : t.slice(0, at) + PARA.slice(0, n) + t.slice(at);
  return next;
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-audit-bench-"));
  try {
    const db = openDatabase(join(dir, "audit.db"));
    const u = runSqlite(db, findUserByLogin("yingji-drafter"))!;
    const drafter = { id: u.id, role: u.role, agencyId: u.agencyId };
    const created = runSqlite(db, createReport(drafter, 2024));
    if (!created.ok) throw new Error(created.error);
    let doc = longReport();
    const first = runSqlite(db, saveReport(drafter, created.id, 1, doc));
    if (first.kind !== "saved") throw new Error(first.kind);
    const sqlite = db.$client;
    const auditBytes = () => (sqlite.prepare("SELECT sum(pgsize) AS b FROM dbstat WHERE name IN ('audit_log', 'audit_entity_idx', 'audit_agency_idx')").get() as { b: number }).b;
    const stored = () => sqlite.prepare("SELECT data FROM reports WHERE id = ?").pluck().get(created.id) as string;
    const docBytes = Buffer.byteLength(stored());
    const bytesBefore = auditBytes();

    const rnd = lcg(2026);
    let version = first.version;
    doc = first.report;
    const texts = new Map<number, string>([[version, stored()]]);
    const narrativeEntry: number[] = [];
    const cellEntry: number[] = [];
    const oldEntry: number[] = [];
    const oldNarrative: number[] = [];
    const saveMs: number[] = [];
    const deltaMs: number[] = [];
    const oldMs: number[] = [];
    for (let i = 0; i < SAVES; ) {
      const next = edit(doc, rnd);
      const t = performance.now();
      const out = runSqlite(db, saveReport(drafter, created.id, version, next));
      saveMs.push(performance.now() - t);
      if (out.kind !== "saved") throw new Error(`save ${i}: ${out.kind}`);
      if (out.unchanged) continue; // the edit changed nothing (same value typed again)
      i++;
      const after = sqlite.prepare("SELECT after FROM audit_log WHERE action = 'report.save' AND entity_id = ? ORDER BY id DESC LIMIT 1").pluck().get(created.id) as string;
      // The previous audit shape of the same change, for comparison.
      const d = diffReports(doc, out.report);
      const prevText = texts.get(version)!;
      const nextText = stored();
      const t1 = performance.now();
      makeDelta(prevText, nextText, out.report);
      deltaMs.push(performance.now() - t1);
      const t2 = performance.now();
      const old =
        Buffer.byteLength(JSON.stringify({ version, cells: d.cells.map((c) => [c.ref, c.before]), texts: d.texts.map((x) => [x.path, x.before]) })) +
        Buffer.byteLength(JSON.stringify({ version: out.version, cells: d.cells.map((c) => [c.ref, c.after]), texts: d.texts.map((x) => [x.path, x.after]) }));
      oldMs.push(performance.now() - t2);
      oldEntry.push(old);
      if (d.texts.length) {
        narrativeEntry.push(Buffer.byteLength(after));
        oldNarrative.push(old);
      } else cellEntry.push(Buffer.byteLength(after));
      version = out.version;
      doc = out.report;
      texts.set(version, nextText);
    }
    const perSave = (auditBytes() - bytesBefore) / SAVES;
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const t0 = performance.now();
    const replay = runSqlite(db, replayReportVersions(created.id))!;
    const replayMs = performance.now() - t0;
    let exact = 0;
    for (const [v, text] of texts) if (replay.versions.get(v) === text) exact++;
    if (exact !== texts.size) throw new Error(`replay: ${exact} of ${texts.size} versions exact (${replay.stopped})`);

    const kb = (b: number) => `${(b / 1024).toFixed(2)} KB`;
    console.log(`reference: the whole stored document ${kb(docBytes)}; ${SAVES} autosaves (${narrativeEntry.length} narrative, ${cellEntry.length} cells) through saveReport`);
    console.log(`  audit entry per narrative autosave: mean ${Math.round(mean(narrativeEntry))} B, max ${Math.max(...narrativeEntry)} B  = ${(mean(narrativeEntry) / docBytes).toFixed(3)}× the document (previous shape: mean ${kb(mean(oldNarrative))} = ${(mean(oldNarrative) / docBytes).toFixed(2)}×); goal ≤ ${GOAL_BYTES} B: ${Math.max(...narrativeEntry) <= GOAL_BYTES ? "met" : "NOT met"}`);
    console.log(`  audit entry per cell autosave: mean ${Math.round(mean(cellEntry))} B, max ${Math.max(...cellEntry)} B`);
    const season = perSave * SEASON;
    const oldSeason = (perSave - mean(narrativeEntry.concat(cellEntry)) + mean(oldEntry)) * SEASON;
    console.log(`  on disk (rows + indexes, dbstat): ${Math.round(perSave)} B per autosave = ${(perSave / docBytes).toFixed(3)}× the document → a season of 1,000 agencies × 2,000 autosaves ≈ ${(season / 1e9).toFixed(2)} GB (previous shape ≈ ${(oldSeason / 1e9).toFixed(1)} GB); goal ≤ 2 GB: ${season <= GOAL_SEASON ? "met" : "NOT met"}`);
    console.log(`  cost in the save path: making + verifying the delta median ${(median(deltaMs) * 1000).toFixed(0)} µs (previous shape: cell diff + JSON of the sections ${(median(oldMs) * 1000).toFixed(0)} µs); whole autosave median ${median(saveMs).toFixed(2)} ms`);
    tableRow({ what: "audit storage per narrative autosave", measured: `${Math.round(mean(narrativeEntry))} B (max ${Math.max(...narrativeEntry)} B); season ≈ ${(season / 1e9).toFixed(2)} GB`, reference: `the whole document ${kb(docBytes)}`, ratio: mean(narrativeEntry) / docBytes, goal: `≤ ${GOAL_BYTES} B, season ≤ 2 GB`, met: Math.max(...narrativeEntry) <= GOAL_BYTES && season <= GOAL_SEASON });
    console.log(`  replay of all ${texts.size} versions: ${replayMs.toFixed(0)} ms, every one byte-exact`);
    sqlite.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
