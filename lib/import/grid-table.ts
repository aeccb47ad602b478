// Tables that are real grids (HTML, docx): header cells with rowspan/colspan cover the grid, so a
// value's column is the template column whose header is above it — an extra column is recognised
// as such instead of shifting the values after it.

import type { BlockDef } from "../template";
import type { LabelMatch } from "./labels";
import { excerpt } from "./normalize";
import type { SourceCell, SourceTable } from "./source";
import { isHeaderClass, isRowStartClass, isValueLikeText, type Assigned, type CellClass, type RowStart, type TableReader } from "./table-reader";

/** Where a grid column's values go, from the header cells above it. */
type ColumnPlace =
  | { type: "column"; key: string; cell: SourceCell }
  | { type: "cell"; row: string; key: string; cell: SourceCell }
  | { type: "unknown"; cell: SourceCell }
  | { type: "label" };

/**
 * Reads a grid table row by row: header rows (column labels, or unknown text before any data)
 * form a band that tells each grid column where its values go; a row with a row label places
 * its value cells by that; block title rows (table 二) start a new band.
 */
export function readGridTable(reader: TableReader, t: SourceTable): void {
  const cover: (SourceCell | undefined)[][] = [];
  for (const row of t.rows) {
    for (const cell of row) {
      for (let r = cell.row; r < cell.row + cell.rowSpan; r++) {
        for (let c = cell.col; c < cell.col + cell.colSpan; c++) (cover[r] ??= [])[c] = cell;
      }
    }
  }
  let band: number[] = [];
  let places: (ColumnPlace | undefined)[] | undefined;
  let block: BlockDef | undefined;
  let dataSinceHeader = false;
  const closeBand = () => {
    if (band.length > 0) places = placesFromHeader(reader, cover, band, block, t.rows);
    band = [];
  };

  t.rows.forEach((cells, r) => {
    const cls = cells.map((c) => reader.classify(c));
    if (cls.every((c) => c.kind === "empty")) return;

    const titleAt = cls.findIndex((c) => c.kind === "label" && c.match.entry.target.type === "blockTitle");
    if (titleAt >= 0) {
      const tt = (cls[titleAt] as { match: LabelMatch }).match.entry.target;
      if (tt.type === "blockTitle") block = tt.block;
      band = [];
      places = undefined;
      dataSinceHeader = false;
      cells.forEach((c, i) => {
        if (i !== titleAt && cls[i]!.kind !== "empty") reader.strayText(c);
      });
      return;
    }
    const hasValue = cls.some((c) => c.kind === "value");

    if (reader.table.orientation === "columnGroups") {
      if (!hasValue) {
        if (dataSinceHeader) band = [];
        dataSinceHeader = false;
        band.push(r);
        return;
      }
      closeBand();
      dataSinceHeader = true;
      placeColumnGroupRow(reader, cells, cls, places);
      return;
    }

    const labelAt = rowLabelIndex(reader, cells, cls);
    // A row group label alone (its rows follow) is context, not a row.
    if (labelAt >= 0) {
      const lc = cls[labelAt]!;
      const after = cls.slice(labelAt + 1);
      if (lc.kind === "label" && lc.match.entry.target.type === "rowGroup" && !after.some((c) => c.kind !== "empty")) return;
    }
    if (labelAt >= 0 && (hasValue || cls[labelAt]!.kind === "label")) {
      closeBand();
      dataSinceHeader = true;
      cells.slice(0, labelAt).forEach((c, i) => {
        const k = cls[i]!;
        if (k.kind === "text") reader.strayText(c);
        else if (k.kind === "value") reader.strayValue(c);
      });
      const start = reader.startFor(cells[labelAt]!);
      placeRow(reader, start, cells.slice(labelAt + 1), places);
      return;
    }
    if (hasValue) {
      cells.forEach((c, i) => {
        if (cls[i]!.kind === "value") reader.strayValue(c);
      });
      return;
    }
    // No values: a header row (column labels, or unknown text before any data), else stray text.
    if (cls.some(isHeaderClass) || !dataSinceHeader) {
      if (dataSinceHeader) band = [];
      dataSinceHeader = false;
      band.push(r);
      return;
    }
    cells.forEach((c, i) => {
      if (cls[i]!.kind === "text") reader.strayText(c);
    });
  });
}

/**
 * Which cell of a grid row is its row label: among the cells before the first value, the last
 * template row label — unless a longer unknown text follows it (a row of another edition under
 * a label that is a row here: 2019's 「（六）其他处理」 before 2021's 「1.申请人…」); without any
 * template label, the first text (an unknown row). -1: no label.
 */
