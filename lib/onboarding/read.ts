// Uploaded files → the sheets to validate: an .xlsx (both sheets in one workbook) and/or .csv
// files (one sheet each, recognised by its header row). Bounded: total size, rows, columns, cell
// length; every refusal a Chinese message.
import { LIMITS } from "./columns";
import { CsvError, decodeCsv, parseCsv } from "./csv";
import type { Problem, RawSheet } from "./validate";
import { readXlsx, XlsxError } from "./xlsx";

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

const kb = (n: number) => `${Math.round(n / 1000)} KB`;

export function readUpload(files: readonly UploadedFile[]): { sheets: RawSheet[]; problems: Problem[] } {
  const sheets: RawSheet[] = [];
  const problems: Problem[] = [];
  const file = (message: string) => problems.push({ sheet: "文件", row: 0, message });
  if (!files.length) file("请选择要导入的文件（.xlsx 或 .csv）");
  const total = files.reduce((n, f) => n + f.bytes.byteLength, 0);
  if (total > LIMITS.maxBytes) {
    file(`文件过大（${kb(total)}），上限 ${kb(LIMITS.maxBytes)}；请分批导入`);
    return { sheets, problems };
  }
  if (files.length > 2) {
    file("一次最多上传 2 个文件（Excel 工作簿，或单位、用户两个 CSV 文件）");
    return { sheets, problems };
  }
  const limits = { maxRows: LIMITS.maxRows + 1, maxColumns: LIMITS.maxColumns, maxCellChars: LIMITS.maxCellChars };
  for (const f of files) {
    const name = f.name.slice(0, 100);
    const isZip = f.bytes[0] === 0x50 && f.bytes[1] === 0x4b;
    try {
      if (/\.xlsx$/i.test(name) || isZip) {
        for (const s of readXlsx(f.bytes, limits)) sheets.push({ source: `${name}：${s.name}`, rows: s.rows });
      } else if (/\.(csv|txt)$/i.test(name)) {
        sheets.push({ source: name, rows: parseCsv(decodeCsv(f.bytes), limits) });
      } else if (/\.xls$/i.test(name) || (f.bytes[0] === 0xd0 && f.bytes[1] === 0xcf)) {
        file(`「${name}」是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后再导入`);
      } else {
        file(`「${name}」不是 .xlsx 或 .csv 文件`);
      }
    } catch (e) {
      if (e instanceof CsvError || e instanceof XlsxError) file(`「${name}」：${e.message}`);
      else throw e;
    }
  }
  return { sheets, problems };
}
