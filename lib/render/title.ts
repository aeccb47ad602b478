// The report's title and the file name offered for download.

import type { ReportDoc } from "../data";
import { cleanLine, textWidthInChars } from "./text";

/** meta.title when given, else 「<机关>〈年〉年政府信息公开工作年度报告」 (the form every real report uses). */
export function reportTitle(report: ReportDoc): string {
  const given = typeof report.meta?.title === "string" ? cleanLine(report.meta.title) : "";
  return given || `${cleanLine(report.agency.name)}${report.year}年政府信息公开工作年度报告`;
}

// Characters Windows, macOS or Linux refuse in a file name, plus controls.
const ILLEGAL_IN_FILE_NAME = /[\\/:*?"<>|\u0000-\u001F\u007F]/g;
// CJK characters take 3 bytes in UTF-8; 80 characters stay well under the usual 255-byte limit.
const MAX_NAME_CHARS = 80;

/**
 * 「示范市应急管理局2024年政府信息公开工作年度报告.docx」: the title, minus the characters no file
 * system accepts. `ext` may be given with or without the dot.
 */
export function reportFileName(report: ReportDoc, ext: string): string {
  let base = reportTitle(report)
    .replace(ILLEGAL_IN_FILE_NAME, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, ""); // a leading dot hides the file; Windows drops trailing dots
  if (base.length > MAX_NAME_CHARS) base = Array.from(base).slice(0, MAX_NAME_CHARS).join("").trim();
  if (!base) base = "政府信息公开工作年度报告";
  if (/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(base)) base = `${base}_`; // reserved device names on Windows
  const suffix = ext.replace(/^\.+/, "").replace(ILLEGAL_IN_FILE_NAME, "");
  return suffix ? `${base}.${suffix}` : base;
}

/**
 * The title split into the lines a typesetter would use when it does not fit on one line:
 * GB/T 9704 asks that a multi-line title breaks between words, not inside one. The usual break
 * is between the agency and 「〈年〉年政府信息公开工作年度报告」 (a trapezoid: shorter line on top).
 * `maxChars` is how many title-size characters fit on a line; titles that fit, or that do not have
 * that shape, stay one line and are left to the word processor.
 */
export function titleLines(title: string, maxChars: number): string[] {
  if (textWidthInChars(title) <= maxChars) return [title];
  const parts = titleParts(title);
  return parts.every((p) => textWidthInChars(p) <= maxChars) ? parts : [title];
}

/**
 * The places where the title may break: 「<机关>」 and 「〈年〉年政府信息公开工作年度报告」, or the
 * whole title when it does not have that shape. (The HTML keeps each part together with CSS.)
 */
export function titleParts(title: string): string[] {
  const m = /^(.+?)((?:19|20)\d{2}年度?政府信息公开工作年度报告)$/.exec(title);
  return m ? [m[1]!, m[2]!] : [title];
}
