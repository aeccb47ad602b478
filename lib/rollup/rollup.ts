// The supervising office's roll-up (汇总): the cell-by-cell sum of its agencies' statutory tables
// for one year. Pure: the server loads the agencies' reviewed reports and hands them in here; the
// rolled-up tables come out as an ordinary `nianbao/report@1` document, so the same rule engine
// validates them and the same renderers print them.
//
// Every cell is summed as stored — totals included — rather than recomputed from the summed inputs:
// the rule engine then checks the rolled-up totals against their addends, which is a real check of
// the data that went in, not a consistency true by construction.

import { emptyReport, type ReportDoc, type ReportTables } from "../data";
import { validateReport, type Issue, type ValidationResult } from "../rules";
import { allCells, cellInfo, editionForYear, getEdition, type CellInfo, type CellRef, type EditionId } from "../template";

/** Which reviewed versions count: 已通过 (approved, not yet published) and/or 已发布. */
export const ROLLUP_STATES = ["approved", "published"] as const;
export type RollupState = (typeof ROLLUP_STATES)[number];
export const ROLLUP_STATE_LABELS: Record<RollupState, string> = { approved: "已通过（尚未发布）", published: "已发布" };

/** One agency's reviewed report, as the roll-up reads it. */
export interface RollupSource {
  agencyId: number;
  agencyName: string;
  reportId: number;
  /** Which kind of reviewed version this is. */
  state: RollupState;
  edition: string;
  /** Only the tables are read. */
  tables: Partial<ReportTables>;
  /**
   * The same values as a flat list in the order of the edition's cells (`allCells`), when the
   * loader has them that way (db/rollup-data.ts): the sum then reads these and never `tables`.
   */
  values?: readonly (number | null)[];
}

export interface RollupMember {
  agencyId: number;
  agencyName: string;
  reportId: number;
  state: RollupState;
}

/** An included report that is not filled in completely (its blank input cells count as nothing). */
export interface RollupIncomplete extends RollupMember {
  /** How many input cells of its three tables are blank. */
  blankCells: number;
}

export interface RollupExclusion extends RollupMember {
  /** Chinese: why the report is not in the sum. */
  reason: string;
}

export interface RollupResult {
  year: number;
  edition: EditionId;
  /** The summed tables as a report of the office (narrative empty). */
  doc: ReportDoc;
  included: RollupMember[];
  excluded: RollupExclusion[];
  /**
   * Included reports with blank input cells (published before the completeness gate, or imported):
   * the sum is not presented as clean while one of them is in it.
   */
  incomplete: RollupIncomplete[];
  /** Per cell: how many included reports have a value (not blank) in it. */
  filled: Record<CellRef, number>;
}

interface Slot {
  ref: CellRef;
  table: CellInfo["table"];
  row: string;
  column: string;
}

const slotCache = new Map<EditionId, readonly Slot[]>();
function slotsOf(edition: EditionId): readonly Slot[] {
  let s = slotCache.get(edition);
  if (!s) {
    s = allCells(getEdition(edition)).map((c) => ({ ref: c.ref, table: c.table, row: c.row, column: c.column }));
    slotCache.set(edition, s);
  }
  return s;
}

const numberOrNull = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

function valueAt(tables: Partial<ReportTables>, slot: Slot): number | null {
  return numberOrNull(tables[slot.table]?.[slot.row]?.[slot.column]);
}

/** The value of cell number `i` (in `allCells` order) of a source. */
function sourceValue(src: RollupSource, slots: readonly Slot[], i: number): number | null {
  return src.values ? numberOrNull(src.values[i]) : valueAt(src.tables, slots[i]!);
}

/** The nested tables of an edition from its cell values in `allCells` order (blank cells as null). */
export function tablesFromValues(edition: EditionId, values: readonly (number | null)[]): Partial<ReportTables> {
  const tables: Partial<ReportTables> = {};
  slotsOf(edition).forEach((s, i) => {
    const t = (tables[s.table] ??= {});
    (t[s.row] ??= {})[s.column] = numberOrNull(values[i]);
  });
  return tables;
}

/**
 * Round away the binary noise of adding many decimals (0.1 + 0.2); 万元 amounts are given to at
 * most 4 decimals (1 元), so 6 decimals keep every real digit.
 */
