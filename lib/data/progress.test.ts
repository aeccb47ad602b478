import { describe, expect, it } from "vitest";
import example from "../fixtures/example-2021-shifan-2024.json";
import { validateReport } from "../rules";
import { parseReport } from "./parse";
import { emptyReport, withCell } from "./report";
import { issueSection, overallCompletion, sectionProgress } from "./progress";

describe("section progress", () => {
  it("an empty 2021 report is 0 % with blank warnings in the table sections", () => {
    const r = emptyReport(2024, "示范市应急管理局");
    const p = sectionProgress(r, validateReport(r).issues);
    expect(p.map((s) => s.heading)).toEqual([
      "一、总体情况",
      "二、主动公开政府信息情况",
      "三、收到和处理政府信息公开申请情况",
      "四、政府信息公开行政复议、行政诉讼情况",
      "五、存在的主要问题及改进情况",
      "六、其他需要报告的事项",
    ]);
    expect(p.map((s) => s.total)).toEqual([1, 3 + 3 + 1 + 1 + 1 + 1, 24 * 6, 12, 1, 1]);
    expect(p.every((s) => s.filled === 0)).toBe(true);
    expect(overallCompletion(p)).toBe(0);
    expect(p[2]!.warnings).toBeGreaterThan(0);
  });

  it("a narrative holding only the inserted sub-headings is not filled", () => {
    const r = emptyReport(2024, "示范市应急管理局");
    const headingsOnly = { ...r, narrative: { ...r.narrative, other: "（一）收取信息处理费情况\n（二）落实上级年度政务公开工作要点情况" } };
    expect(sectionProgress(headingsOnly, []).find((s) => s.key === "other")!.filled).toBe(0);
    const written = { ...r, narrative: { ...r.narrative, other: "（一）收取信息处理费情况\n本年度未收取信息处理费。" } };
    expect(sectionProgress(written, []).find((s) => s.key === "other")!.filled).toBe(1);
  });

  it("counts filled cells and errors per section", () => {
    let r = emptyReport(2024, "示范市应急管理局");
    r = withCell(r, "applications.received.natural", 3);
    r = withCell(r, "applications.received.total", 5);
    r = { ...r, narrative: { ...r.narrative, overview: "概述" } };
    const issues = validateReport(r).issues;
    const p = sectionProgress(r, issues);
    expect(p[0]).toMatchObject({ filled: 1, total: 1 });
    expect(p[2]!.filled).toBe(1);
    expect(p[2]!.errors).toBeGreaterThan(0);
    expect(issues.filter((i) => issueSection(r, i) === "applications" && i.severity === "error").length).toBe(p[2]!.errors);
  });

  it("a complete clean report is 100 %", () => {
    const parsed = parseReport(example);
    if (!parsed.ok) throw new Error("fixture");
    const p = sectionProgress(parsed.report, validateReport(parsed.report).issues);
    expect(overallCompletion(p)).toBe(1);
    expect(p.every((s) => s.errors === 0)).toBe(true);
  });
});
