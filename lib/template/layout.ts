// The printed layout of a statutory table, expanded into plain rows of cells with row/column spans,
// so that the HTML renderer, the .docx renderer and the form only have to loop over it.
//
// The layout is not written down cell by cell: it follows from the row and column trees of the
// template (groups → merged label cells) and the grid widths, exactly as the official tables merge
// them (format-2021.md §5, format-2019.md §3). The span arithmetic is tested for every table.

import { cellRef } from "./cells";
import type { BlockDef, CellKind, Edition, TableDef, TableKey } from "./types";

export interface LayoutCell {
  /** header = column/block header; label = row label; value = a data cell. */
  type: "header" | "label" | "value";
  /** Exact printed text (header and label cells), including the note if there is one. */
  text?: string;
  /** The in-cell note, a suffix of `text` (e.g. 「（单位：万元）」), for renderers that style it. */
  note?: string;
  /** Value cells: the cell reference "table.row.column". */
  cell?: string;
  kind?: CellKind;
  /** Value cells: a total, computed from other cells. */
  derived?: boolean;
  /** Omitted when 1. */
  rowSpan?: number;
  colSpan?: number;
}

export interface TableLayout {
  gridColumns: number;
  /** Header rows printed once at the top (repeat them on page breaks). Empty for table 二, whose blocks carry their own headers. */
  header: readonly (readonly LayoutCell[])[];
  body: readonly (readonly LayoutCell[])[];
}

interface PathNode {
  key: string;
  label: string;
  note?: string;
}

interface HeaderLeaf {
  path: PathNode[];
  span: number;
}

function withSpans(cell: LayoutCell, rowSpan: number, colSpan: number): LayoutCell {
  if (rowSpan > 1) cell.rowSpan = rowSpan;
  if (colSpan > 1) cell.colSpan = colSpan;
  return cell;
}

function textCell(type: "header" | "label", node: { label: string; note?: string }): LayoutCell {
  const cell: LayoutCell = { type, text: node.label };
  if (node.note) cell.note = node.note;
  return cell;
}

function samePrefix(a: PathNode[], b: PathNode[] | undefined, level: number): boolean {
  if (!b) return false;
  for (let i = 0; i <= level; i++) if (a[i]?.key !== b[i]?.key) return false;
  return true;
}

/**
 * Header rows from the paths of the leaf columns (outermost group first, the leaf last).
 * A group spans the consecutive leaves below it; a leaf that is shallower than the deepest one
 * spans the remaining header rows downwards.
 */
function headerRows(leaves: HeaderLeaf[], depth: number): LayoutCell[][] {
  const rows: LayoutCell[][] = Array.from({ length: depth }, () => []);
  leaves.forEach((leaf, i) => {
    const prev = leaves[i - 1];
    leaf.path.forEach((node, level) => {
      if (samePrefix(leaf.path, prev?.path, level)) return; // merged into the cell started before
      const row = rows[level]!;
      const isLeaf = level === leaf.path.length - 1;
      if (isLeaf) {
        row.push(withSpans(textCell("header", node), depth - level, leaf.span));
      } else {
        let width = 0;
        for (let j = i; j < leaves.length && samePrefix(leaf.path, leaves[j]!.path, level); j++) width += leaves[j]!.span;
        row.push(withSpans(textCell("header", node), 1, width));
      }
    });
  });
  return rows;
}

function columnPath(col: BlockDef["columns"][number]): PathNode[] {
  const leaf: PathNode = { key: `column:${col.key}`, label: col.label };
  if (col.note) leaf.note = col.note;
  return [...(col.groups ?? []).map((g) => ({ key: `group:${g.key}`, label: g.label })), leaf];
}

function valueCell(table: TableKey, rowKey: string, col: BlockDef["columns"][number], rowDerived: boolean): LayoutCell {
  const cell: LayoutCell = { type: "value", cell: cellRef(table, rowKey, col.key), kind: col.kind };
  if (rowDerived || col.derived) cell.derived = true;
  return withSpans(cell, 1, col.span ?? 1);
}

