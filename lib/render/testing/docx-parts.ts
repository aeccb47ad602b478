// Reading a rendered .docx back for assertions: its XML parts, and its tables as grids of cells
// with their gridSpan / vMerge, so merges can be compared with the template layout.

import JSZip from "jszip";
import { child, childrenNamed, findAll, parseXml, wText, type XmlElement } from "./xml";

export interface DocxParts {
  files: string[];
  xml(path: string): Promise<XmlElement>;
  text(path: string): Promise<string>;
}

export async function openDocx(bytes: Uint8Array): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(bytes);
  const text = async (path: string) => {
    const f = zip.file(path);
    if (!f) throw new Error(`${path} is missing from the .docx`);
    return f.async("string");
  };
  return { files: Object.keys(zip.files), text, xml: async (path) => parseXml(await text(path)) };
}

export interface DocxCell {
  el: XmlElement;
  /** Grid column of the cell's left edge. */
  col: number;
  gridSpan: number;
  /** "restart" starts a vertical merge, "continue" continues one, undefined: not merged. */
  vMerge?: "restart" | "continue";
  text: string;
  /** w:jc of the cell's paragraph. */
  align?: string;
}

export interface DocxRow {
  el: XmlElement;
  tableHeader: boolean;
  cantSplit: boolean;
  cells: DocxCell[];
}

/** An OOXML on/off property: present without w:val, or with a true value. */
function onOff(el: XmlElement | undefined): boolean {
  if (!el) return false;
  const v = el.attrs["w:val"];
  return v === undefined || v === "true" || v === "on" || v === "1";
}

/**
 * The table's rows and cells. With the document's styles part, a cell's alignment is its
 * paragraph's own w:jc or else its paragraph style's (table cells are aligned by style).
 */
export function tableRows(tbl: XmlElement, styles?: XmlElement): DocxRow[] {
  const styleJc = new Map(
    (styles ? findAll(styles, "w:style") : []).map((st) => {
      const pPr = child(st, "w:pPr");
      return [st.attrs["w:styleId"], pPr && child(pPr, "w:jc")?.attrs["w:val"]] as const;
    }),
  );
  return childrenNamed(tbl, "w:tr").map((tr) => {
    const trPr = child(tr, "w:trPr");
    let col = 0;
    const cells = childrenNamed(tr, "w:tc").map((tc): DocxCell => {
      const tcPr = child(tc, "w:tcPr");
      const gridSpan = Number(tcPr && child(tcPr, "w:gridSpan")?.attrs["w:val"]) || 1;
      const vm = tcPr && child(tcPr, "w:vMerge");
      const cell: DocxCell = { el: tc, col, gridSpan, text: wText(tc) };
      // OOXML: a vMerge without w:val means "continue".
      if (vm) cell.vMerge = vm.attrs["w:val"] === "restart" ? "restart" : "continue";
      const p = child(tc, "w:p");
      const pPr = p && child(p, "w:pPr");
      const align = (pPr && child(pPr, "w:jc")?.attrs["w:val"]) ?? styleJc.get(pPr && child(pPr, "w:pStyle")?.attrs["w:val"]);
      if (align) cell.align = align;
      col += gridSpan;
      return cell;
    });
    return { el: tr, tableHeader: onOff(trPr && child(trPr, "w:tblHeader")), cantSplit: onOff(trPr && child(trPr, "w:cantSplit")), cells };
  });
}

/** The body's top-level tables, in order. */
export function bodyTables(documentXml: XmlElement): XmlElement[] {
  const body = child(documentXml, "w:body");
  if (!body) throw new Error("no w:body");
  return findAll(body, "w:tbl");
}

/** The body's top-level paragraphs (not those inside tables), in order. */
export function bodyParagraphs(documentXml: XmlElement): XmlElement[] {
  return childrenNamed(child(documentXml, "w:body")!, "w:p");
}
