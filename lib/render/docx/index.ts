// .docx rendering of a `nianbao/report@1` report. Pure (no file system), so it runs in the
// browser as well as in Node; the caller writes or downloads the bytes.

import { Packer } from "docx";
import type { ReportDoc } from "../../data";
import { reportContent, type ContentOptions } from "../content";
import { reportDocument } from "./document";
import { fontTableXml } from "./fonts";

export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The publishable Word document. The bytes are a Uint8Array (a Buffer in Node is one too). */
export async function renderDocx(report: ReportDoc, opts: ContentOptions = {}): Promise<Uint8Array> {
  const doc = reportDocument(reportContent(report, opts));
  // The `docx` package writes an empty font table; ours carries the fallbacks for missing Chinese fonts.
  return Packer.pack(doc, "uint8array", false, [{ path: "word/fontTable.xml", data: fontTableXml() }]);
}

export { gridWidths } from "../columns";
export { CJK_FONT, LATIN_FONT, ROLE_FONT, SIZE } from "./fonts";
export { MARGIN, PAGE, LINE_PITCH, TEXT_WIDTH } from "./geometry";
