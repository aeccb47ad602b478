// Reading one entry of a ZIP archive (a .docx) with hard limits, so that a small upload cannot
// expand into gigabytes (issue 14: a 98 KB .docx inflating to 100 MB froze every user for 5 minutes).
//
// The central directory is read first: the number of entries and every entry's declared sizes are
// checked before anything is inflated. The entry is then inflated by node:zlib with
// `maxOutputLength`, which stops inflating as soon as the output would pass the limit — the
// declared size is not trusted, the actual output is bounded. ZIP64 archives (entries over 4 GB)
// and encrypted entries are refused; Word writes neither for a report.
import { inflateRawSync } from "node:zlib";

export class ZipLimitError extends Error {}
export class ZipFormatError extends Error {}

export interface ZipLimits {
  /** Most entries the central directory may list. */
  maxEntries: number;
  /** Most bytes the wanted entry may inflate to. */
  maxEntryBytes: number;
  /** Most bytes all entries together may declare. */
  maxTotalBytes: number;
}

interface CentralEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function centralDirectory(bytes: Uint8Array, maxEntries: number): CentralEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is in the last 22 + 65,535 (comment) bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError("no end of central directory");
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || offset === 0xffffffff) throw new ZipLimitError("zip64");
  if (count > maxEntries) throw new ZipLimitError(`entries ${count}`);
  if (offset + size > bytes.length) throw new ZipFormatError("central directory outside the file");
  const entries: CentralEntry[] = [];
  let p = offset;
  const decoder = new TextDecoder("utf-8");
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL) throw new ZipFormatError("bad central entry");
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    if (p + 46 + nameLength > bytes.length) throw new ZipFormatError("bad central entry");
    entries.push({
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength)),
      localOffset: view.getUint32(p + 42, true),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The bytes of the entry `name`, or undefined when the archive has no such entry. Throws
 * ZipLimitError when a limit is passed (too many entries, declared or actual size too large) and
 * ZipFormatError when the bytes are not a readable ZIP archive.
 */
export function readZipEntry(bytes: Uint8Array, name: string, limits: ZipLimits): Uint8Array | undefined {
  const entries = centralDirectory(bytes, limits.maxEntries);
  let total = 0;
  for (const e of entries) {
    if (e.size === 0xffffffff || e.compressedSize === 0xffffffff) throw new ZipLimitError("zip64");
    total += e.size;
  }
  if (total > limits.maxTotalBytes) throw new ZipLimitError(`declared total ${total}`);
  const entry = entries.find((e) => e.name === name);
  if (!entry) return undefined;
  if (entry.size > limits.maxEntryBytes) throw new ZipLimitError(`declared ${entry.size}`);
  if (entry.flags & 1) throw new ZipFormatError("encrypted");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const p = entry.localOffset;
  if (p + 30 > bytes.length || view.getUint32(p, true) !== LOCAL) throw new ZipFormatError("bad local header");
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ZipFormatError("entry outside the file");
  const data = bytes.subarray(start, end);
  if (entry.method === 0) {
    if (data.length > limits.maxEntryBytes) throw new ZipLimitError(`stored ${data.length}`);
    return data;
  }
  if (entry.method !== 8) throw new ZipFormatError(`method ${entry.method}`);
  try {
    // One byte more than allowed: an output of exactly maxEntryBytes + 1 means "too large".
    const out = inflateRawSync(data, { maxOutputLength: limits.maxEntryBytes + 1 });
    if (out.length > limits.maxEntryBytes) throw new ZipLimitError(`inflated over ${limits.maxEntryBytes}`);
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  } catch (e) {
    if (e instanceof ZipLimitError) throw e;
    if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw new ZipLimitError(`inflated over ${limits.maxEntryBytes}`);
    throw new ZipFormatError("inflate failed");
  }
}
