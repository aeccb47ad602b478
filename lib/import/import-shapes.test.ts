// Issue 15 §2, §4, §9: the text shapes in which published reports circulate, each written from a
// known report (testing/shapes.ts) and imported back cell by cell — every cell right, none wrong.
import { describe, expect, it } from "vitest";
import { clean2024, seed2020 } from "../fixtures/load";
import { importReport } from "./index";
import { SHAPES, measureShape } from "./testing/shape-cases";
import { splitCellText, isPageNumberLine } from "./text/stream";
import { reportAsText, spacedRows } from "./testing/shapes";
import { zeroFilled } from "./testing/shape-cases";
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
    // Narratives land in their sections (「七、其他需要报告的事项」 is 六; page numbers are not text;
    // a lost heading's section is found by its content).
    const lost = shape.knownLoss?.find((l) => l.edition === report.edition);
    if (lost?.narrative === "other") {
      expect(m.result.report.narrative.other).toBe("");
      expect(m.result.report.narrative.problems.endsWith(report.narrative.other)).toBe(true);
    } else expect(m.result.report.narrative.other).toBe(report.narrative.other);
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

describe("sections whose headings were lost in extraction (issue 15 §9)", () => {
  const report = clean2024();
  const text = (drop: string[]) => reportAsText(zeroFilled(report), spacedRows, { dropHeadings: drop });

  it("each is recognised by its content, with a note naming where it was taken from", async () => {
    const r = await importReport({ kind: "text", data: text(["一", "五", "六"]), agencyHint: report.agency.name, yearHint: report.year });
    if (!r.ok || r.type !== "report") throw new Error("not a report");
    expect(r.report.narrative).toEqual(report.narrative);
    expect(r.report.meta?.preamble).toBe(report.meta?.preamble);
    const notes = r.warnings.filter((w) => w.code === "section.inferred").map((w) => w.message.replace(/^第 \d+ 行：/, ""));
    expect(notes).toEqual([
      `未找到「一、总体情况」的标题；从「${report.narrative.overview.slice(0, 20)}…」起按内容识别为该部分，请核对`,
      "未找到「五、存在的主要问题及改进情况」的标题；表四之后的文字按位置识别为该部分，请核对",
      "未找到「六、其他需要报告的事项」的标题；从「（一）收取信息处理费情况」起按内容识别为该部分，请核对",
    ]);
    expect(r.unrecognized).toEqual([]);
  });

  it("a sub-block phrase inside another section's text is not a section when that section's heading is there", async () => {
    const withMention = reportAsText(zeroFilled({ ...report, narrative: { ...report.narrative, problems: `${report.narrative.problems}\n（一）收取信息处理费情况另见第六部分。` } }), spacedRows);
    const r = await importReport({ kind: "text", data: withMention, agencyHint: report.agency.name, yearHint: report.year });
    if (!r.ok || r.type !== "report") throw new Error("not a report");
    expect(r.report.narrative.other).toBe(report.narrative.other);
    expect(r.warnings.filter((w) => w.code === "section.inferred")).toEqual([]);
  });
});
