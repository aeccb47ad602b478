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
