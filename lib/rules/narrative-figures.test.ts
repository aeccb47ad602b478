import { describe, expect, it } from "vitest";
import example from "../fixtures/example-2021-shifan-2024.json";
import seed from "../fixtures/seed-001-nantong-2020.json";
import { parseReport, withCell, type ReportDoc } from "../data";
import { validateReport } from "./engine";

function load(x: unknown): ReportDoc {
  const r = parseReport(x);
  if (!r.ok) throw new Error("fixture");
  return r.report;
}
const figures = (r: ReportDoc) => validateReport(r).issues.filter((i) => i.rule === "narrative.figures");
const withOverview = (r: ReportDoc, text: string): ReportDoc => ({ ...r, narrative: { ...r.narrative, overview: text } });

describe("narrative figures vs tables", () => {
  it("the consistent example and the seed state nothing contradicting their tables", () => {
    expect(figures(load(example))).toEqual([]);
    expect(figures(load(seed))).toEqual([]);
  });

  it("a wrong number of received applications is a warning linking both places", () => {
    const r = withOverview(load(example), "全年共收到政府信息公开申请30件，办结32件。");
    const [issue, ...rest] = figures(r);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ severity: "warning", cell: "narrative.overview", cells: ["narrative.overview", "applications.received.total"], reported: 30, computed: 32 });
    expect(issue!.message).toBe("「一、总体情况」写明“收到政府信息公开申请30件”，表三「一、本年新收政府信息公开申请数量」行「总计」列为 32（差 2）");
  });

  it("reconsideration and litigation counts, thousands separators", () => {
    let r = load(example);
    r = withCell(r, "appeals.litigationDirect.total", 1);
    r = withCell(r, "appeals.litigationAfterReview.total", 0);
    const ok = withOverview(r, "本年度被申请行政复议2件，提起行政诉讼1件。");
    expect(figures(ok)).toEqual([]);
    const bad = withOverview(r, "本年度被申请行政复议3件，行政诉讼案件2起。");
    expect(figures(bad).map((i) => i.cells.slice(1))).toEqual([["appeals.review.total"], ["appeals.litigationDirect.total", "appeals.litigationAfterReview.total"]]);
  });

  it("「暂无收到申请」 while the table has applications, and a fee with no applications", () => {
    const r = withOverview(load(example), "本年度暂无收到政府信息公开申请。");
    expect(figures(r)[0]!.message).toContain("暂无收到政府信息公开申请");
    let empty = load(example);
    for (const col of ["natural", "commercial", "research", "nonprofit", "legalService", "otherOrg", "total"]) {
      empty = withCell(withCell(empty, `applications.received.${col}`, 0), `applications.carriedOver.${col}`, 0);
    }
    const fee = { ...empty, narrative: { ...empty.narrative, other: "本年度收取信息处理费120元。" } };
    expect(figures(fee).some((i) => i.message.includes("表三没有任何申请"))).toBe(true);
  });

  it("figures printed with spaces or thin spaces are matched (issue 15 §8)", () => {
    const base = load(example);
    expect(figures(withOverview(base, "全年共收到政府信息公开申请 32 件。"))).toEqual([]);
    const spaced = figures(withOverview(base, "全年共收到政府信息公开申请 30 件，行政复议\u20092\u2009件。"));
    expect(spaced.map((i) => [i.reported, i.computed])).toEqual([[30, 32]]);
    expect(figures(withOverview(base, "全年共收到政府信息公开申请\u00a030\u00a0件。")).map((i) => i.reported)).toEqual([30]);
  });

  it("「办结/答复 N 件」 is checked against （七）总计 (issue 15 §9)", () => {
    const base = load(example);
    expect(figures(withOverview(base, "全年办结32件。"))).toEqual([]);
    const [issue, ...rest] = figures(withOverview(base, "全年共答复申请人 31 件。"));
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ cells: ["narrative.overview", "applications.handledTotal.total"], reported: 31, computed: 32 });
  });

  it("years a narrative names as its own are checked against the report year (issue 15 §9)", () => {
    const base = load(example);
    const years = (r: ReportDoc) => validateReport(r).issues.filter((i) => i.rule === "narrative.year");
    expect(years(base)).toEqual([]);
    expect(years(withOverview(base, "2024年，本局依法公开。\n较2023年增长10%。"))).toEqual([]);
    const [issue, ...rest] = years(withOverview(base, "2023年，本局依法公开。"));
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ severity: "info", cell: "narrative.overview", reported: 2023, computed: 2024 });
    expect(issue!.message).toBe("「一、总体情况」写明“2023年，”，而本报告是 2024 年度报告：请核对是否沿用了其他年度的文字");
    expect(years(withOverview(base, "本报告统计期限为 2022 年1月1日至12月31日。")).map((i) => i.reported)).toEqual([2022]);
  });
});
