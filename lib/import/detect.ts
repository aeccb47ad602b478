// What kind of file a published report is, and how its bytes decode to text.
// Content decides before the file name: portals serve .html as text, saved pages end in .txt.

import type { ImportKind } from "./types";

export type KindDetection = { kind: ImportKind; by: "content" | "extension" } | { kind: undefined; reason: string };

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

/** Bytes of ASCII text found in the first `limit` bytes (for ZIP entry names). */
function containsAscii(bytes: Uint8Array, text: string, limit = 1 << 20): boolean {
  const n = Math.min(bytes.length, limit);
  const first = text.charCodeAt(0);
  outer: for (let i = 0; i + text.length <= n; i++) {
    if (bytes[i] !== first) continue;
    for (let j = 1; j < text.length; j++) if (bytes[i + j] !== text.charCodeAt(j)) continue outer;
    return true;
  }
  return false;
}

function extensionOf(fileName: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(fileName.trim());
  return m ? m[1]!.toLowerCase() : "";
}

/** True when decoded text is an HTML document or fragment rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 4096).trimStart().toLowerCase();
  if (/^(<\?xml[^>]*>\s*)?<!doctype\s+html/.test(head) || /^<html[\s>]/.test(head)) return true;
  const tags = text.slice(0, 200_000).match(/<\/?(html|body|div|p|table|tr|td|th|span|br|h[1-6])\b[^>]*>/gi);
  return (tags?.length ?? 0) >= 3;
}

/**
 * The kind of a published report from its file name and bytes. PDFs, old binary .doc files and
 * other binaries are refused with a reason (Chinese) saying what to do instead.
 */
export function detectKind(fileName: string, bytes: Uint8Array): KindDetection {
  const ext = extensionOf(fileName);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (containsAscii(bytes, "word/document.xml") || containsAscii(bytes, "word/")) return { kind: "docx", by: "content" };
    return { kind: undefined, reason: "这是 ZIP 压缩文件，但不是 Word 文档（.docx）" };
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return { kind: "pdf", by: "content" };
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    return { kind: undefined, reason: "旧版 Word 文档（.doc）无法直接导入：请用 Word 另存为 .docx" };
  }
  if (bytes.length === 0) return { kind: undefined, reason: "文件为空" };
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return { kind: undefined, reason: decoded.reason };
  if (looksLikeHtml(decoded.text)) return { kind: "html", by: "content" };
  if (["html", "htm", "shtml", "xhtml", "jsp", "asp", "aspx", "php"].includes(ext)) return { kind: "html", by: "extension" };
  if (ext === "docx") return { kind: undefined, reason: "文件扩展名为 .docx，但内容不是 Word 文档" };
  if (ext === "pdf") return { kind: undefined, reason: "文件扩展名为 .pdf，但内容不是 PDF 文件" };
  return { kind: "text", by: ["txt", "text", "md"].includes(ext) ? "extension" : "content" };
}

export type DecodeResult = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

/**
 * Bytes → text: a BOM decides (UTF-8, UTF-16LE/BE); otherwise UTF-8 when the bytes are valid
 * UTF-8, else GB18030 (the superset of GBK/GB2312 that Chinese portals and Windows tools still
 * write). NUL bytes in 8-bit text mean a binary file.
 */
export function decodeBytes(bytes: Uint8Array): DecodeResult {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { ok: true, text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "UTF-8" };
  if (startsWith(bytes, [0xff, 0xfe])) return { ok: true, text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "UTF-16LE" };
  if (startsWith(bytes, [0xfe, 0xff])) return { ok: true, text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "UTF-16BE" };
  if (bytes.subarray(0, 65536).includes(0)) return { ok: false, reason: "文件含有二进制内容，不是文本、网页或 Word 文档" };
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "UTF-8" };
  } catch {
    try {
      return { ok: true, text: new TextDecoder("gb18030", { fatal: true }).decode(bytes), encoding: "GB18030" };
    } catch {
      return { ok: false, reason: "无法识别文件的文字编码（既不是 UTF-8，也不是 GB18030/GBK）" };
    }
  }
}
