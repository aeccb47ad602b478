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
import { TABLE_HEAD_STYLE, TABLE_TEXT_STYLE } from "./styles";
import { TABLE_CELL_PADDING, gridWidths } from "../columns";

/** Left/right cell padding: 1 mm. Word's default 1.9 mm would eat a third of table 四's narrow columns. */
const CELL_MARGIN_X = TABLE_CELL_PADDING;
const CELL_MARGIN_Y = 28;

const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: "000000" }; // 0.5 pt, black

function cellRole(cell: ContentCell): RunRole {
  return cell.type === "header" ? "tableHeader" : "tableText";
}

/** Header text centred; numbers right-aligned; group labels (spanning rows or left of other labels) centred; row labels left. */
function cellAlignment(cell: ContentCell, labelColumns: number) {
  if (cell.type === "value") return AlignmentType.RIGHT;
  if (cell.type === "header") return AlignmentType.CENTER;
  return cell.rowSpan > 1 || cell.col + cell.colSpan < labelColumns ? AlignmentType.CENTER : AlignmentType.LEFT;
}

function cellRuns(cell: ContentCell): TextRun[] {
  if (!cell.text) return []; // a blank cell prints nothing (blank ≠ 0)
  const role = cellRole(cell);
  // An in-cell note (「（单位：万元）」, table 三's 勾稽关系 note) is set in the plain table font even
  // inside a 黑体 header cell: it is an explanation, not part of the heading.
  if (cell.note && cell.text.endsWith(cell.note) && cell.text.length > cell.note.length) {
    return [
      new TextRun({ ...runFormat(role), text: cell.text.slice(0, cell.text.length - cell.note.length) }),
      new TextRun({ ...runFormat("tableText"), text: cell.note }),
    ];
  }
  return [new TextRun({ ...runFormat(cell.note === cell.text ? "tableText" : role), text: cell.text })];
}

function tableCell(cell: ContentCell, widths: number[], labelColumns: number): TableCell {
  const width = widths.slice(cell.col, cell.col + cell.colSpan).reduce((a, b) => a + b, 0);
  return new TableCell({
    ...(cell.colSpan > 1 ? { columnSpan: cell.colSpan } : {}),
    ...(cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}),
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    children: [
      new Paragraph({
        style: cell.type === "header" ? TABLE_HEAD_STYLE : TABLE_TEXT_STYLE, // spacing, indent, paragraph-mark size
        alignment: cellAlignment(cell, labelColumns),
        children: cellRuns(cell),
      }),
    ],
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
