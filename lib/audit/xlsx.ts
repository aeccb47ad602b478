// The audit trail as an Excel workbook (exceljs): one row per entry as the pages show it — time,
// person, event, what it concerns, what changed (each changed cell by its label on its own line).
import ExcelJS from "exceljs";

export interface AuditSheetEntry {
  at: string;
  actor: string;
  login: string;
  event: string;
  subject: string;
  headline: string;
  details: string[];
}

export async function renderAuditXlsx(title: string, entries: readonly AuditSheetEntry[], notes: readonly string[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "nianbao";
  const ws = wb.addWorksheet("操作记录", { views: [{ state: "frozen", ySplit: 2 }] });
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { name: "宋体", size: 14, bold: true };
  ws.mergeCells(1, 1, 1, 7);
  const header = ["时间", "操作人", "用户名", "操作", "对象", "内容", "详情"];
  const widths = [18, 14, 16, 14, 34, 50, 80];
  header.forEach((h, i) => {
    const c = ws.getCell(2, i + 1);
    c.value = h;
    c.font = { name: "宋体", size: 11, bold: true };
    ws.getColumn(i + 1).width = widths[i]!;
  });
  entries.forEach((e, i) => {
    const row = ws.getRow(3 + i);
    row.values = [e.at, e.actor, e.login, e.event, e.subject, e.headline, e.details.join("\n")];
    row.alignment = { vertical: "top", wrapText: true };
  });
  if (notes.length) {
    const at = 4 + entries.length;
    notes.forEach((n, i) => (ws.getCell(at + i, 1).value = n));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
