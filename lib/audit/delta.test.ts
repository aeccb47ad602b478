import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyDelta, makeDelta, revertDelta } from "./delta";
import { coalesceAudit, summarizeSave } from "./summary";

const doc = (over: Record<string, unknown> = {}) => ({
  format: "nianbao/report@1",
  edition: "2021",
  year: 2024,
  agency: { name: "示范市应急管理局" },
  narrative: { overview: "一、总体情况。".repeat(40), problems: "", other: "无。" },
  tables: { appeals: { review: { upheld: 1, total: 3 } } },
  ...over,
});

describe("save delta", () => {
  it("a narrative edit stores its own characters, not the section", () => {
    const a = doc();
    const b = structuredClone(a);
    b.narrative.overview = a.narrative.overview.slice(0, 100) + "新增一句话。" + a.narrative.overview.slice(100);
    const [ta, tb] = [JSON.stringify(a), JSON.stringify(b)];
    const ops = makeDelta(ta, tb, b);
    expect(ops).toEqual([["t", ["narrative", "overview"], 100, "", "新增一句话。"]]);
    expect(applyDelta(ta, ops)).toBe(tb);
    expect(revertDelta(tb, ops)).toBe(ta);
  });

  it("cells are stored as old → new values", () => {
    const a = doc();
    const b = doc({ tables: { appeals: { review: { upheld: 2, total: 4 } } } });
    const ops = makeDelta(JSON.stringify(a), JSON.stringify(b), b);
    expect(ops).toEqual([
      ["s", ["tables", "appeals", "review", "upheld"], 1, 2],
      ["s", ["tables", "appeals", "review", "total"], 3, 4],
    ]);
  });

  it("falls back to a splice of the whole text when keys were reordered or the text is not canonical", () => {
    const a = doc();
    const { agency, ...rest } = doc();
    const reordered = { ...rest, agency };
    const ta = JSON.stringify(a);
    const tb = JSON.stringify(reordered);
    const ops = makeDelta(ta, tb, reordered);
    expect(ops[0]![0]).toBe("j");
    expect(applyDelta(ta, ops)).toBe(tb);
    expect(revertDelta(tb, ops)).toBe(ta);
    const pretty = JSON.stringify(a, null, 2);
    const ops2 = makeDelta(pretty, ta, a);
    expect(revertDelta(ta, ops2)).toBe(pretty);
  });

  it("rebuilds both texts exactly for any pair of documents (property)", () => {
    const value = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: "small" }, fc.integer(), fc.constant(null), fc.boolean(), fc.string({ unit: "grapheme", maxLength: 80 }), fc.array(tie("v"), { maxLength: 3 }), fc.dictionary(fc.constantFrom("a", "b", "c", "d"), tie("v"), { maxKeys: 4 })),
    })).v;
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("x", "y", "z"), value), fc.dictionary(fc.constantFrom("x", "y", "z"), value), (a, b) => {
        const [ta, tb] = [JSON.stringify(a), JSON.stringify(b)];
        const ops = makeDelta(ta, tb, b);
        expect(applyDelta(ta, ops)).toBe(tb);
        expect(revertDelta(tb, ops)).toBe(ta);
      }),
      { numRuns: 400 },
    );
  });

  it("a delta that does not fit the text is refused, not applied", () => {
    const a = doc();
    const b = structuredClone(a);
    b.narrative.overview += "补充。";
    const ops = makeDelta(JSON.stringify(a), JSON.stringify(b), b);
    expect(() => revertDelta(JSON.stringify(a), ops)).toThrow();
  });
});

describe("audit display", () => {
  const save = (id: number, minute: number, actorId: number, after: object) => ({
    id,
    at: new Date(Date.UTC(2025, 0, 10, 9, minute)),
    action: "report.save",
    actorId,
    before: null,
    after: JSON.stringify(after),
  });
  it("one user's consecutive autosaves within the window are one entry; others break the run", () => {
    const rows = [
      save(6, 40, 1, { version: 6, base: 5, hash: "x", ops: [["s", ["tables", "appeals", "review", "upheld"], 3, 1]] }),
      save(5, 12, 1, { version: 5, base: 4, hash: "x", ops: [["t", ["narrative", "overview"], 5, "", "再写。"]] }),
      save(4, 11, 1, { version: 4, base: 3, hash: "x", ops: [["s", ["tables", "appeals", "review", "upheld"], 2, 3], ["t", ["narrative", "overview"], 0, "旧", "新的"]] }),
      save(3, 10, 1, { version: 3, base: 2, hash: "x", ops: [["s", ["tables", "appeals", "review", "upheld"], 1, 2]] }),
      { id: 2, at: new Date(Date.UTC(2025, 0, 10, 9, 9)), action: "report.submit", actorId: 1, before: null, after: "{}" },
      save(1, 8, 2, { version: 2, base: 1, hash: "x", ops: [["s", ["tables", "appeals", "review", "total"], null, 4]] }),
    ];
    const shown = coalesceAudit(rows);
    expect(shown.map((e) => (e.kind === "saves" ? e.rows.map((r) => r.id) : e.row.id))).toEqual([[6], [5, 4, 3], 2, [1]]);
    const run = shown[1]!;
    if (run.kind !== "saves") throw new Error();
    expect(run.summary).toMatchObject({ fromVersion: 2, toVersion: 5, cells: [{ ref: "appeals.review.upheld", before: 1, after: 3 }] });
    expect(run.summary.texts).toEqual([{ path: "narrative.overview", inserted: 5, removed: 1, sample: "再写。" }]);
  });

  it("reads the older audit shape (whole sections before and after)", () => {
    const s = summarizeSave(
      JSON.stringify({ version: 1, cells: [["appeals.review.upheld", 41]], texts: [["narrative.overview", "abc"]] }),
      JSON.stringify({ version: 2, cells: [["appeals.review.upheld", 42]], texts: [["narrative.overview", "abcd"]] }),
    );
    expect(s).toEqual({ fromVersion: 1, toVersion: 2, cells: [{ ref: "appeals.review.upheld", before: 41, after: 42 }], texts: [{ path: "narrative.overview", inserted: 4, removed: 3, sample: "abcd" }], other: 0 });
  });
});
