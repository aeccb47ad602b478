// The three statutory tables as Word tables, cell for cell from the template layout: gridSpan for
// merged columns, vMerge restart/continue for merged rows (the `docx` package writes the
// continuation cells itself from `rowSpan`), header rows marked to repeat on every page.

import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IBorderOptions,
} from "docx";
import type { ContentCell, TableContent } from "../content";
import { runFormat, type RunRole } from "./fonts";
import { TEXT_WIDTH } from "./geometry";
import { TABLE_STYLES, type TableStyle } from "./styles";
import { TABLE_CELL_PADDING, gridWidths } from "../columns";

/** Left/right cell padding: 1 mm. Word's default 1.9 mm would eat a third of table 四's narrow columns. */
const CELL_MARGIN_X = TABLE_CELL_PADDING;
const CELL_MARGIN_Y = 28;

const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: "000000" }; // 0.5 pt, black

/** The cell's paragraph style: its font (黑体 header / 仿宋) and its alignment — header text centred,
 * numbers right-aligned, group labels (spanning rows or left of other labels) centred, row labels left. */
function cellStyle(cell: ContentCell, labelColumns: number): (typeof TABLE_STYLES)[TableStyle] {
  if (cell.type === "header") return TABLE_STYLES.head;
  if (cell.type === "value") return TABLE_STYLES.number;
  return cell.rowSpan > 1 || cell.col + cell.colSpan < labelColumns ? TABLE_STYLES.group : TABLE_STYLES.text;
}

/**
 * A run in its cell's paragraph style: the style (TABLE_STYLES) already sets
 * the role's font, size and language, so such a run carries no formatting of its own — ~300 runs
 * without five properties each, a smaller document.xml and a faster write. Only a run in the other
 * role than its paragraph's (a note in a header cell) is formatted directly.
 */
function run(text: string, role: RunRole, paragraphRole: RunRole): TextRun {
  return role === paragraphRole ? new TextRun(text) : new TextRun({ ...runFormat(role), text });
}

function cellRuns(cell: ContentCell, role: RunRole): TextRun[] {
  if (!cell.text) return []; // a blank cell prints nothing (blank ≠ 0)
  // An in-cell note (「（单位：万元）」, table 三's 勾稽关系 note) is set in the plain table font even
  // inside a 黑体 header cell: it is an explanation, not part of the heading.
  if (cell.note && cell.text.endsWith(cell.note) && cell.text.length > cell.note.length) {
    return [run(cell.text.slice(0, cell.text.length - cell.note.length), role, role), run(cell.note, "tableText", role)];
  }
  return [run(cell.text, cell.note === cell.text ? "tableText" : role, role)];
}

function tableCell(cell: ContentCell, widths: number[], labelColumns: number): TableCell {
  const width = widths.slice(cell.col, cell.col + cell.colSpan).reduce((a, b) => a + b, 0);
  const style = cellStyle(cell, labelColumns);
  return new TableCell({
    ...(cell.colSpan > 1 ? { columnSpan: cell.colSpan } : {}),
    ...(cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}),
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    // The style gives spacing, indent, alignment, and the run and paragraph-mark format.
    children: [new Paragraph({ style: style.id, children: cellRuns(cell, style.role) })],
  });
}

export function statutoryTable(t: TableContent): Table {
  const widths = gridWidths(t, TEXT_WIDTH);
  const row = (cells: ContentCell[], isHeader: boolean) =>
    new TableRow({
      // Word repeats a contiguous block of header rows from the top; every header row is marked.
      // Body rows get no element at all (rather than tblHeader w:val="off").
      ...(isHeader ? { tableHeader: true } : {}),
      cantSplit: true, // a row never breaks across pages
      children: cells.map((c) => tableCell(c, widths, t.labelColumns)),
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    margins: { left: CELL_MARGIN_X, right: CELL_MARGIN_X, top: CELL_MARGIN_Y, bottom: CELL_MARGIN_Y },
    borders: { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE },
    rows: [...t.header.map((cells) => row(cells, true)), ...t.body.map((cells) => row(cells, false))],
  });
}
