// Issue 15 §2, §4, §9: the text shapes in which published reports circulate, each written from a
// known report (testing/shapes.ts) and imported back cell by cell — every cell right, none wrong.
import { describe, expect, it } from "vitest";
import { clean2024, seed2020 } from "../fixtures/load";
import { importReport } from "./index";
import { SHAPES, measureShape } from "./testing/shape-cases";
import { splitCellText, isPageNumberLine } from "./text/stream";
import { allEditionIndexes } from "./labels";

describe.each([
  ["2021", clean2024()],
  ["2019", seed2020()],
] as const)("the %s edition", (_edition, report) => {
  it.each(SHAPES.map((s) => [s.name, s] as const))("%s: every cell right, none wrong, none lost", async (_name, shape) => {
    const m = await measureShape(shape, report, importReport);
    expect(m.error).toBeUndefined();
    expect(m.score.misses).toEqual([]);
    expect(m.score.wrong).toBe(0);
    if (!m.result.ok || m.result.type !== "report") throw new Error("not a report");
    expect(m.result.report.edition).toBe(report.edition);
    expect(m.result.findings.tables).toEqual(["proactive", "applications", "appeals"]);
    // Narratives land in their sections (「七、其他需要报告的事项」 is 六; page numbers are not text).
    expect(m.result.report.narrative.other).toBe(report.narrative.other);
    expect(m.result.report.narrative.overview).toBe(report.narrative.overview);
    expect(m.result.report.narrative.problems).not.toMatch(/- \d+ -/);
  });
});

describe("cells of a printed line", () => {
  const idx = allEditionIndexes("proactive");
  it("values separated by spaces are cells; labels between them are joined by the template", () => {
    expect(splitCellText("行政许可 0", idx)).toEqual(["行政许可", "0"]);
    expect(splitCellText("规章 22 0 235 行政规范性文件 4 2 14", idx)).toEqual(["规章", "22", "0", "235", "行政规范性文件", "4", "2", "14"]);
    expect(splitCellText("本年制发件数 本年废止件数 现行有效件数", idx)).toEqual(["本年制发件数", "本年废止件数", "现行有效件数"]);
    // A sentence stays one piece; so does a line of words that are not all labels.
    expect(splitCellText("本年共制发 3 件，废止 1 件。", idx)).toEqual(["本年共制发 3 件，废止 1 件。"]);
    expect(splitCellText("商业 企业", allEditionIndexes("applications"))).toEqual(["商业 企业"]);
  });
  it("page numbers left by a PDF conversion", () => {
    for (const t of ["- 1 -", "— 12 —", "第 3 页", "第3页 共12页", "3/12"]) expect(isPageNumberLine(t)).toBe(true);
    for (const t of ["2024", "1.属于国家秘密", "- 一 -"]) expect(isPageNumberLine(t)).toBe(false);
  });
});
