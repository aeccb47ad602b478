import { describe, expect, it } from "vitest";
import { DEFAULT_SCHEME, describeScheme, parseScheme, rank, scoreFindings } from "./score";
import { matchAgency, normalizeName } from "./match";
import { unpackUpload } from "./files";
import { writeZip } from "./testing/zip-writer";
import type { Finding } from "./types";

const f = (kind: Finding["kind"], severity: Finding["severity"] = "error"): Finding => ({ rule: "x", kind, severity, message: "" });

describe("score", () => {
  it("deducts per finding, caps per kind, warnings at the warning factor, info free", () => {
    const s = scoreFindings([f("arithmetic"), f("arithmetic"), f("arithmetic", "warning"), f("timeliness"), f("timeliness"), f("blank", "info")]);
    // arithmetic 5 + 5 + 2.5 = 12.5; timeliness 2 × 15 capped at 15; info 0.
    expect(s.breakdown).toEqual([
      { kind: "timeliness", label: "发布时间", count: 2, deduction: 15 },
      { kind: "arithmetic", label: "数据勾稽", count: 3, deduction: 12.5 },
      { kind: "blank", label: "空白单元格", count: 1, deduction: 0 },
    ]);
    expect(s.score).toBe(72.5);
  });

  it("never below 0; a custom scheme changes the weights", () => {
    const heavy = parseScheme(JSON.stringify({ ...DEFAULT_SCHEME, base: 10, kinds: { ...DEFAULT_SCHEME.kinds, arithmetic: { perFinding: 50, max: 100 } } }));
    if (!heavy.ok) throw new Error(heavy.error);
    expect(scoreFindings([f("arithmetic")], heavy.scheme).score).toBe(0);
    expect(scoreFindings([]).score).toBe(100);
  });

  it("a bad scheme file is refused in Chinese", () => {
    expect(parseScheme("{")).toEqual({ ok: false, error: "评分办法不是有效的 JSON" });
    const r = parseScheme(JSON.stringify({ base: 100, warningFactor: 2, kinds: {} }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^评分办法有误：/);
    expect(describeScheme()[0]).toBe("发布时间：每处扣 15 分，最多扣 15 分");
  });

  it("ranks share places on equal scores", () => {
    expect(rank([{ score: 90 }, { score: 95 }, { score: 90 }, { score: 60 }])).toEqual([2, 1, 2, 4]);
  });
});

describe("matching a file to an agency", () => {
  const agencies = [
    { id: 1, name: "示范市应急管理局", code: "sfsyjj" },
    { id: 2, name: "示范市生态环境局", code: "sfssthjj" },
    { id: 3, name: "示范市交通运输局", code: "sfsjtysj" },
  ];
  it("by the name the document gives", () => {
    expect(matchAgency(agencies, "示范市生态环境局", "report.html")).toMatchObject({ agencyId: 2, confidence: "exact" });
  });
  it("by the file name: full name, code, short name", () => {
    expect(matchAgency(agencies, undefined, "示范市交通运输局2024年政府信息公开工作年度报告.docx")).toMatchObject({ agencyId: 3, confidence: "exact" });
    expect(matchAgency(agencies, undefined, "sfsyjj.html")).toMatchObject({ agencyId: 1, confidence: "exact" });
    expect(matchAgency(agencies, undefined, "应急管理局年报.txt")).toMatchObject({ agencyId: 1, confidence: "likely" });
  });
  it("a similar name must be confirmed; an unknown one is not matched", () => {
    expect(matchAgency(agencies, "示范市生态环保局", "a.html")).toMatchObject({ agencyId: 2, confidence: "doubtful" });
    expect(matchAgency(agencies, "某县财政局", "b.html")).toMatchObject({ confidence: "none" });
    expect(matchAgency(agencies, "某县财政局", "b.html").agencyId).toBeUndefined();
  });
  it("normalises titles away, but not the numbers of a name", () => {
    expect(normalizeName("示范市 应急管理局 2024年度政府信息公开工作年度报告.docx")).toBe("示范市应急管理局");
    expect(normalizeName("示范市第2000号单位")).toBe("示范市第2000号单位");
    const many = Array.from({ length: 2100 }, (_, k) => ({ id: k + 1, name: `示范市第${k + 1}号单位` }));
    expect(matchAgency(many, "示范市第1500号单位", "a.html")).toMatchObject({ agencyId: 1500, confidence: "exact" });
    expect(matchAgency(many, undefined, "示范市第2001号单位2024年报.docx")).toMatchObject({ agencyId: 2001, confidence: "exact" });
  });
});

describe("unpacking an upload", () => {
  const enc = new TextEncoder();
  it("reads report files from a .zip, UTF-8 or GBK names, skipping others", () => {
    const gbkName = new Uint8Array(Buffer.from("d3a6bcb1b9dcc0edbed62e747874", "hex")); // 应急管理局.txt in GBK
    const zip = writeZip([
      { name: "年报/交通运输局.html", data: enc.encode("<p>x</p>") },
      { name: "gbk", raw: gbkName, data: enc.encode("text") },
      { name: "说明.xls", data: enc.encode("x") },
      { name: "__MACOSX/._a.html", data: enc.encode("x") },
    ]);
    const r = unpackUpload([{ name: "all.zip", bytes: zip }, { name: "单独.docx", bytes: enc.encode("d") }]);
    if (!r.ok) throw new Error(r.error);
    expect(r.files.map((x) => x.name)).toEqual(["交通运输局.html", "应急管理局.txt", "单独.docx"]);
    expect(new TextDecoder().decode(r.files[1]!.bytes)).toBe("text");
    expect(r.skipped).toEqual(["说明.xls"]);
  });
  it("refuses a broken zip and an upload without reports, in Chinese", () => {
    expect(unpackUpload([{ name: "a.zip", bytes: enc.encode("not a zip") }])).toMatchObject({ ok: false, error: expect.stringContaining("无法读取") });
    expect(unpackUpload([{ name: "a.xls", bytes: enc.encode("x") }])).toMatchObject({ ok: false, error: expect.stringContaining("没有可检查的年报文件") });
  });
});
