import { Document, Packer, Paragraph } from "docx";
import { describe, expect, it } from "vitest";
import { decodeBytes, detectKind } from "./detect";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("detectKind", () => {
  it("content decides before the file name", async () => {
    const docx = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph("x")] }] })));
    expect(detectKind("report.txt", docx)).toEqual({ kind: "docx", by: "content" });
    expect(detectKind("report.txt", utf8("<!DOCTYPE html><html><body><p>一、总体情况</p></body></html>"))).toEqual({ kind: "html", by: "content" });
    expect(detectKind("report.html", utf8("一、总体情况\n正文"))).toEqual({ kind: "html", by: "extension" });
    expect(detectKind("seed.txt", utf8("一、总体情况\n规章 | 0 |"))).toEqual({ kind: "text", by: "extension" });
    expect(detectKind("seed", utf8("一、总体情况"))).toEqual({ kind: "text", by: "content" });
    expect(detectKind("fragment", utf8("<p>一、总体情况</p><table><tr><td>规章</td></tr></table>")).kind).toBe("html");
  });

  it("a PDF is recognised by its content, whatever its name; a .pdf name on text is refused", () => {
    expect(detectKind("report.txt", utf8("%PDF-1.7\n"))).toEqual({ kind: "pdf", by: "content" });
    const d = detectKind("a.pdf", utf8("一、总体情况"));
    expect(d.kind).toBeUndefined();
    if (!d.kind) expect(d.reason).toContain(".pdf");
  });

  it("refuses old .doc files, other ZIPs and binaries with a Chinese reason", () => {
    const reason = (name: string, bytes: Uint8Array) => {
      const d = detectKind(name, bytes);
      return d.kind === undefined ? d.reason : `accepted as ${d.kind}`;
    };
    expect(reason("a.doc", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]))).toContain(".doc");
    expect(reason("a.zip", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toContain("不是 Word 文档");
    expect(reason("a.bin", new Uint8Array([1, 0, 2, 3]))).toContain("二进制");
    expect(reason("a.txt", new Uint8Array())).toBe("文件为空");
    expect(reason("a.docx", utf8("plain text"))).toContain(".docx");
  });
});

describe("decodeBytes", () => {
  it("UTF-8 (with or without BOM), UTF-16 with BOM", () => {
    expect(decodeBytes(utf8("规章"))).toEqual({ ok: true, text: "规章", encoding: "UTF-8" });
    expect(decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("规章")]))).toMatchObject({ ok: true, text: "规章" });
    expect(decodeBytes(new Uint8Array([0xff, 0xfe, 0xc4, 0x89, 0xe0, 0x7a]))).toMatchObject({ ok: true, text: "规章", encoding: "UTF-16LE" });
  });
  it("GBK/GB18030 when the bytes are not UTF-8 (portals and Windows tools)", () => {
    // 「规章」 in GBK: B9E6 D5C2
    expect(decodeBytes(new Uint8Array([0xb9, 0xe6, 0xd5, 0xc2]))).toEqual({ ok: true, text: "规章", encoding: "GB18030" });
  });
});
