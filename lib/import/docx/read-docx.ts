// Word .docx files: `word/document.xml` read directly (a bounded ZIP reader + a small XML reader).
//
// Why not convert to HTML first: no converter is available offline, and the table semantics are
// simple to read exactly from the XML — `w:gridSpan` is a colspan, `w:vMerge` (restart/continue)
// a rowspan, `w:gridBefore` skipped grid columns, `w:hMerge` the old horizontal merge. Cells are
// placed on the table grid as Word does. Headers, footers, footnotes, text boxes and deleted text
// (tracked changes) are not report text and are not read.

import type { Block, SourceCell, SourceDoc, SourceTable } from "../source";
import { childElements, firstChild, MAX_XML_DEPTH, MAX_XML_ELEMENTS, parseXml, XmlTooDeepError, XmlTooLargeError, type XmlElement } from "./xml";
import { readZipEntry, ZipLimitError } from "./zip";

/**
 * Limits on what a .docx may expand to (issue 14: a 98 KB decompression bomb). A long report's
 * `word/document.xml` is 0.2–3 MB (the XML around each run of text is verbose); 10 MB is several
 * times the longest, and what the XML reader and the import worker's heap handle in about a second.
 * Images and other parts are never inflated, but their declared sizes still count towards the total.
 */
export const MAX_DOCX_XML_BYTES = 10_000_000;
export const MAX_DOCX_ENTRIES = 2_000;
export const MAX_DOCX_TOTAL_BYTES = 200_000_000;

export class DocxError extends Error {}

/** Elements whose text is not part of the document body's flow. */
const SKIP = new Set(["w:del", "w:delText", "w:instrText", "w:drawing", "w:pict", "mc:AlternateContent", "w:object", "w:footnoteReference", "w:commentReference"]);

function intVal(el: XmlElement | undefined): number | undefined {
  const v = el?.attrs["w:val"];
  if (v === undefined) return undefined;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : undefined;
}

/** The text of a paragraph (runs, tabs, breaks, hyperlinks, fields' results); line breaks split it. */
function paragraphLines(p: XmlElement): string[] {
  const lines: string[] = [""];
  const visit = (el: XmlElement) => {
    for (const c of el.children) {
      if (typeof c === "string") continue;
      if (SKIP.has(c.name)) continue;
      if (c.name === "w:t") lines[lines.length - 1] += c.children.filter((x): x is string => typeof x === "string").join("");
      else if (c.name === "w:tab") lines[lines.length - 1] += " ";
      else if (c.name === "w:br" || c.name === "w:cr") {
        if (c.attrs["w:type"] === "page" || c.attrs["w:type"] === "column") continue;
        lines.push("");
      } else if (c.name === "w:noBreakHyphen") lines[lines.length - 1] += "-";
      else visit(c);
    }
  };
  visit(p);
  return lines.map((l) => l.trim()).filter((l) => l !== "");
}

/** Text of a table cell: its paragraphs (and nested tables) joined with spaces. */
function cellText(tc: XmlElement): string {
  const parts: string[] = [];
  const visit = (el: XmlElement) => {
    for (const c of childElements(el)) {
      if (c.name === "w:p") parts.push(...paragraphLines(c));
      else if (c.name === "w:tbl" || c.name === "w:tr" || c.name === "w:tc" || c.name === "w:sdt" || c.name === "w:sdtContent" || c.name === "w:customXml") visit(c);
    }
  };
  visit(tc);
  return parts.join(" ").replace(/\s+/g, " ").trim();
}

/** Rows of a table, looking through content controls (w:sdt) and custom XML wrappers. */
function rowsOf(tbl: XmlElement): XmlElement[] {
  const rows: XmlElement[] = [];
  const visit = (el: XmlElement) => {
    for (const c of childElements(el)) {
      if (c.name === "w:tr") rows.push(c);
      else if (c.name === "w:sdt" || c.name === "w:sdtContent" || c.name === "w:customXml") visit(c);
    }
  };
  visit(tbl);
  return rows;
}

function cellsOf(tr: XmlElement): XmlElement[] {
  const cells: XmlElement[] = [];
  const visit = (el: XmlElement) => {
    for (const c of childElements(el)) {
      if (c.name === "w:tc") cells.push(c);
      else if (c.name === "w:sdt" || c.name === "w:sdtContent" || c.name === "w:customXml") visit(c);
    }
  };
  visit(tr);
  return cells;
}

