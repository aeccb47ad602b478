// The downloadable template: an .xlsx with the 单位 and 用户 sheets (header row, column notes,
// widths) and a 说明 sheet with examples; or one CSV per sheet (UTF-8 with BOM, so Excel and WPS
// open the Chinese headers correctly).
import ExcelJS from "exceljs";
import { AGENCY_SHEET, LIMITS, SHEETS, USER_SHEET, type SheetKind } from "./columns";

const EXAMPLES: Record<SheetKind, string[][]> = {
  agencies: [
    ["示范县人民政府办公室", "sfxzfb", ""],
    ["示范县应急管理局", "sfxyjj", "sfxzfb"],
  ],
  users: [
    ["sfxyjj-tb", "张三", "填报人", "sfxyjj"],
    ["sfxyjj-sh", "李四", "审核人", "sfxyjj"],
    ["sfxzfb-zg", "王五", "主管部门", "sfxzfb"],
  ],
};

export async function templateXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "nianbao";
  for (const s of SHEETS) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: "frozen", ySplit: 1 }] });
    s.columns.forEach((c, i) => {
      const cell = ws.getCell(1, i + 1);
      cell.value = c.required ? `${c.header}*` : c.header;
      cell.font = { name: "宋体", size: 11, bold: true };
      cell.note = c.hint;
      ws.getColumn(i + 1).width = Math.max(16, c.header.length * 3);
      ws.getColumn(i + 1).numFmt = "@"; // text: codes like 001 keep their zeros
    });
  }
  const help = wb.addWorksheet("说明");
  const lines = [
    "批量导入单位和用户（年报系统）",
    "",
    `在「${AGENCY_SHEET.name}」和「${USER_SHEET.name}」两个表中从第 2 行起每行填写一个单位或用户，不要修改第 1 行表头。带 * 的列必填。`,
    "上传后系统先检查（不写入任何数据），逐行列出问题；全部无误后再确认导入，所有单位和用户在一次操作中写入。",
    "用户的初始密码由系统随机生成，导入后可下载「账号开通清单」；用户首次登录时须修改密码。",
    `每个表最多 ${LIMITS.maxRows} 行，文件不超过 ${Math.round(LIMITS.maxBytes / 1000)} KB。也可以把两个表分别另存为 CSV 后一起上传。`,
    "",
    ...SHEETS.flatMap((s) => [`「${s.name}」表各列：`, ...s.columns.map((c) => `  ${c.header}${c.required ? "（必填）" : ""}：${c.hint}`), ""]),
    "示例（单位）：",
    ...EXAMPLES.agencies.map((r) => `  ${r.join("，")}`),
    "示例（用户）：",
    ...EXAMPLES.users.map((r) => `  ${r.join("，")}`),
  ];
  lines.forEach((l, i) => (help.getCell(i + 1, 1).value = l));
  help.getColumn(1).width = 110;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** One sheet as CSV text (with BOM): the header row and, optionally, data rows. */
export function toCsv(kind: SheetKind, rows: readonly (readonly string[])[] = []): string {
  const s = SHEETS.find((x) => x.kind === kind)!;
  return `\ufeff${[s.columns.map((c) => c.header), ...rows].map((r) => r.map(csvField).join(",")).join("\r\n")}\r\n`;
}

export function templateCsv(kind: SheetKind): string {
  return toCsv(kind);
}
