// 本级与下级合计 (issue 18 §2): a government's own report against the sum of its departments' and
// subordinate governments' reports, where the office's scope says they should agree.
//
// The rule (docs/quality-check.md):
// - Who: every agency of the run whose report is checked and that has subordinate agencies in the
//   office's scope (its children in the hierarchy, as the roll-up and the dashboard read it).
// - Against what: the cell-by-cell sum of its direct subordinates' reports in the same run (the
//   roll-up's own sum, lib/rollup rollUp: a subordinate government's report already covers its own
//   subordinates, so only direct children are added).
// - Which cells: the 总计 column of table 三 (依申请: 本年新收, 上年结转, every 办理结果 row, 总计,
//   结转下年度) — the cells of the applications table that the template derives along the row —
//   read from the template of the year's edition, never listed by hand.
// - Relation (the scheme's rollupRule): "equal" (default), "atLeast" (the report adds its own 本级
//   handling to the sum), "off".
// - Only when the sum is complete: every direct subordinate has a readable report of the year's
//   edition in the run. Otherwise one 提示 (info, no deduction) names who is missing, and nothing
//   else is said. A cell left blank in the report, or blank in every subordinate's, is not compared.
// Pure and linear in (reports × cells).
import type { ReportDoc } from "../data";
import { rollUp, type RollupSource } from "../rollup";
import { allCells, editionForYear, getEdition, type CellRef, type EditionId } from "../template";
import { QUALITY_RULES } from "./kinds";
import type { Finding } from "./types";

export const ROLLUP_RELATIONS = ["equal", "atLeast", "off"] as const;
export type RollupRelation = (typeof ROLLUP_RELATIONS)[number];

/** An agency of the office's scope with its place in the hierarchy. */
export interface ScopeAgency {
  id: number;
  name: string;
  parentId: number | null;
}

/** One counted report of the run. */
export interface RollupCheckEntry {
  key: string;
  agencyId?: number;
  report?: ReportDoc;
}

const cellCache = new Map<EditionId, readonly { ref: CellRef; label: string; table: "applications"; row: string; column: string }[]>();

/** The cells that must agree: the applications table's 总计 column (derived along the row), from the template. */
export function rollupCells(edition: EditionId): readonly { ref: CellRef; label: string; row: string; column: string }[] {
  let cells = cellCache.get(edition);
  if (!cells) {
    cells = allCells(getEdition(edition))
      .filter((c) => c.table === "applications" && c.formulas.some((f) => f.along === "row"))
      .map((c) => ({ ref: c.ref, label: c.label, table: "applications" as const, row: c.row, column: c.column }));
    cellCache.set(edition, cells);
  }
  return cells;
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

function finding(rule: "rollup.sum" | "rollup.incomplete", message: string, extra: Partial<Finding>): Finding {
  const def = QUALITY_RULES[rule];
  return { rule, kind: def.kind, severity: def.severity, message, ...extra };
}

/** The 本级与下级合计 findings of the run, per entry key (entries without any are absent). */
export function rollupFindings(year: number, entries: readonly RollupCheckEntry[], scope: readonly ScopeAgency[], relation: RollupRelation = "equal"): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  const edition = editionForYear(year);
  if (relation === "off" || !edition) return out;
  const children = new Map<number, ScopeAgency[]>();
  for (const a of scope) {
    if (a.parentId == null) continue;
    const list = children.get(a.parentId) ?? [];
    list.push(a);
    children.set(a.parentId, list);
  }
  // The report counted for each agency (the first readable one).
  const reportOf = new Map<number, ReportDoc>();
  for (const e of entries) if (e.agencyId !== undefined && e.report && !reportOf.has(e.agencyId)) reportOf.set(e.agencyId, e.report);
  const cells = rollupCells(edition);

  for (const e of entries) {
    if (e.agencyId === undefined || !e.report || reportOf.get(e.agencyId) !== e.report) continue;
    const subs = children.get(e.agencyId);
    if (!subs?.length || e.report.edition !== edition) continue;
    const missing = subs.filter((s) => !reportOf.has(s.id)).map((s) => s.name);
    const sources: RollupSource[] = subs
      .filter((s) => reportOf.has(s.id))
      .map((s) => ({ agencyId: s.id, agencyName: s.name, reportId: 0, state: "published", edition: reportOf.get(s.id)!.edition, tables: reportOf.get(s.id)!.tables }));
    const sum = rollUp(year, e.report.agency.name, sources);
    const otherEdition = sum.excluded.map((x) => `${x.agencyName}（${x.reason}）`);
    if (missing.length || otherEdition.length) {
      const why = [missing.length ? `${missing.join("、")}的年报未计入本次检查` : "", otherEdition.length ? `${otherEdition.join("、")}` : ""].filter(Boolean).join("；");
      out.set(e.key, [finding("rollup.incomplete", `未核对本级年报与下级单位年报合计：${why}`, { agencies: [...missing, ...sum.excluded.map((x) => x.agencyName)] })]);
      continue;
    }
    const summed = sum.included.map((m) => m.agencyName);
    const list: Finding[] = [];
    for (const c of cells) {
      const expected = num(sum.doc.tables.applications[c.row]?.[c.column]);
      const actual = num(e.report.tables.applications[c.row]?.[c.column]);
      if (expected === null || actual === null) continue;
      const wrong = relation === "equal" ? Math.abs(actual - expected) > 1e-9 : actual < expected - 1e-9;
      if (!wrong) continue;
      const parts = sources.map((s) => `${s.agencyName} ${num(s.tables.applications?.[c.row]?.[c.column]) ?? "空白"}`).join("，");
      list.push(
        finding(
          "rollup.sum",
          relation === "equal"
            ? `${c.label}：填报 ${actual}，${summed.length} 个下级单位年报合计 ${expected}，应相等`
            : `${c.label}：填报 ${actual}，少于 ${summed.length} 个下级单位年报合计 ${expected}`,
          { cell: c.ref, reported: actual, computed: expected, agencies: summed, text: `合计 ${expected} = ${parts}` },
        ),
      );
    }
    if (list.length) out.set(e.key, list);
  }
  return out;
}
