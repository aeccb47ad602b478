// Reading the statutory tables 二/三/四 out of printed tables.
//
// 1. Classify: which template table a printed table is, by how many of its cells are that table's
//    labels (any edition). Position in the document does not matter.
// 2. Edition: which edition's labels the printed tables use (format-2021.md §8: the 2019 tables are
//    still printed for 2021+ years). Decided from the table structure; the year only breaks ties.
// 3. Read: every printed row whose label matches a template row gives that row's values
//    (table-reader.ts), placed by the headers above them in grids (grid-table.ts: HTML, docx) or in
//    template column order in text (text/read-table.ts).
// Nothing is fixed up: printed totals are kept; whatever cannot be placed is reported.

import { EDITIONS, TABLE_KEYS, editionForYear, type Edition, type EditionId, type TableKey } from "../template";
import type { TableData } from "../data";
import { readGridTable } from "./grid-table";
import { allEditionIndexes, labelIndex, matchLabel, matchWeight, type LabelIndex } from "./labels";
import { excerpt, normalizeLabel } from "./normalize";
import type { Notes } from "./notes";
import type { SourceCell, SourceTable } from "./source";
import { TableReader } from "./table-reader";
import { readTextTable } from "./text/read-table";
import type { SourceLocation } from "./types";
import { parseCellValue } from "./values";

// ------------------------------------------------------------------------------- classification

const TABLE_ORDER: readonly TableKey[] = TABLE_KEYS;

/** The distinct non-empty, non-numeric texts of a table (labels, notes, stray text). */
function labelTexts(t: SourceTable): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const row of t.rows) {
    for (const cell of row) {
      const p = parseCellValue(cell.text);
      if (p.type !== "text") continue;
      const n = normalizeLabel(cell.text);
      if (n === "" || seen.has(n)) continue;
      seen.add(n);
      out.push(cell.text);
    }
  }
  return out;
}

/** How many of the printed texts are labels of `tableKey` in the given editions' indexes. */
function labelScore(texts: readonly string[], indexes: readonly LabelIndex[]): number {
  let score = 0;
  for (const text of texts) {
    let best = 0;
    for (const idx of indexes) best = Math.max(best, matchWeight(matchLabel(idx, text, { fuzzy: false })));
    score += best;
  }
  return score;
}

/**
 * Which statutory table a printed table is (undefined: none). Needs a few matching labels, and
 * a clear winner: a table of two or three stray words is not a statutory table.
 */
export function classifyTable(t: SourceTable): { key: TableKey; score: number } | undefined {
  const texts = labelTexts(t);
  // 「表二　主动公开政府信息情况」: a caption names the table; its 「表二」 is our numbering, not a label.
  if (t.caption) texts.push(t.caption.trim().replace(/^表\s*[一二三四五六七八九十\d]+[\s、.:：　]*/u, ""));
  const scores = TABLE_ORDER.map((key) => ({ key, score: labelScore(texts, allEditionIndexes(key)) }));
  scores.sort((a, b) => b.score - a.score);
  const [best, second] = scores;
  if (!best || best.score < 3 || (second && second.score === best.score)) return undefined;
  return best;
}

/**
 * True when a table too small to classify on its own continues the statutory table printed just
 * before it (a table split across pages, or a CMS that cut it): it has at least one of its labels.
 */
export function continuesTable(t: SourceTable, key: TableKey): boolean {
  return labelScore(labelTexts(t), allEditionIndexes(key)) >= 1;
}

export interface ClassifiedTable {
  table: SourceTable;
  key: TableKey;
}

/**
 * The edition whose labels the printed tables use: each distinct printed label counts for every
 * edition it matches (2 exact, 1 truncated), so only the labels that differ between editions
 * decide. No tables, or a tie (e.g. only table 四, identical in both): the edition of the year.
 */
