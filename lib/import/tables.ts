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

import { EDITIONS, editionForYear, type Edition, type EditionId, type TableKey } from "../template";
import type { TableData } from "../data";
import { readGridTable } from "./grid-table";
import { allEditionIndexes, labelIndex, matchLabel, matchWeight, type LabelIndex } from "./labels";
import { normalizeLabel } from "./normalize";
import type { Notes } from "./notes";
import type { SourceTable } from "./source";
import { TableReader } from "./table-reader";
import { readTextTable } from "./text/read-table";
import { parseCellValue } from "./values";

// ------------------------------------------------------------------------------- classification

const TABLE_ORDER: readonly TableKey[] = ["proactive", "applications", "appeals"];

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

/** An edition's table read from the printed tables classified as it (in document order). */
export function readTable(
  edition: Edition,
  key: TableKey,
  sources: readonly SourceTable[],
  notes: Notes,
): { data: TableData; found: boolean; unknown: string[]; amountsAsPrinted: Record<string, string> } {
  const reader = new TableReader(edition, key, notes);
  for (const s of sources) {
    reader.found = true;
    if (s.grid) readGridTable(reader, s);
    else readTextTable(reader, s);
  }
  reader.finish();
  const unknown = [...reader.unknown].filter((ref) => reader.data[ref.split(".")[1]!]?.[ref.split(".")[2]!] === null);
  return { data: reader.data, found: reader.found, unknown, amountsAsPrinted: reader.amountsAsPrinted };
}
