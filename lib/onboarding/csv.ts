// CSV as Excel and WPS write it: comma-separated, fields quoted with "…" ("" inside), CRLF or LF,
// UTF-8 (with or without BOM) or — what Chinese Excel's 「CSV（逗号分隔）」 writes — GB18030/GBK.
// One pass over the text, linear time; the caller bounds the input size.

/** Text of a CSV file: UTF-8 when the bytes are valid UTF-8, otherwise GB18030. */
export function decodeCsv(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder("gb18030").decode(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export class CsvError extends Error {}

/** Rows of cells. Throws CsvError (Chinese) for an unterminated quote, or past `maxRows`/`maxColumns`. */
export function parseCsv(text: string, limits: { maxRows: number; maxColumns: number }): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  const endField = () => {
    row.push(field);
    field = "";
    if (row.length > limits.maxColumns) throw new CsvError(`第 ${line} 行的列数超过 ${limits.maxColumns} 列`);
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
    if (rows.length > limits.maxRows) throw new CsvError(`行数超过上限 ${limits.maxRows - 1} 行，请分批导入`);
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === "\n") line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === "") {
      quoted = true;
      quoteLine = line;
      i++;
    } else if (ch === ",") {
      endField();
      i++;
    } else if (ch === "\r" || ch === "\n") {
      endRow();
      line++;
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) throw new CsvError(`第 ${quoteLine} 行有未闭合的引号`);
  if (field !== "" || row.length) endRow();
  return rows;
}