function rowLabelIndex(reader: TableReader, cells: readonly SourceCell[], cls: readonly CellClass[]): number {
  let firstValue = cls.findIndex((c) => c.kind === "value");
  if (firstValue < 0) firstValue = cls.length;
  let label = -1;
  for (let i = 0; i < firstValue; i++) if (isRowStartClass(cls[i])) label = i;
  for (let i = label + 1; i < firstValue; i++) {
    if (cls[i]!.kind === "text" && (label < 0 || !isValueLikeText(cells[i]!.text))) return i;
  }
  return label;
}

/**
 * For every grid column, where its values go: the deepest template column label above it (table
 * 四: the row group label and the column label above it), 「label」 for the columns under the
 * corner cell, or an unknown header. Truncated headers matching several columns are resolved by
 * position (seed 001's 「本年新」「本年新」).
 */
function placesFromHeader(reader: TableReader, 
  cover: (SourceCell | undefined)[][],
  band: number[],
  block: BlockDef | undefined,
  rows: readonly SourceCell[][],
): (ColumnPlace | undefined)[] {
  const width = Math.max(0, ...band.map((r) => cover[r]?.length ?? 0));
  const places: (ColumnPlace | undefined)[] = [];
  const leafOf: (SourceCell | undefined)[] = [];
  const unknownNoted = new Set<SourceCell>();
  for (let c = 0; c < width; c++) {
    const path: SourceCell[] = [];
    for (const r of band) {
      const cell = cover[r]?.[c];
      if (cell && path.at(-1) !== cell) path.push(cell);
    }
    const cls = path.map((p) => reader.classify(p));
    if (cls.some((k) => k.kind === "label" && k.match.entry.target.type === "corner")) {
      places[c] = { type: "label" };
      continue;
    }
    let leaf: SourceCell | undefined;
    let rowKey: string | undefined;
    cls.forEach((k, i) => {
      if (k.kind !== "label") return;
      const t = k.match.entry.target;
      if (t.type === "column") leaf = path[i];
      if (t.type === "row") rowKey = t.row.key;
    });
    if (reader.table.orientation === "columnGroups" && leaf && rowKey === undefined) leaf = undefined;
    if (leaf) {
      leafOf[c] = leaf;
      if (rowKey !== undefined) places[c] = { type: "cell", row: rowKey, key: "", cell: leaf };
      continue;
    }
    const unknown = [...path].reverse().find((p) => reader.classify(p).kind === "text");
    if (unknown) places[c] = { type: "unknown", cell: unknown };
  }
  // Resolve each leaf header cell once, left to right.
  const taken = new Set<string>();
  const leaves = [...new Set(leafOf.filter((x): x is SourceCell => x !== undefined))];
  for (const leaf of leaves) {
    const k = reader.classify(leaf);
    if (k.kind === "label" && k.match.candidates.length === 1 && k.match.quality !== "truncated" && k.match.entry.target.type === "column" && reader.table.orientation === "rows") {
      taken.add(k.match.entry.target.key);
    }
  }
  const resolved = new Map<SourceCell, string>();
  for (const leaf of leaves) {
    const k = reader.classify(leaf);
    if (k.kind !== "label") continue;
    const m = block ? restrictToBlock(reader, k.match, block) : k.match;
    const key = reader.table.orientation === "rows" ? reader.noteHeaderMatch(leaf, m, taken) : (m.entry.target as { key: string }).key;
    if (key !== undefined) resolved.set(leaf, key);
  }
  for (let c = 0; c < width; c++) {
    const leaf = leafOf[c];
    const key = leaf ? resolved.get(leaf) : undefined;
    const p = places[c];
    if (leaf && key !== undefined) {
      places[c] = p?.type === "cell" ? { ...p, key } : { type: "column", key, cell: leaf };
    }
    const u = places[c];
    if (u?.type === "unknown" && !unknownNoted.has(u.cell)) {
      unknownNoted.add(u.cell);
      reader.notes.unrecognize("column.unknown", u.cell.loc, `${reader.table.name}表头「${excerpt(u.cell.text)}」不是模板中的栏目，该列的数值未导入`, {
        table: reader.key,
        text: u.cell.text,
      });
    }
  }
  // Text in the header rows that is neither a header of a value column nor a known label
  // (「单位：件」 above the table, a note) is reported, not dropped.
  for (const r of band) {
    for (const cell of rows[r] ?? []) {
      if (reader.classify(cell).kind === "text" && !unknownNoted.has(cell)) reader.strayText(cell);
    }
  }
  return places;
}

