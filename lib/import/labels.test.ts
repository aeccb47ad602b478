import { describe, expect, it } from "vitest";
import { getEdition } from "../template";
import { labelIndex, matchLabel, type LabelTarget } from "./labels";

const idx = (edition: "2019" | "2021", table: "proactive" | "applications" | "appeals") => labelIndex(getEdition(edition), table);

function key(t: LabelTarget): string {
  switch (t.type) {
    case "row":
      return `row:${t.row.key}`;
    case "column":
      return `column:${t.key}`;
    case "rowGroup":
      return `rowGroup:${t.key}`;
    case "columnGroup":
      return `columnGroup:${t.key}`;
    case "blockTitle":
      return `blockTitle:${t.block.key}`;
    default:
      return t.type;
  }
}

function m(edition: "2019" | "2021", table: "proactive" | "applications" | "appeals", text: string) {
  const r = matchLabel(idx(edition, table), text);
  return r ? { target: key(r.entry.target), quality: r.quality, candidates: r.candidates.map((c) => key(c.target)) } : undefined;
}

describe("matchLabel", () => {
  it("every label of the template matches itself exactly (both editions, all tables)", () => {
    for (const e of ["2019", "2021"] as const) {
      for (const t of ["proactive", "applications", "appeals"] as const) {
        for (const entry of idx(e, t).entries) {
          const r = matchLabel(idx(e, t), entry.label);
          expect(r?.quality, `${e} ${t} ${entry.label}`).toBe("exact");
          expect(r!.candidates.map((c) => c.target)).toContain(entry.target);
        }
      }
    }
  });

  it("printed variants match exactly after normalisation", () => {
    expect(m("2021", "applications", "1、屬於國家秘密")).toMatchObject({ target: "row:withheldStateSecret", quality: "exact" });
    expect(m("2021", "applications", "商业 企业")).toMatchObject({ target: "column:commercial", quality: "exact" });
    expect(m("2021", "proactive", "第二十条第(一)项")).toMatchObject({ target: "blockTitle:article20Item1", quality: "exact" });
    expect(m("2021", "applications", "(二)部分公开")).toMatchObject({ target: "row:partiallyGranted", quality: "exact" });
  });

  it("an annotation after a full label (「现行有效件数（历史累计）」) is accepted", () => {
    expect(m("2021", "proactive", "现行有效件数（历史累计）")).toMatchObject({ target: "column:inForce", quality: "extended" });
    expect(m("2021", "proactive", "规章（件）")).toMatchObject({ target: "row:regulations", quality: "extended" });
  });

  it("a short label is not extended by more Han characters: 「其他组织」 is not 「其他」, 「规章制度」 not 「规章」", () => {
    expect(m("2021", "applications", "其他组织")).toBeUndefined();
    expect(m("2021", "proactive", "规章制度")).toBeUndefined();
  });

  it("truncated headers (seed 001's 「本年新」) match every column they begin", () => {
    expect(m("2019", "proactive", "本年新")).toEqual({
      target: "column:produced",
      quality: "truncated",
      candidates: ["column:produced", "column:published"],
    });
    expect(m("2021", "proactive", "现行有效件")).toMatchObject({ target: "column:inForce", quality: "truncated", candidates: ["column:inForce"] });
  });

  it("a typo of a few characters (「2.其他法律行政止公开」) matches fuzzily, but only with the same numbering", () => {
    expect(m("2021", "applications", "2.其他法律行政止公开")).toMatchObject({ target: "row:withheldLawProhibited", quality: "fuzzy" });
    expect(m("2021", "applications", "5.其他法律行政止公开")).toBeUndefined();
  });

  it("a label printed without its numbering matches the numbered template label", () => {
    expect(m("2021", "applications", "属于国家秘密")).toMatchObject({ target: "row:withheldStateSecret", quality: "unnumbered" });
  });

  it("an exact column beats an unnumbered row (「总计」 is the column, 「（七）总计」 the row)", () => {
    expect(m("2021", "applications", "总计")).toMatchObject({ target: "column:total" });
    expect(m("2021", "applications", "（七）总计")).toMatchObject({ target: "row:handledTotal" });
  });

  it("edition-specific labels match only their edition", () => {
    expect(m("2021", "proactive", "规范性文件")).toBeUndefined();
    expect(m("2019", "proactive", "规范性文件")).toMatchObject({ target: "row:normativeDocuments", quality: "exact" });
    expect(m("2021", "applications", "（六）其他处理")).toMatchObject({ target: "rowGroup:otherHandling" });
    expect(m("2019", "applications", "（六）其他处理")).toMatchObject({ target: "row:otherHandling" });
  });

  it("table 四: data rows are header labels (行政复议 / 未经复议直接起诉 / 复议后起诉)", () => {
    expect(m("2021", "appeals", "行政複議")).toMatchObject({ target: "row:review" });
    expect(m("2021", "appeals", "行政诉讼")).toMatchObject({ target: "rowGroup:litigation" });
    expect(m("2021", "appeals", "未經復議直接起訴")).toMatchObject({ target: "row:litigationDirect" });
  });

  it("numbers and unrelated text do not match", () => {
    expect(m("2021", "applications", "2020年")).toBeUndefined();
    expect(m("2021", "applications", "单位：件")).toBeUndefined();
    expect(m("2021", "applications", "")).toBeUndefined();
  });
});
