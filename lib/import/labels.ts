// The template's labels of one table, indexed for matching printed cells against them.
//
// Every label comes from the edition data (lib/template); none is written here. A printed cell
// matches a label when their normalised forms (normalize.ts) are equal, or one is a prefix of the
// other — printed labels carry annotations (「现行有效件数（历史累计）」) or are cut off by scraping
// (「本年新」, seed 001) — or, as a last resort, when they differ by a typo or two
// (「2.其他法律行政止公开」).

import { EDITIONS, plainLabel, type BlockDef, type Edition, type RowDef, type TableDef, type TableKey } from "../template";
import { hasHan, normalizeLabel, splitNumbering } from "./normalize";
import { levenshtein } from "./similarity";

export type LabelTarget =
  /** The table's title or its section heading printed inside/above the table. */
  | { type: "tableTitle" }
  /** 「第二十条第（一）项」: starts a block of table 二. */
  | { type: "blockTitle"; block: BlockDef }
  /** 「信息内容」, table 三's 勾稽关系 note: the cell above the row labels. */
  | { type: "corner" }
  /** A data column; the same column (key and label) may occur in several blocks. */
  | { type: "column"; key: string; label: string; blocks: BlockDef[] }
  | { type: "columnGroup"; key: string; label: string }
  /** A data row. */
  | { type: "row"; row: RowDef; block: BlockDef }
  /** A row group label (「（三）不予公开」), with the data rows under it in template order. */
  | { type: "rowGroup"; key: string; label: string; rows: RowDef[]; block: BlockDef };

export interface LabelEntry {
  target: LabelTarget;
  /** The label as in the template. */
  label: string;
  norm: string;
  numbering: string;
  core: string;
}

export interface LabelIndex {
  edition: Edition;
  table: TableDef;
  entries: LabelEntry[];
}

/**
 * How a printed label matched, best first:
 * - exact: equal after normalisation;
 * - unnumbered: equal after dropping the template's numbering (the print has none);
 * - extended: the print continues after the full label (an annotation);
 * - truncated: the print is a cut-off beginning of the label (several labels may share it);
 * - fuzzy: a typo away (at most a quarter of the label's characters).
 */
export type MatchQuality = "exact" | "unnumbered" | "extended" | "truncated" | "fuzzy";

export interface LabelMatch {
  entry: LabelEntry;
  quality: MatchQuality;
  /** Every entry that matched equally well (more than one: ambiguous, e.g. a truncated header). */
  candidates: LabelEntry[];
}

function entry(target: LabelTarget, label: string): LabelEntry {
  const norm = normalizeLabel(label);
  const { numbering, core } = splitNumbering(norm);
  return { target, label, norm, numbering, core };
}

function buildIndex(edition: Edition, table: TableDef): LabelIndex {
  const entries: LabelEntry[] = [];
  const section = edition.sections.find((s) => s.tableKey === table.key);
  entries.push(entry({ type: "tableTitle" }, table.title));
  if (section) entries.push(entry({ type: "tableTitle" }, section.heading));

  const corner: LabelTarget = { type: "corner" };
  const corners = new Set<string>();
  const columns = new Map<string, Extract<LabelTarget, { type: "column" }>>();
  const columnGroups = new Map<string, LabelTarget>();
  const rowGroups = new Map<string, Extract<LabelTarget, { type: "rowGroup" }>>();

  for (const block of table.blocks) {
    if (block.title) entries.push(entry({ type: "blockTitle", block }, block.title));
    if (block.corner && !corners.has(block.corner.text)) {
      corners.add(block.corner.text);
      entries.push(entry(corner, block.corner.text));
    }
    for (const col of block.columns) {
      const id = `${col.key}\u0000${col.label}`;
      const known = columns.get(id);
      if (known) {
        known.blocks.push(block);
        continue;
      }
      const target: Extract<LabelTarget, { type: "column" }> = { type: "column", key: col.key, label: col.label, blocks: [block] };
      columns.set(id, target);
      entries.push(entry(target, col.label));
      if (plainLabel(col) !== col.label) entries.push(entry(target, plainLabel(col)));
      for (const g of col.groups ?? []) {
        if (columnGroups.has(g.key)) continue;
        const gt: LabelTarget = { type: "columnGroup", key: g.key, label: g.label };
        columnGroups.set(g.key, gt);
        entries.push(entry(gt, g.label));
      }
    }
    for (const row of block.rows) {
      const target: LabelTarget = { type: "row", row, block };
      entries.push(entry(target, row.label));
      if (plainLabel(row) !== row.label) entries.push(entry(target, plainLabel(row)));
      for (const g of row.groups ?? []) {
        let gt = rowGroups.get(g.key);
        if (!gt) {
          gt = { type: "rowGroup", key: g.key, label: g.label, rows: [], block };
          rowGroups.set(g.key, gt);
          entries.push(entry(gt, g.label));
        }
        gt.rows.push(row);
      }
    }
  }
  return { edition, table, entries };
}

