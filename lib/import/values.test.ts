import { describe, expect, it } from "vitest";
import { parseCellValue } from "./values";

const num = (raw: string, kind?: "count" | "signedCount" | "amount") => {
  const p = parseCellValue(raw, kind);
  return p.type === "number" ? p.value : p.type;
};

describe("parseCellValue", () => {
  it("integers, signed changes, decimals", () => {
    expect(num("0")).toBe(0);
    expect(num("215")).toBe(215);
    expect(num("+2")).toBe(2);
    expect(num("-8")).toBe(-8);
    expect(num("2031.9")).toBe(2031.9);
    expect(num("59237.2449")).toBe(59237.2449);
  });

  it("thousands separators (comma or space) and full-width digits and signs", () => {
    expect(num("3,985,758")).toBe(3985758);
    expect(num("3 985 758")).toBe(3985758);
    expect(num("96,171.6")).toBe(96171.6);
    expect(num("１２")).toBe(12);
    expect(num("－８")).toBe(-8);
    expect(num("＋２")).toBe(2);
    expect(num("１，２８７")).toBe(1287);
    expect(num("\u22128")).toBe(-8); // U+2212 minus sign from word processors
  });

  it("never produces -0", () => {
    expect(Object.is(num("-0"), 0)).toBe(true);
  });

  it("blank and fillers are blank, not 0", () => {
    expect(parseCellValue("")).toEqual({ type: "blank" });
    expect(parseCellValue("   ")).toEqual({ type: "blank" });
    expect(parseCellValue("/")).toEqual({ type: "filler", text: "/" });
    expect(parseCellValue("——").type).toBe("filler");
    expect(parseCellValue("-").type).toBe("filler");
  });

  it("units: counts accept 件/条/个…, money accepts 万元; 元 is not converted", () => {
    expect(num("3件", "count")).toBe(3);
    expect(num("12 条")).toBe(12);
    expect(num("45.5万元", "amount")).toBe(45.5);
    const yuan = parseCellValue("251000元", "amount");
    expect(yuan.type).toBe("text");
    expect(yuan.type === "text" && yuan.reason).toContain("元");
    expect(parseCellValue("3件", "amount").type).toBe("text");
    expect(parseCellValue("12%").type).toBe("text");
  });

  it("anything else is text with a Chinese reason", () => {
    for (const raw of ["无", "暂无", "1,5", "1 2", "十二", "12a", "3-4", "1.2.3"]) {
      const p = parseCellValue(raw);
      expect(p.type, raw).toBe("text");
      expect(p.type === "text" && /[\u4e00-\u9fff]/.test(p.reason), raw).toBe(true);
    }
  });

  it("values beyond the interchange format's range are refused, not truncated", () => {
    expect(parseCellValue("1000000000000").type).toBe("number");
    expect(parseCellValue("10000000000000").type).toBe("text");
  });
});
