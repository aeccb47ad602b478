// The cells of an .xlsx workbook's sheets as text — only what an import needs, read with the same
// bounded ZIP and XML readers as the .docx importer (lib/import/docx): the archive's entry count
// and every inflated size are capped, the XML reader is linear and caps elements and depth. A
// workbook of a few thousand rows is read in milliseconds; a crafted one is refused, not inflated.
import { parseXml, type XmlElement, type XmlNode } from "../import/docx/xml";
import { readZipEntry, type ZipLimits } from "../import/docx/zip";

// A 5,000-row sheet of the template's four columns is well under 1 MB of XML (the 2,000-row test
// workbook: 57 KB on disk); 3 MB per part keeps the worst case (wide sheets of distinct strings) to
// about a second of parsing.
const ZIP_LIMITS: ZipLimits = { maxEntries: 200, maxEntryBytes: 3_000_000, maxTotalBytes: 12_000_000 };

export class XlsxError extends Error {}

const local = (name: string) => name.slice(name.indexOf(":") + 1);

function kids(el: XmlElement, name?: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== "string" && (name === undefined || local(c.name) === name));
}

function textOf(node: XmlNode): string {
  if (typeof node === "string") return node;
  // Phonetic runs (<rPh>) are annotations, not the cell's text.
  if (local(node.name) === "rPh") return "";
  return node.children.map(textOf).join("");
}

function find(el: XmlElement, path: readonly string[]): XmlElement | undefined {
  let cur: XmlElement | undefined = el;
  for (const p of path) cur = cur ? kids(cur, p)[0] : undefined;
  return cur;
}

function entryText(bytes: Uint8Array, name: string): string | undefined {
  const data = readZipEntry(bytes, name, ZIP_LIMITS);
  return data ? new TextDecoder("utf-8").decode(data) : undefined;
}

/** "B12" → column index 1 (0-based); null when not a cell reference. */
function columnOf(ref: string): number | null {
  const m = /^([A-Z]{1,3})\d+$/.exec(ref);
  if (!m) return null;
  let n = 0;
  for (const ch of m[1]!) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export interface XlsxSheet {
  name: string;
  rows: string[][];
}

/**
 * The sheets of a workbook, in order, each as rows of cell texts (numbers as written in the file).
 * Throws XlsxError (Chinese) when the bytes are not a readable workbook or pass the limits.
 */
export function readXlsx(bytes: Uint8Array, limits: { maxRows: number; maxColumns: number; maxCellChars: number }): XlsxSheet[] {
  try {
    const workbook = entryText(bytes, "xl/workbook.xml");
    if (!workbook) throw new XlsxError("文件不是 Excel 工作簿（.xlsx）");
    const rels = parseXml(entryText(bytes, "xl/_rels/workbook.xml.rels") ?? "");
    const targets = new Map<string, string>();
    for (const r of kids(find(rels, ["Relationships"]) ?? rels, "Relationship")) {
      const t = r.attrs.Target ?? "";
      targets.set(r.attrs.Id ?? "", t.startsWith("/") ? t.slice(1) : `xl/${t}`);
    }
    const sharedXml = entryText(bytes, "xl/sharedStrings.xml");
    const shared = sharedXml ? kids(find(parseXml(sharedXml), ["sst"]) ?? { name: "", attrs: {}, children: [] }, "si").map((si) => textOf(si)) : [];
    const sheetsEl = find(parseXml(workbook), ["workbook", "sheets"]);
    const out: XlsxSheet[] = [];
    for (const s of sheetsEl ? kids(sheetsEl, "sheet") : []) {
      const rid = Object.entries(s.attrs).find(([k]) => local(k) === "id")?.[1] ?? "";
      const path = targets.get(rid);
      const xml = path ? entryText(bytes, path) : undefined;
      if (!xml) continue;
      const data = find(parseXml(xml), ["worksheet", "sheetData"]);
      const rows: string[][] = [];
      for (const row of data ? kids(data, "row") : []) {
        const r = Number(row.attrs.r ?? rows.length + 1);
        if (!Number.isSafeInteger(r) || r < 1) throw new XlsxError("工作表的行号无效");
        if (r > limits.maxRows) throw new XlsxError(`工作表「${s.attrs.name ?? ""}」的行数超过上限 ${limits.maxRows - 1} 行，请分批导入`);
        const cells: string[] = [];
        let next = 0;
        for (const c of kids(row, "c")) {
          const col = c.attrs.r ? columnOf(c.attrs.r) : next;
          if (col === null || col >= limits.maxColumns) continue; // columns beyond the template are ignored
          const type = c.attrs.t;
          let v: string;
          if (type === "s") v = shared[Number(textOf(kids(c, "v")[0] ?? ""))] ?? "";
          else if (type === "inlineStr") v = textOf(kids(c, "is")[0] ?? "");
          else if (type === "b") v = textOf(kids(c, "v")[0] ?? "") === "1" ? "TRUE" : "FALSE";
          else v = textOf(kids(c, "v")[0] ?? "");
          while (cells.length < col) cells.push("");
          cells[col] = v.length > limits.maxCellChars * 4 ? v.slice(0, limits.maxCellChars * 4) : v;
          next = col + 1;
        }
        while (rows.length < r - 1) rows.push([]);
        rows[r - 1] = cells;
      }
      out.push({ name: s.attrs.name ?? "", rows });
    }
    return out;
  } catch (e) {
    if (e instanceof XlsxError) throw e;
    throw new XlsxError("无法读取该 Excel 文件：文件已损坏、加密或过大（请另存为 .xlsx 或 CSV 后重试）");
  }
}