const cache = new WeakMap<TableDef, LabelIndex>();

/** The label index of one table of an edition (cached). */
export function labelIndex(edition: Edition, tableKey: TableKey): LabelIndex {
  const table = edition.tables[tableKey];
  let idx = cache.get(table);
  if (!idx) {
    idx = buildIndex(edition, table);
    cache.set(table, idx);
  }
  return idx;
}

/** The label indexes of one table in every edition (for classifying tables and detecting the edition). */
export function allEditionIndexes(tableKey: TableKey): LabelIndex[] {
  return EDITIONS.map((e) => labelIndex(e, tableKey));
}

/** A continuation after a full label counts as an annotation only when it is clearly one. */
function annotationOk(rest: string, e: LabelEntry): boolean {
  if (rest === "") return false;
  // Short labels (「规章」「其他」) are extended only by a bracketed or non-Han annotation, so that
  // 「其他组织」 or 「规章制度」 do not pass for them.
  return [...e.core].length >= 4 || !hasHan(rest[0]!);
}

function truncationOk(core: string, e: LabelEntry): boolean {
  const n = [...core].length;
  return n >= 3 && n >= 0.4 * [...e.core].length;
}

const SCORES: Record<MatchQuality, number> = { exact: 100, unnumbered: 90, extended: 80, truncated: 50, fuzzy: 20 };

function score(norm: string, numbering: string, core: string, e: LabelEntry, fuzzy: boolean): { s: number; q: MatchQuality } | undefined {
  if (norm === e.norm) return { s: SCORES.exact, q: "exact" };
  const unnumbered = numbering === "" && e.numbering !== "";
  if (unnumbered && core === e.core) return { s: SCORES.unnumbered, q: "unnumbered" };
  // Longer labels win among extended matches (「（二）部分公开（区分…）」 over 「（二）部分公开」).
  if (norm.startsWith(e.norm) && annotationOk(norm.slice(e.norm.length), e)) return { s: SCORES.extended + Math.min(9, e.norm.length / 10), q: "extended" };
  if (unnumbered && core.startsWith(e.core) && annotationOk(core.slice(e.core.length), e)) {
    return { s: SCORES.extended - 5 + Math.min(4, e.core.length / 10), q: "extended" };
  }
  if (numbering === e.numbering && e.core.startsWith(core) && truncationOk(core, e)) return { s: SCORES.truncated, q: "truncated" };
  if (unnumbered && e.core.startsWith(core) && truncationOk(core, e)) return { s: SCORES.truncated - 5, q: "truncated" };
  if (fuzzy && numbering === e.numbering) {
    const len = [...e.core].length;
    if (len >= 5) {
      const max = Math.floor(len / 4);
      const d = levenshtein(core, e.core, max);
      if (d <= max) return { s: SCORES.fuzzy - d, q: "fuzzy" };
    }
  }
  return undefined;
}

/**
 * The best-matching label of the index for a printed cell, or undefined. Candidates that share the
 * best score are all returned (`candidates`), deduplicated by target.
 */
export function matchLabel(index: LabelIndex, printed: string, opts: { fuzzy?: boolean } = {}): LabelMatch | undefined {
  const norm = normalizeLabel(printed);
  if (norm === "" || [...norm].length > 120) return undefined;
  const { numbering, core } = splitNumbering(norm);
  if (core === "") return undefined;
  let best = -1;
  let quality: MatchQuality = "exact";
  let found: LabelEntry[] = [];
  for (const e of index.entries) {
    const r = score(norm, numbering, core, e, opts.fuzzy ?? true);
    if (!r) continue;
    if (r.s > best) {
      best = r.s;
      quality = r.q;
      found = [e];
    } else if (r.s === best && !found.some((f) => f.target === e.target)) {
      found.push(e);
    }
  }
  const first = found[0];
  return first ? { entry: first, quality, candidates: found } : undefined;
}

/** Score used to classify a source table: exact-ish matches count 2, truncated 1, fuzzy nothing. */
export function matchWeight(m: LabelMatch | undefined): number {
  if (!m) return 0;
  if (m.quality === "fuzzy") return 0;
  return m.quality === "truncated" ? 1 : 2;
}
