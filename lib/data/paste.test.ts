import { describe, expect, it } from "vitest";
import { describePaste, parseClipboardGrid, planPaste, type GridSlot } from "./paste";

const slot = (ref: string, derived = false): GridSlot => ({ ref, kind: "count", derived, label: ref });

describe("clipboard grid", () => {
  it("reads Excel's tab/CRLF format", () => {
    expect(parseClipboardGrid("1\t2\t3\r\n4\t5\t6\r\n")).toEqual([
      ["1", "2", "3"],
      ["4", "5", "6"],
    ]);
    expect(parseClipboardGrid("7")).toEqual([["7"]]);
    expect(parseClipboardGrid("a\t\tb\n")).toEqual([["a", "", "b"]]);
  });
  it("handles quoted cells with line breaks", () => {
    expect(parseClipboardGrid('"x\ny"\t2\n')).toEqual([["x\ny", "2"]]);
    expect(parseClipboardGrid('"say ""hi"""\t1')).toEqual([['say "hi"', "1"]]);
  });
});

describe("paste plan", () => {
  const grid = [
    [slot("a1"), slot("a2"), slot("aT", true)],
    [slot("b1"), slot("b2"), slot("bT", true)],
    [slot("c1")],
  ];
  it("fills from the start cell and skips totals", () => {
    const p = planPaste(parseClipboardGrid("1\t2\t3\n4\t5\t9\n"), grid, 0, 0);
    expect(p.writes).toEqual([
      { ref: "a1", text: "1" },
      { ref: "a2", text: "2" },
      { ref: "b1", text: "4" },
      { ref: "b2", text: "5" },
    ]);
    expect(p.ignoredDerived).toEqual(["aT", "bT"]);
    expect(describePaste(p)).toBe("已粘贴 4 个单元格；忽略 2 个自动计算的合计单元格");
  });
  it("reports what falls outside and what is not a number", () => {
    const p = planPaste([["x", "2", "5", "6"], ["1"], ["8", "9"], ["10"]], grid, 0, 1);
    expect(p.writes.map((w) => w.ref)).toEqual(["b2"]);
    expect(p.invalid).toEqual([{ label: "a2", text: "x", error: "请输入整数，如 12" }]);
    expect(p.ignoredDerived).toEqual(["aT"]);
    expect(p.ignoredOutside).toBe(5);
    expect(describePaste(p)).toContain("无法识别的内容：a2「x」");
  });
  it("blank cells in the block clear the target (blank is a value too)", () => {
    const p = planPaste([["", "3"]], grid, 2, 0);
    expect(p.writes).toEqual([{ ref: "c1", text: "" }]);
    expect(p.ignoredOutside).toBe(1);
  });
});