function clean(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/**
 * Sum the tables of `sources` for `year`. Reports in another edition than the year's (an imported
 * report that used the 2019 tables in 2021 or later) cannot be added cell by cell: they are listed
 * in `excluded` with the reason, never silently dropped. A cell stays blank when every included
 * report left it blank (blank ≠ 0).
 */
export function rollUp(year: number, officeName: string, sources: Iterable<RollupSource>): RollupResult {
  const edition = editionForYear(year);
  if (!edition) throw new RangeError(`${year} 年没有法定年报格式`);
  const slots = slotsOf(edition);
  const sums = new Float64Array(slots.length);
  const counts = new Int32Array(slots.length);
  const included: RollupMember[] = [];
  const excluded: RollupExclusion[] = [];
  const incomplete: RollupIncomplete[] = [];
  const inputs = slots.map((s) => !cellInfo(getEdition(edition), s.ref)!.derived);
  for (const src of sources) {
    const member: RollupMember = { agencyId: src.agencyId, agencyName: src.agencyName, reportId: src.reportId, state: src.state };
    if (src.edition !== edition) {
      excluded.push({ ...member, reason: `使用${src.edition}年版表格（${year}年度应使用${edition}年版），无法逐格汇总` });
      continue;
    }
    included.push(member);
    let blank = 0;
    for (let i = 0; i < slots.length; i++) {
      const v = sourceValue(src, slots, i);
      if (v !== null) {
        sums[i] = sums[i]! + v;
        counts[i] = counts[i]! + 1;
      } else if (inputs[i]) blank++;
    }
    if (blank) incomplete.push({ ...member, blankCells: blank });
  }
  const doc = emptyReport(edition, officeName, year);
  const filled: Record<CellRef, number> = {};
  for (let i = 0; i < slots.length; i++) {
    const s = slots[i]!;
    filled[s.ref] = counts[i]!;
    doc.tables[s.table][s.row]![s.column] = counts[i] ? clean(sums[i]!) : null;
  }
  return { year, edition, doc, included, excluded, incomplete, filled };
}

export interface Contribution extends RollupMember {
  value: number;
}

/** Drill-down: the agencies whose value makes up a rolled-up cell (blank cells contribute nothing), largest first. */
export function contributionsTo(ref: CellRef, year: number, sources: Iterable<RollupSource>): Contribution[] {
  const edition = editionForYear(year);
  const slots = edition ? slotsOf(edition) : [];
  const index = slots.findIndex((s) => s.ref === ref);
  if (index < 0) return [];
  const out: Contribution[] = [];
  for (const src of sources) {
    if (src.edition !== edition) continue;
    const v = sourceValue(src, slots, index);
    if (v !== null) out.push({ agencyId: src.agencyId, agencyName: src.agencyName, reportId: src.reportId, state: src.state, value: v });
  }
  return out.sort((a, b) => b.value - a.value || a.agencyName.localeCompare(b.agencyName, "zh-CN"));
}

/**
 * The roll-up checked by the same rules as any report. Narrative and document-level rules are left
 * out: a roll-up has no text of its own, and its meta is generated.
 */
export function validateRollup(result: RollupResult): ValidationResult {
  const all = validateReport(result.doc);
  const issues: Issue[] = all.issues.filter((i) => !i.rule.startsWith("narrative.") && !i.rule.startsWith("document."));
  const errors = issues.filter((i) => i.severity === "error").length;
  const warnings = issues.filter((i) => i.severity === "warning").length;
  return { ok: errors === 0, errors, warnings, issues };
}

/** The verdict line of a roll-up: never 「无错误」 alone while an incomplete report is summed in. */
export function rollupVerdict(result: RollupResult, validation: ValidationResult): { clean: boolean; text: string } {
  const parts: string[] = [];
  parts.push(validation.errors ? `${validation.errors} 个错误` : "无错误");
  if (validation.warnings) parts.push(`${validation.warnings} 个警告`);
  if (result.incomplete.length) {
    const who = result.incomplete.map((m) => `${m.agencyName}（${m.blankCells} 个单元格空白）`).join("、");
    parts.push(`${result.incomplete.length} 份计入的年报未填写完整：${who}，其空白单元格未计入，汇总数可能偏小`);
  }
  return { clean: validation.errors === 0 && result.incomplete.length === 0, text: parts.join("，") };
}