export function detectEdition(tables: readonly ClassifiedTable[], year: number): { edition: EditionId; basis: "tables" | "year" } {
  const byYear = editionForYear(year) ?? EDITIONS[0].id;
  if (tables.length === 0) return { edition: byYear, basis: "year" };
  const scores = EDITIONS.map((e) => ({
    id: e.id,
    score: tables.reduce((s, t) => s + labelScore(labelTexts(t.table), [labelIndex(e, t.key)]), 0),
  }));
  const max = Math.max(...scores.map((s) => s.score));
  const winners = scores.filter((s) => s.score === max);
  if (winners.length === 1) return { edition: winners[0]!.id, basis: "tables" };
  return { edition: byYear, basis: "year" };
}

/** A template cell's value and where it was printed (issue 15 §6). */
export interface PlacedCell {
  /** "table.row.column". */
  cell: string;
  at: SourceLocation;
  /** The cell as printed. */
  printed: string;
  /** The printed row (grid row, or line of text) holding it, cells joined with 「 | 」. */
  source: string;
  /** Where that row starts. */
  sourceAt: SourceLocation;
}

/** Longest printed row kept as evidence (a run-together line can hold a whole table). */
const MAX_SOURCE_ROW = 300;
/** Cells shown either side of a value in a row longer than 2 × this + 1. */
const ROW_WINDOW = 7;

/** An edition's table read from the printed tables classified as it (in document order). */
export function readTable(
  edition: Edition,
  key: TableKey,
  sources: readonly SourceTable[],
  notes: Notes,
): {
  data: TableData;
  found: boolean;
  unknown: string[];
  unknownWhy: Record<string, string>;
  placed: PlacedCell[];
  amountsAsPrinted: Record<string, string>;
} {
  const reader = new TableReader(edition, key, notes);
  for (const s of sources) {
    reader.found = true;
    if (s.grid) readGridTable(reader, s);
    else readTextTable(reader, s);
  }
  reader.finish();
  const unknown = [...reader.unknown].filter((ref) => reader.data[ref.split(".")[1]!]?.[ref.split(".")[2]!] === null);
  const unknownWhy = Object.fromEntries(unknown.map((ref) => [ref, reader.unknownWhy.get(ref) ?? "原文未给出"]));
  // The printed row of every source cell, to show beside the placed value: a long row (a whole
  // table run together on one line) as its first cell and the cells around the value.
  const rowOf = new Map<SourceCell, { text: string; at: SourceLocation }>();
  for (const s of sources) {
    for (const row of s.rows) {
      const cells = row.filter((c) => c.text.trim() !== "");
      const first = cells[0];
      if (!first) continue;
      const whole = cells.length <= ROW_WINDOW * 2 + 1 ? excerpt(cells.map((c) => c.text.trim()).join(" | "), MAX_SOURCE_ROW) : undefined;
      cells.forEach((c, i) => {
        let text = whole;
        if (text === undefined) {
          const from = Math.max(1, i - ROW_WINDOW);
          const around = cells.slice(from, i + ROW_WINDOW + 1).map((x) => excerpt(x.text, 40));
          text = `${excerpt(first.text, 40)}${from > 1 ? " | …" : ""} | ${around.join(" | ")}${i + ROW_WINDOW + 1 < cells.length ? " | …" : ""}`;
        }
        rowOf.set(c, { text, at: first.loc });
      });
    }
  }
  const placed: PlacedCell[] = [];
  for (const [ref, cell] of reader.filled) {
    const [, row, col] = ref.split(".");
    if (reader.data[row!]?.[col!] === null || reader.data[row!]?.[col!] === undefined) continue;
    const r = rowOf.get(cell);
    placed.push({ cell: ref, at: cell.loc, printed: excerpt(cell.text, 40), source: r?.text ?? excerpt(cell.text, 40), sourceAt: r?.at ?? cell.loc });
  }
  return { data: reader.data, found: reader.found, unknown, unknownWhy, placed, amountsAsPrinted: reader.amountsAsPrinted };
}