function restrictToBlock(reader: TableReader, m: LabelMatch, block: BlockDef): LabelMatch {
  const inBlock = m.candidates.filter((c) => c.target.type !== "column" || c.target.blocks.includes(block));
  return inBlock.length > 0 && inBlock.length < m.candidates.length ? { ...m, entry: inBlock[0]!, candidates: inBlock } : m;
}

function placeOf(reader: TableReader, places: (ColumnPlace | undefined)[], cell: SourceCell): ColumnPlace | undefined {
  for (let c = cell.col; c < cell.col + cell.colSpan; c++) {
    const p = places[c];
    if (p) return p;
  }
  return undefined;
}

/** A grid row's values placed by the header above them (or in order, without a header). */
function placeRow(reader: TableReader, start: RowStart, valueCells: SourceCell[], places: (ColumnPlace | undefined)[] | undefined): void {
  const columns = reader.columnsOf(start);
  if (!places || !columns) {
    reader.byOrder(start, valueCells, false);
    return;
  }
  // A short row (its cells end before the last columns of the header: a cell was dropped, not
  // left blank) is not placed by position, which would shift its values left: it is read by
  // meaning where the template decides it, otherwise reported (issue 15 §3).
  const end = valueCells.reduce((m, c) => Math.max(m, c.col + c.colSpan), 0);
  const printed = valueCells.filter((c) => c.text.trim() !== "");
  const short = columns.some((col) => places.findIndex((p) => p?.type === "column" && p.key === col.key) >= end);
  if (short && printed.length > 0 && printed.length < columns.length && start.kind === "row") {
    reader.byOrder(start, printed, true);
    return;
  }
  const assigned: Assigned[] = [];
  const leftovers: SourceCell[] = [];
  for (const cell of valueCells) {
    const empty = cell.text.trim() === "";
    const p = placeOf(reader, places, cell);
    const column = p?.type === "column" ? columns.find((c) => c.key === p.key) : undefined;
    if (column) {
      const dup = assigned.findIndex((a) => a.column === column);
      if (dup < 0) assigned.push({ column, cell });
      else if (assigned[dup]!.cell.text.trim() === "") assigned[dup] = { column, cell };
      else if (!empty) reader.strayValue(cell);
      continue;
    }
    if (empty) continue;
    if (p?.type === "unknown") {
      reader.notes.unrecognize("value.extra", cell.loc, `${reader.table.name}表头「${excerpt(p.cell.text)}」列下的数值「${excerpt(cell.text, 12)}」未导入`, {
        table: reader.key,
        text: cell.text,
      });
      continue;
    }
    if (start.kind === "unknown") leftovers.push(cell);
    else if (reader.classify(cell).kind === "text") reader.strayText(cell);
    else reader.strayValue(cell);
  }
  reader.commit(start, assigned, leftovers);
}

function placeColumnGroupRow(reader: TableReader, cells: SourceCell[], cls: CellClass[], places: (ColumnPlace | undefined)[] | undefined): void {
  const valueCells = cells.filter((_, i) => cls[i]!.kind === "value" || cls[i]!.kind === "empty" || cls[i]!.kind === "text");
  if (!places) {
    const nonLabel = valueCells.filter((c) => {
      const k = reader.classify(c);
      return k.kind !== "text" || isValueLikeText(c.text);
    });
    reader.placeColumnGroups(nonLabel, false);
    return;
  }
  const block = reader.table.blocks[0]!;
  for (const cell of valueCells) {
    const p = placeOf(reader, places, cell);
    const empty = cell.text.trim() === "";
    if (p?.type === "cell") {
      const row = block.rows.find((r) => r.key === p.row);
      const column = block.columns.find((c) => c.key === p.key);
      if (row && column) {
        reader.seen.set(row.key, reader.seen.get(row.key) ?? cell);
        reader.put(row, column, cell);
        continue;
      }
    }
    if (empty) continue;
    if (p?.type === "unknown") {
      reader.notes.unrecognize("value.extra", cell.loc, `${reader.table.name}表头「${excerpt(p.cell.text)}」列下的数值「${excerpt(cell.text, 12)}」未导入`, {
        table: reader.key,
        text: cell.text,
      });
    } else if (reader.classify(cell).kind === "text") reader.strayText(cell);
    else reader.strayValue(cell);
  }
  cells.forEach((c, i) => {
    if (cls[i]!.kind === "label" && !isHeaderClass(cls[i])) reader.strayText(c);
  });
}