/**
 * A Word table as a grid. A `vMerge` continuation cell extends the cell above it (same grid
 * column) downwards; an `hMerge` continuation extends the cell to its left.
 */
function readTable(tbl: XmlElement, index: number): SourceTable {
  const rows: SourceCell[][] = [];
  const open = new Map<number, SourceCell>(); // grid column → cell whose vertical merge may continue
  rowsOf(tbl).forEach((tr, r) => {
    const trPr = firstChild(tr, "w:trPr");
    let col = Math.max(0, Math.min(100, intVal(trPr ? firstChild(trPr, "w:gridBefore") : undefined) ?? 0));
    const out: SourceCell[] = [];
    for (const tc of cellsOf(tr)) {
      const tcPr = firstChild(tc, "w:tcPr");
      const span = Math.max(1, Math.min(100, intVal(tcPr ? firstChild(tcPr, "w:gridSpan") : undefined) ?? 1));
      const vMerge = tcPr ? firstChild(tcPr, "w:vMerge") : undefined;
      const hMerge = tcPr ? firstChild(tcPr, "w:hMerge") : undefined;
      if (vMerge && vMerge.attrs["w:val"] !== "restart") {
        const above = open.get(col);
        if (above) {
          above.rowSpan = r - above.row + 1;
          col += span;
          continue;
        }
      }
      if (hMerge && hMerge.attrs["w:val"] !== "restart") {
        const left = out.at(-1);
        if (left) {
          left.colSpan += span;
          col += span;
          continue;
        }
      }
      const cell: SourceCell = {
        text: cellText(tc),
        row: r,
        col,
        rowSpan: 1,
        colSpan: span,
        loc: { table: index, row: r + 1, column: col + 1 },
      };
      out.push(cell);
      for (let c = col; c < col + span; c++) open.delete(c);
      open.set(col, cell);
      col += span;
    }
    rows.push(out);
  });
  return { index, rows, grid: true, loc: { table: index } };
}

/** Reads the body of a .docx; throws DocxError (Chinese message) when the file is not a usable .docx. */
export async function readDocx(bytes: Uint8Array): Promise<SourceDoc> {
  let raw: Uint8Array | undefined;
  try {
    raw = readZipEntry(bytes, "word/document.xml", { maxEntries: MAX_DOCX_ENTRIES, maxEntryBytes: MAX_DOCX_XML_BYTES, maxTotalBytes: MAX_DOCX_TOTAL_BYTES });
  } catch (e) {
    if (e instanceof ZipLimitError) {
      throw new DocxError(`.docx 文件解压后过大或文件数过多（正文上限 ${MAX_DOCX_XML_BYTES / 1_000_000} MB，最多 ${MAX_DOCX_ENTRIES} 个部件），可能是异常文件，未导入：请在 Word 中打开并另存为 .docx 后重试`);
    }
    throw new DocxError("不是有效的 .docx 文件（无法按 ZIP 格式读取）");
  }
  if (!raw) throw new DocxError("不是 Word 文档：.docx 文件中没有 word/document.xml");
  const xml = new TextDecoder("utf-8").decode(raw);
  let doc: XmlElement;
  try {
    doc = parseXml(xml);
  } catch (e) {
    if (e instanceof XmlTooDeepError) throw new DocxError(`Word 文档的结构嵌套超过 ${MAX_XML_DEPTH} 层（表格或内容控件层层相套），无法读取：请在 Word 中简化后另存为 .docx`);
    if (e instanceof XmlTooLargeError) throw new DocxError(`Word 文档的结构过于庞大（超过 ${MAX_XML_ELEMENTS} 个元素，远超一份年报），可能是异常文件，未导入：请只保留年报正文后另存为 .docx`);
    throw e;
  }
  const body = childElements(doc).flatMap((d) => childElements(d, "w:body"))[0];
  if (!body) throw new DocxError("Word 文档中没有正文（w:body）");

  const blocks: Block[] = [];
  let paragraph = 0;
  let tables = 0;
  const visit = (el: XmlElement) => {
    for (const c of childElements(el)) {
      if (c.name === "w:p") {
        paragraph++;
        for (const line of paragraphLines(c)) blocks.push({ type: "paragraph", text: line, loc: { paragraph } });
      } else if (c.name === "w:tbl") {
        tables++;
        const table = readTable(c, tables);
        blocks.push({ type: "table", table, loc: table.loc });
      } else if (c.name === "w:sdt" || c.name === "w:sdtContent" || c.name === "w:customXml") visit(c);
    }
  };
  visit(body);
  return { kind: "docx", blocks };
}
