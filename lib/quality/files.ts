// The files of an upload (issue 18 §1b): single reports (.html/.htm/.docx/.pdf/.txt) or one .zip
// of them, read with the limits of the importer's bounded ZIP reader (lib/import/docx/zip.ts). Names inside the
// archive are UTF-8 when the archive says so (flag bit 11), otherwise GBK as Windows writes them.
import { inflateRawSync } from "node:zlib";
import { ZipFormatError, ZipLimitError, type ZipLimits } from "../import/docx/zip";

export type ReportFileKind = "html" | "docx" | "pdf" | "text";

export const ZIP_LIMITS: ZipLimits = { maxEntries: 5000, maxEntryBytes: 20 * 1024 * 1024, maxTotalBytes: 1024 * 1024 * 1024 };
/** Files of one run, together. */
export const MAX_FILES = 5000;

export interface ReportFile {
  name: string;
  bytes: Uint8Array;
}

/** The importer's kind for a file name, or undefined for a file that is not a report. */
export function fileKind(name: string): ReportFileKind | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === "html" || ext === "htm" || ext === "shtml") return "html";
  if (ext === "docx") return "docx";
  if (ext === "pdf") return "pdf";
  if (ext === "txt") return "text";
  return undefined;
}

interface Listed {
  /** The name to show. */
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** The entry names of an archive's central directory (bounded by ZIP_LIMITS.maxEntries). */
function listEntries(bytes: Uint8Array): Listed[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError("no end of central directory");
  const count = view.getUint16(eocd + 10, true);
  if (count > ZIP_LIMITS.maxEntries) throw new ZipLimitError(`entries ${count}`);
  let p = view.getUint32(eocd + 16, true);
  const utf8 = new TextDecoder("utf-8");
  const gbk = new TextDecoder("gb18030");
  const out: Listed[] = [];
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) throw new ZipFormatError("bad central entry");
    const flags = view.getUint16(p + 8, true);
    const n = view.getUint16(p + 28, true);
    if (p + 46 + n > bytes.length) throw new ZipFormatError("bad central entry");
    const raw = bytes.subarray(p + 46, p + 46 + n);
    const name = flags & 0x800 ? utf8.decode(raw) : gbk.decode(raw);
    out.push({ name, flags, method: view.getUint16(p + 10, true), compressedSize: view.getUint32(p + 20, true), size: view.getUint32(p + 24, true), localOffset: view.getUint32(p + 42, true) });
    p += 46 + n + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return out;
}

/**
 * One entry's bytes, with the limits and checks of lib/import/docx/zip.ts readZipEntry (declared and
 * actual size bounded, no ZIP64, no encryption). Not readZipEntry itself: it reads the whole central
 * directory again for every entry it is asked for — 2,000 reports in one archive made 4 million
 * entry parses (50 s) — so here the directory is read once.
 */
function entryBytes(bytes: Uint8Array, e: Listed): Uint8Array {
  if (e.size === 0xffffffff || e.compressedSize === 0xffffffff) throw new ZipLimitError("zip64");
  if (e.size > ZIP_LIMITS.maxEntryBytes) throw new ZipLimitError(`declared ${e.size}`);
  if (e.flags & 1) throw new ZipFormatError("encrypted");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const p = e.localOffset;
  if (p + 30 > bytes.length || view.getUint32(p, true) !== 0x04034b50) throw new ZipFormatError("bad local header");
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  const end = start + e.compressedSize;
  if (end > bytes.length) throw new ZipFormatError("entry outside the file");
  const data = bytes.subarray(start, end);
  if (e.method === 0) {
    if (data.length > ZIP_LIMITS.maxEntryBytes) throw new ZipLimitError(`stored ${data.length}`);
    return data.slice();
  }
  if (e.method !== 8) throw new ZipFormatError(`method ${e.method}`);
  try {
    const out = inflateRawSync(data, { maxOutputLength: ZIP_LIMITS.maxEntryBytes + 1 });
    if (out.length > ZIP_LIMITS.maxEntryBytes) throw new ZipLimitError("inflated over the limit");
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  } catch (err) {
    if (err instanceof ZipLimitError) throw err;
    if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw new ZipLimitError("inflated over the limit");
    throw new ZipFormatError("inflate failed");
  }
}

export type Unpacked = { ok: true; files: ReportFile[]; skipped: string[] } | { ok: false; error: string };

/** The report files of an upload: the files themselves, or the report files inside a .zip. */
export function unpackUpload(uploads: readonly ReportFile[]): Unpacked {
  const files: ReportFile[] = [];
  const skipped: string[] = [];
  for (const u of uploads) {
    if (/\.zip$/i.test(u.name)) {
      try {
        const entries = listEntries(u.bytes);
        let total = 0;
        for (const e of entries) total += e.size;
        if (total > ZIP_LIMITS.maxTotalBytes) throw new ZipLimitError(`declared total ${total}`);
        for (const e of entries) {
          if (e.name.endsWith("/") || /(^|\/)(__MACOSX|\.)/.test(e.name)) continue;
          const base = e.name.replace(/^.*\//, "");
          if (!fileKind(base)) {
            skipped.push(e.name);
            continue;
          }
          files.push({ name: base, bytes: entryBytes(u.bytes, e) });
        }
      } catch (e) {
        if (e instanceof ZipLimitError) return { ok: false, error: `压缩包「${u.name}」超出限制（最多 ${ZIP_LIMITS.maxEntries} 个文件，单个文件解压后不超过 20 MB）` };
        if (e instanceof ZipFormatError) return { ok: false, error: `压缩包「${u.name}」无法读取：不是有效的 .zip 文件，或使用了加密、ZIP64 等不支持的格式` };
        throw e;
      }
    } else if (fileKind(u.name)) files.push(u);
    else skipped.push(u.name);
    if (files.length > MAX_FILES) return { ok: false, error: `一次最多检查 ${MAX_FILES} 个文件` };
  }
  if (!files.length) return { ok: false, error: "没有可检查的年报文件（支持 .html、.htm、.docx、.pdf、.txt，或包含这些文件的 .zip）" };
  return { ok: true, files, skipped };
}