/** A block of a table printed with row labels on the left (tables 二 and 三). */
function rowsBlock(table: TableDef, block: BlockDef): { title: LayoutCell[][]; header: LayoutCell[][]; body: LayoutCell[][] } {
  const leaves = block.columns.map((c) => ({ path: columnPath(c), span: c.span ?? 1 }));
  const depth = Math.max(...leaves.map((l) => l.path.length));
  const header = headerRows(leaves, depth);
  if (table.labelColumns > 0) {
    const corner: LayoutCell = { type: "header", text: block.corner?.text ?? "" };
    if (block.corner?.note) corner.note = block.corner.note;
    header[0]!.unshift(withSpans(corner, depth, table.labelColumns));
  }

  const body: LayoutCell[][] = block.rows.map((row, i) => {
    const cells: LayoutCell[] = [];
    const groups = row.groups ?? [];
    const prevGroups = block.rows[i - 1]?.groups ?? [];
    groups.forEach((g, level) => {
      let continues = true;
      for (let l = 0; l <= level; l++) if (prevGroups[l]?.key !== groups[l]?.key) continues = false;
      if (continues) return; // covered by the label cell's rowSpan from an earlier row
      let height = 0;
      for (let j = i; j < block.rows.length; j++) {
        const gj = block.rows[j]!.groups ?? [];
        let same = true;
        for (let l = 0; l <= level; l++) if (gj[l]?.key !== groups[l]?.key) same = false;
        if (!same) break;
        height++;
      }
      cells.push(withSpans({ type: "label", text: g.label }, height, 1));
    });
    cells.push(withSpans(textCell("label", row), 1, table.labelColumns - groups.length));
    for (const col of block.columns) cells.push(valueCell(table.key, row.key, col, row.derived !== undefined));
    return cells;
  });

  const title: LayoutCell[][] = block.title
    ? [[withSpans({ type: "header", text: block.title }, 1, table.gridColumns)]]
    : [];
  return { title, header, body };
}

/** A table whose data rows are printed as column groups over a single row of values (table 四). */
function columnGroupsBlock(table: TableDef, block: BlockDef): { header: LayoutCell[][]; body: LayoutCell[][] } {
  const leaves: HeaderLeaf[] = [];
  const values: LayoutCell[] = [];
  for (const row of block.rows) {
    const rowPath: PathNode[] = [
      ...(row.groups ?? []).map((g) => ({ key: `group:${g.key}`, label: g.label })),
      { key: `row:${row.key}`, label: row.label },
    ];
    for (const col of block.columns) {
      leaves.push({ path: [...rowPath, ...columnPath(col)], span: col.span ?? 1 });
      values.push(valueCell(table.key, row.key, col, row.derived !== undefined));
    }
  }
  const depth = Math.max(...leaves.map((l) => l.path.length));
  return { header: headerRows(leaves, depth), body: [values] };
}

const layoutCache = new WeakMap<TableDef, TableLayout>();

/**
 * The printed layout of one table of an edition. A single untitled block (tables 三, 四) puts its
 * header rows in `header`; titled blocks (table 二) go entirely into `body`, each with its title row
 * and its own 「信息内容」 header row, as printed.
 */
export function tableLayout(edition: Edition, tableKey: TableKey): TableLayout {
  const table = edition.tables[tableKey];
  const cached = layoutCache.get(table);
  if (cached) return cached;

  let result: TableLayout;
  if (table.orientation === "columnGroups") {
    const parts = table.blocks.map((b) => columnGroupsBlock(table, b));
    result =
      parts.length === 1
        ? { gridColumns: table.gridColumns, header: parts[0]!.header, body: parts[0]!.body }
        : { gridColumns: table.gridColumns, header: [], body: parts.flatMap((p) => [...p.header, ...p.body]) };
  } else {
    const parts = table.blocks.map((b) => rowsBlock(table, b));
    const single = parts.length === 1 && parts[0]!.title.length === 0;
    result = single
      ? { gridColumns: table.gridColumns, header: parts[0]!.header, body: parts[0]!.body }
      : { gridColumns: table.gridColumns, header: [], body: parts.flatMap((p) => [...p.title, ...p.header, ...p.body]) };
  }
  // Shared by every caller: frozen so that one renderer cannot change another's layout.
  for (const row of [...result.header, ...result.body]) {
    for (const cell of row) Object.freeze(cell);
    Object.freeze(row);
  }
  Object.freeze(result.header);
  Object.freeze(result.body);
  layoutCache.set(table, Object.freeze(result));
  return result;
}
