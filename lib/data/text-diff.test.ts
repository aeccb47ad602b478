import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffParagraphs } from "./text-diff";

describe("paragraph diff", () => {
  it("marks added, removed and unchanged paragraphs", () => {
    expect(diffParagraphs("甲\n乙\n丙", "甲\n丙\n丁")).toEqual([
      { type: "same", text: "甲" },
      { type: "removed", text: "乙" },
      { type: "same", text: "丙" },
      { type: "added", text: "丁" },
    ]);
    expect(diffParagraphs("", "新")).toEqual([{ type: "added", text: "新" }]);
  });
  it("always reconstructs both texts", () => {
    const para = fc.constantFrom("一", "二", "三", "四", "");
    fc.assert(
      fc.property(fc.array(para, { maxLength: 12 }), fc.array(para, { maxLength: 12 }), (x, y) => {
        const a = x.join("\n");
        const b = y.join("\n");
        const d = diffParagraphs(a, b);
        const before = d.filter((l) => l.type !== "added").map((l) => l.text);
        const after = d.filter((l) => l.type !== "removed").map((l) => l.text);
        expect(before).toEqual(a ? a.split("\n") : []);
        expect(after).toEqual(b ? b.split("\n") : []);
      }),
    );
  });
});

describe("paragraph diff: bounded on adversarial input (issue 14)", () => {
  const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join("\n");
  const reconstructs = (a: string, b: string, d: ReturnType<typeof diffParagraphs>) => {
    expect(d.filter((l) => l.type !== "added").map((l) => l.text)).toEqual(a ? a.split("\n") : []);
    expect(d.filter((l) => l.type !== "removed").map((l) => l.text)).toEqual(b ? b.split("\n") : []);
  };

  it("two versions of 25,000 short lines with nothing in common finish fast, with bounded memory", () => {
    // The attack of issue 14: the LCS table for this pair needed 25,001² numbers (4.3 GB).
    const a = lines(25_000, (i) => `甲${i}`);
    const b = lines(25_000, (i) => `乙${i}`);
    const heap = process.memoryUsage().heapUsed;
    const t = performance.now();
    const d = diffParagraphs(a, b);
    const ms = performance.now() - t;
    expect(ms).toBeLessThan(2000);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(200 * 1024 * 1024);
    reconstructs(a, b, d);
    expect(d.filter((l) => l.type === "removed")).toHaveLength(25_000);
  });

  it("interleaved edits everywhere (large D) fall back to a coarse but correct answer within the budget", () => {
    const a = lines(25_000, (i) => (i % 2 ? "同" : `甲${i}`));
    const b = lines(25_000, (i) => (i % 2 ? `乙${i}` : "同"));
    const t = performance.now();
    const d = diffParagraphs(a, b);
    expect(performance.now() - t).toBeLessThan(2000);
    reconstructs(a, b, d);
  });

  it("an edit budget too small for the change gives the whole middle block replaced, common ends kept", () => {
    const d = diffParagraphs("头\n甲\n乙\n丙\n尾", "头\n丁\n乙\n戊\n尾", { budget: 1 });
    expect(d).toEqual([
      { type: "same", text: "头" },
      { type: "removed", text: "甲" },
      { type: "removed", text: "乙" },
      { type: "removed", text: "丙" },
      { type: "added", text: "丁" },
      { type: "added", text: "乙" },
      { type: "added", text: "戊" },
      { type: "same", text: "尾" },
    ]);
  });

  it("a few edits in a long text are still found exactly (minimal diff)", () => {
    const base = Array.from({ length: 20_000 }, (_, i) => `第${i}段`);
    const edited = [...base];
    edited.splice(5_000, 1, "改过的一段");
    edited.splice(15_000, 0, "新增的一段");
    const d = diffParagraphs(base.join("\n"), edited.join("\n"));
    expect(d.filter((l) => l.type !== "same")).toEqual([
      { type: "removed", text: "第5000段" },
      { type: "added", text: "改过的一段" },
      { type: "added", text: "新增的一段" },
    ]);
  });

  it("is a minimal diff: as many unchanged lines as the LCS", () => {
    const lcs = (x: string[], y: string[]) => {
      const t = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
      for (let i = x.length - 1; i >= 0; i--) for (let j = y.length - 1; j >= 0; j--) t[i]![j] = x[i] === y[j] ? t[i + 1]![j + 1]! + 1 : Math.max(t[i + 1]![j]!, t[i]![j + 1]!);
      return t[0]![0]!;
    };
    const para = fc.constantFrom("一", "二", "三", "四", "");
    fc.assert(
      fc.property(fc.array(para, { maxLength: 14 }), fc.array(para, { maxLength: 14 }), (x, y) => {
        const a = x.join("\n");
        const b = y.join("\n");
        const d = diffParagraphs(a, b);
        expect(d.filter((l) => l.type === "same")).toHaveLength(lcs(a ? a.split("\n") : [], b ? b.split("\n") : []));
      }),
    );
  });
});
