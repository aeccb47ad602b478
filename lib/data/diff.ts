// What changed between two versions of a report: the list of changed cells (old → new, with their
// official labels) and of changed narrative parts. Used for conflict explanations, the audit log
// and version comparison.
import { allCells, getEdition, NARRATIVE_KEYS, type CellRef, type NarrativeKey, type TableKey } from "../template";
import type { CellValue, ReportDoc } from "./types";
import { HEADER_FIELDS } from "./header-fields";

export interface CellChange {
  ref: CellRef;
  label: string;
  before: CellValue;
  after: CellValue;
}

export interface TextChange {
  /** "narrative.overview", "meta.preamble", … */
  path: string;
  label: string;
  before: string;
  after: string;
}

export interface ReportDiff {
  cells: CellChange[];
  texts: TextChange[];
}

const META_LABELS: Record<string, string> = {
  title: "标题",
  preamble: "引言",
  signature: "落款单位",
  date: "成文日期",
  ...Object.fromEntries(HEADER_FIELDS.map((f) => [f.key, f.label])),
};

/** getCell without re-parsing the reference (diffReports runs on every autosave, over every cell). */
function valueAt(report: ReportDoc, c: { table: TableKey; row: string; column: string }): CellValue {
  const v = report.tables[c.table]?.[c.row]?.[c.column];
  return typeof v === "number" ? v : null;
}

function narrativeLabel(report: ReportDoc, key: NarrativeKey): string {
  return getEdition(report.edition).sections.find((s) => s.narrativeKey === key)?.heading ?? key;
}

/** Differences from `a` to `b` (same edition expected; cells only one of them has count as blank). */
export function diffReports(a: ReportDoc, b: ReportDoc): ReportDiff {
  const cells: CellChange[] = [];
  const seen = new Set<string>();
  for (const edition of [a.edition, b.edition]) {
    for (const c of allCells(getEdition(edition))) {
      if (seen.has(c.ref)) continue;
      seen.add(c.ref);
      const before = valueAt(a, c);
      const after = valueAt(b, c);
      if (before !== after) cells.push({ ref: c.ref, label: c.label, before, after });
    }
  }
  const texts: TextChange[] = [];
  for (const key of NARRATIVE_KEYS) {
    const before = a.narrative?.[key] ?? "";
    const after = b.narrative?.[key] ?? "";
    if (before !== after) texts.push({ path: `narrative.${key}`, label: narrativeLabel(b, key), before, after });
  }
  for (const [key, label] of Object.entries(META_LABELS)) {
    const before = String(a.meta?.[key] ?? "");
    const after = String(b.meta?.[key] ?? "");
    if (before !== after) texts.push({ path: `meta.${key}`, label, before, after });
  }
  return { cells, texts };
}

export function isEmptyDiff(d: ReportDiff): boolean {
  return d.cells.length === 0 && d.texts.length === 0;
}

/** One line per change, in Chinese, for logs and short explanations. */
export function describeDiff(d: ReportDiff, limit = 20): string[] {
  const show = (v: CellValue) => (v === null ? "未填写" : String(v));
  const lines = [
    ...d.cells.map((c) => `${c.label}：${show(c.before)} → ${show(c.after)}`),
    ...d.texts.map((t) => `「${t.label}」文字修改（${t.before.length} 字 → ${t.after.length} 字）`),
  ];
  return lines.length > limit ? [...lines.slice(0, limit), `……另有 ${lines.length - limit} 处修改`] : lines;
}
