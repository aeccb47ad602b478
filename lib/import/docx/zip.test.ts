import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { importReport } from "../import-report";
import { MAX_DOCX_ENTRIES, MAX_DOCX_XML_BYTES, readDocx } from "./read-docx";
import { MAX_XML_ELEMENTS } from "./xml";
import { readZipEntry, ZipLimitError } from "./zip";

interface Part {
  name: string;
  data: Uint8Array;
  /** Uncompressed size written into the headers (a bomb may lie). */
  declared?: number;
}

/** A minimal ZIP writer (deflate), enough to build decompression bombs. */
function zip(parts: Part[]): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, "utf8");
    const comp = deflateRawSync(p.data);
    const size = p.declared ?? p.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(comp.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    chunks.push(local, name, comp);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(comp.length, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + name.length + comp.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, cd, end]));
}

const DOC = (body: string) => new TextEncoder().encode(`<?xml version="1.0"?><w:document><w:body>${body}</w:body></w:document>`);
const LIMITS = { maxEntries: 10, maxEntryBytes: 1000, maxTotalBytes: 10_000 };

describe("bounded .docx unzip (issue 14: decompression bombs)", () => {
  it("reads an ordinary entry", () => {
    const bytes = zip([{ name: "word/document.xml", data: DOC("<w:p><w:r><w:t>正文</w:t></w:r></w:p>") }]);
    expect(new TextDecoder().decode(readZipEntry(bytes, "word/document.xml", LIMITS)!)).toContain("正文");
    expect(readZipEntry(bytes, "word/other.xml", LIMITS)).toBeUndefined();
  });

  it("refuses by the declared size before inflating", () => {
    const bytes = zip([{ name: "word/document.xml", data: new Uint8Array(2000) }]);
    expect(() => readZipEntry(bytes, "word/document.xml", LIMITS)).toThrow(ZipLimitError);
  });

  it("refuses by the actual size when the declared size lies", () => {
    const bytes = zip([{ name: "word/document.xml", data: new Uint8Array(2000), declared: 10 }]);
    expect(() => readZipEntry(bytes, "word/document.xml", LIMITS)).toThrow(ZipLimitError);
  });

  it("refuses too many entries and too large a declared total", () => {
    const many = zip(Array.from({ length: 11 }, (_, i) => ({ name: `x${i}`, data: new Uint8Array(1) })));
    expect(() => readZipEntry(many, "x0", LIMITS)).toThrow(ZipLimitError);
    const total = zip([{ name: "a", data: new Uint8Array(1), declared: 20_000 }, { name: "word/document.xml", data: new Uint8Array(1) }]);
    expect(() => readZipEntry(total, "word/document.xml", LIMITS)).toThrow(ZipLimitError);
  });

  it("a ~100 KB .docx that inflates to 100 MB is refused in Chinese, fast, without inflating it", async () => {
    const xml = new Uint8Array(100_000_000).fill(0x20); // 100 MB of spaces: ~100 KB deflated
    const honest = zip([{ name: "word/document.xml", data: xml }]);
    const lying = zip([{ name: "word/document.xml", data: xml, declared: 1000 }]);
    expect(honest.length).toBeLessThan(200_000);
    for (const bomb of [honest, lying]) {
      const heap = process.memoryUsage().rss;
      const t = performance.now();
      const r = await importReport({ kind: "docx", data: bomb });
      expect(performance.now() - t).toBeLessThan(2000);
      expect(process.memoryUsage().rss - heap).toBeLessThan(MAX_DOCX_XML_BYTES * 3);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors[0]!.message).toContain("解压后过大");
    }
  });

  it("a .docx with more parts than MAX_DOCX_ENTRIES is refused", async () => {
    const parts = Array.from({ length: MAX_DOCX_ENTRIES + 1 }, (_, i) => ({ name: `word/media/p${i}.bin`, data: new Uint8Array(1) }));
    parts.push({ name: "word/document.xml", data: DOC("") });
    await expect(readDocx(zip(parts))).rejects.toThrow(/文件数过多/);
  });
});

describe("bounded document.xml (issue 14)", () => {
  it("a document.xml under the byte limit but with more than MAX_XML_ELEMENTS elements is refused in Chinese, in seconds", async () => {
    const unit = "<w:tr><w:tc><w:p/></w:tc></w:tr>";
    const body = "<w:tbl>" + unit.repeat(Math.ceil(MAX_XML_ELEMENTS / 3) + 10) + "</w:tbl>";
    const t = performance.now();
    await expect(readDocx(zip([{ name: "word/document.xml", data: DOC(body) }]))).rejects.toThrow(/结构过于庞大/);
    expect(performance.now() - t).toBeLessThan(10_000);
  });
});
