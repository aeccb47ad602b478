// The roll-up as an Excel workbook (exceljs): the three statutory tables in their printed layout
// (same merges as the .docx and HTML, from the same content model), a 明细 sheet with every
// included agency's value of every cell (what a supervisor filters and pivots), and a 说明 sheet
// with what was summed, what was left out and what the rules found.

import ExcelJS from "exceljs";
import { tableContent, type TableContent } from "../render/content";
import { allCells, getEdition, TABLE_KEYS } from "../template";
import type { RollupResult, RollupSource } from "./rollup";
import { ROLLUP_STATE_LABELS, rollupVerdict } from "./rollup";
import { rollupTitle } from "./document";
import type { ValidationResult } from "../rules";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const FONT = { name: "宋体", size: 11 };
const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};

function tableSheet(wb: ExcelJS.Workbook, t: TableContent, heading: string): void {
  const ws = wb.addWorksheet(t.name, { views: [{ state: "frozen", ySplit: 1 + t.header.length }] });
  ws.getCell(1, 1).value = heading;
  ws.getCell(1, 1).font = { ...FONT, bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, t.gridColumns);
  const offset = 2; // sheet row of grid row 0
  for (const row of [...t.header, ...t.body]) {
    for (const c of row) {
      const top = c.row + offset;
      const left = c.col + 1;
      if (c.rowSpan > 1 || c.colSpan > 1) ws.mergeCells(top, left, top + c.rowSpan - 1, left + c.colSpan - 1);
      const cell = ws.getCell(top, left);
      if (c.type === "value") {
        cell.value = c.text === "" ? null : Number(c.text);
        cell.alignment = { horizontal: "right", vertical: "middle" };
        if (c.kind === "amount") cell.numFmt = "0.####";
        if (c.derived) cell.font = { ...FONT, bold: true };
        else cell.font = FONT;
      } else {
        cell.value = c.text;
        cell.font = { ...FONT, bold: c.type === "header" };
        cell.alignment = { horizontal: c.type === "header" ? "center" : "left", vertical: "middle", wrapText: true };
      }
      for (let r = top; r < top + c.rowSpan; r++) for (let k = left; k < left + c.colSpan; k++) ws.getCell(r, k).border = BORDER;
    }
  }
  for (let k = 1; k <= t.gridColumns; k++) ws.getColumn(k).width = k <= t.labelColumns ? 24 : 12;
}

function detailSheet(wb: ExcelJS.Workbook, result: RollupResult, sources: readonly RollupSource[]): void {
  const edition = getEdition(result.edition);
  const cells = allCells(edition);
  const ws = wb.addWorksheet("单位明细", { views: [{ state: "frozen", xSplit: 2, ySplit: 1 }] });
  ws.addRow(["单位", "计入的版本", ...cells.map((c) => c.label)]);
  ws.getRow(1).font = { ...FONT, bold: true };
  ws.getRow(1).alignment = { wrapText: true, vertical: "top" };
  const included = new Set(result.included.map((m) => m.reportId));
  for (const s of sources) {
    if (!included.has(s.reportId)) continue;
    ws.addRow([
      s.agencyName,
      ROLLUP_STATE_LABELS[s.state],
      ...cells.map((c, i) => {
        // Included sources are of the roll-up's edition: `values` (when the loader gave them) is in `cells` order.
        const v = s.values ? s.values[i] : s.tables[c.table]?.[c.row]?.[c.column];
        return typeof v === "number" ? v : null;
      }),
    ]);
  }
  const total: (string | number | null)[] = ["合计", ""];
  for (const c of cells) total.push(result.doc.tables[c.table][c.row]?.[c.column] ?? null);
  ws.addRow(total).font = { ...FONT, bold: true };
  ws.getColumn(1).width = 28;
  ws.getColumn(2).width = 16;
  for (let k = 3; k <= cells.length + 2; k++) ws.getColumn(k).width = 14;
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: cells.length + 2 } };
}

function notesSheet(wb: ExcelJS.Workbook, preamble: string, result: RollupResult, validation: ValidationResult): void {
  const ws = wb.addWorksheet("说明");
  ws.getColumn(1).width = 30;
  ws.getColumn(2).width = 90;
  ws.addRow(["汇总范围", preamble]);
  ws.addRow(["计入单位数", result.included.length]);
  for (const e of result.excluded) ws.addRow(["未计入", `${e.agencyName}：${e.reason}`]);
  ws.addRow(["校验结果", rollupVerdict(result, validation).text]);
  for (const i of validation.issues) ws.addRow([i.severity === "error" ? "错误" : i.severity === "warning" ? "警告" : "提示", i.message]);
  ws.eachRow((r) => {
    r.font = FONT;
    r.alignment = { wrapText: true, vertical: "top" };
  });
}

export async function renderRollupXlsx(
  result: RollupResult,
  sources: readonly RollupSource[],
  validation: ValidationResult,
  opts: { officeName: string; preamble: string },
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "nianbao";
  const title = rollupTitle(opts.officeName, result.year);
  wb.title = title;
  const edition = getEdition(result.edition);
  for (const key of TABLE_KEYS) {
    const t = tableContent(result.doc, key);
    const section = edition.sections.find((s) => s.tableKey === key);
    tableSheet(wb, t, section?.heading ?? t.title);
  }
  detailSheet(wb, result, sources);
  notesSheet(wb, opts.preamble, result, validation);
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
