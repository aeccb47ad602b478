// The files of an upload (issue 18 §1b): single reports (.html/.htm/.docx/.pdf/.txt) or one .zip
// of them, read with the importer's bounded ZIP reader (lib/import/docx/zip.ts). Names inside the
// archive are UTF-8 when the archive says so (flag bit 11), otherwise GBK as Windows writes them.
import { readZipEntry, ZipFormatError, ZipLimitError, type ZipLimits } from "../import/docx/zip";

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
  /** The name as readZipEntry decodes it (UTF-8, lossy), to fetch the entry. */
  key: string;
  /** The name to show. */
  name: string;
  size: number;
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
    const size = view.getUint32(p + 24, true);
    const n = view.getUint16(p + 28, true);
    const raw = bytes.subarray(p + 46, p + 46 + n);
    const key = utf8.decode(raw);
    const name = flags & 0x800 ? key : gbk.decode(raw);
    out.push({ key, name, size });
    p += 46 + n + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return out;
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
        for (const e of entries) {
          if (e.key.endsWith("/") || /(^|\/)(__MACOSX|\.)/.test(e.name)) continue;
          const base = e.name.replace(/^.*\//, "");
          if (!fileKind(base)) {
            skipped.push(e.name);
            continue;
          }
          const bytes = readZipEntry(u.bytes, e.key, ZIP_LIMITS);
          if (bytes) files.push({ name: base, bytes: bytes.slice() });
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
