import { describe, expect, it } from "vitest";
import { formatCellInput, parseCellInput } from "./cell-parse";

const ok = (raw: string, kind: "count" | "signedCount" | "amount" = "count") => {
  const r = parseCellInput(raw, kind);
  if (!r.ok) throw new Error(`expected ${raw} to parse: ${r.error}`);
  return r.value;
};
const err = (raw: string, kind: "count" | "signedCount" | "amount" = "count") => {
  const r = parseCellInput(raw, kind);
  if (r.ok) throw new Error(`expected ${raw} to be refused, got ${r.value}`);
  return r.error;
};

describe("number entry", () => {
  it("accepts plain, full-width and separated digits", () => {
    expect(ok("12")).toBe(12);
    expect(ok("１２３")).toBe(123);
    expect(ok(" 3 001 ")).toBe(3001);
    expect(ok("3,985,758")).toBe(3985758);
    expect(ok("3，985，758")).toBe(3985758);
    expect(ok("0")).toBe(0);
  });
  it("blank and fillers are 未填写 (null), not 0", () => {
    for (const s of ["", "  ", "-", "/", "—", "－", "／"]) expect(ok(s)).toBeNull();
  });
  it("signed changes keep their sign", () => {
    expect(ok("+2", "signedCount")).toBe(2);
    expect(ok("-8", "signedCount")).toBe(-8);
    expect(ok("－８", "signedCount")).toBe(-8);
  });
  it("amounts in 万元 may be decimal", () => {
    expect(ok("96171.6", "amount")).toBe(96171.6);
    expect(ok("５９２３７．２４４９", "amount")).toBe(59237.2449);
    expect(ok("1,234.5", "amount")).toBe(1234.5);
  });
  it("refuses anything else with a Chinese reason", () => {
    expect(err("abc")).toBe("请输入整数，如 12");
    expect(err("12件")).toBe("请输入整数，如 12");
    expect(err("1.5")).toBe("此处只能填写整数");
    expect(err("-3")).toBe("此处不能为负数");
    expect(err("-3", "amount")).toBe("此处不能为负数");
    expect(err("1,5")).toBe("千分位分隔符位置不对，请检查数字");
    expect(err("1e5")).toBe("请输入整数，如 12");
    expect(err("9".repeat(20))).toBe("数值过大");
    expect(err("x", "amount")).toContain("万元");
  });
  it("formats stored values back for the input", () => {
    expect(formatCellInput(null, "count")).toBe("");
    expect(formatCellInput(0, "count")).toBe("0");
    expect(formatCellInput(2, "signedCount")).toBe("+2");
    expect(formatCellInput(-2, "signedCount")).toBe("-2");
    expect(formatCellInput(2031.9, "amount")).toBe("2031.9");
    for (const v of [0, 7, 3985758]) expect(ok(formatCellInput(v, "count"))).toBe(v);
  });
});
