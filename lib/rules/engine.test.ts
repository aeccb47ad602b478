import { describe, expect, it } from "vitest";
import { validateReport, RULES, type Issue } from "./index";
import { clean2024, edit, seed2020 } from "../fixtures/load";
import { emptyReport, type ReportDoc } from "../data";
import { allCells, cellInfo, getEdition } from "../template";

const byRule = (issues: Issue[], rule: string) => issues.filter((i) => i.rule === rule);
const rulesOf = (r: ReportDoc) => validateReport(r).issues.map((i) => i.rule);

describe("seed 001 (南通市应急管理局 2020, 2019 edition)", () => {
  const result = validateReport(seed2020());

  it("yields exactly its two known errors and nothing else", () => {
    expect(result.ok).toBe(false);
    expect(result.errors).toBe(2);
    expect(result.warnings).toBe(0);
    expect(result.issues).toHaveLength(2);
  });

  it("row 「4.保护第三方合法权益」: 总计 reported 1, computed 2", () => {
    const cols = ["natural", "commercial", "research", "nonprofit", "legalService", "otherOrg"];
    expect(result.issues[0]).toEqual({
      rule: "applications.rowTotal",
      severity: "error",
      cell: "applications.withheldThirdParty.total",
      cells: ["applications.withheldThirdParty.total", ...cols.map((c) => `applications.withheldThirdParty.${c}`)],
      reported: 1,
      computed: 2,
      message: "表三「4.保护第三方合法权益」行：总计填报 1，各申请人类型合计为 2（差 1）",
    });
  });

  it("column 其他: （七）总计 reported 0, computed 1", () => {
    const issue = result.issues[1]!;
    expect(issue).toMatchObject({
      rule: "applications.handledTotal",
      severity: "error",
      cell: "applications.handledTotal.otherOrg",
      reported: 0,
      computed: 1,
      message: "表三「其他」列：（七）总计填报 0，各办理结果合计为 1（差 1）",
    });
    expect(issue.cells[0]).toBe("applications.handledTotal.otherOrg");
    expect(issue.cells).toContain("applications.withheldThirdParty.otherOrg");
    expect(issue.cells).toContain("applications.otherHandling.otherOrg");
    expect(issue.cells).toHaveLength(1 + 19);
  });

  it("key order of issues is the contract's", () => {
    expect(Object.keys(result.issues[0]!)).toEqual(["rule", "severity", "cell", "cells", "reported", "computed", "message"]);
    expect(Object.keys(result)).toEqual(["ok", "errors", "warnings", "issues"]);
  });
});

describe("clean reports", () => {
  it("the 2021 example has no issue at all", () => {
    expect(validateReport(clean2024())).toEqual({ ok: true, errors: 0, warnings: 0, issues: [] });
  });
  it("validation does not change the report", () => {
    const r = seed2020();
    const copy = structuredClone(r);
    validateReport(r);
    expect(r).toEqual(copy);
  });
});

describe("applications.rowTotal", () => {
  it("fails when a row's 总计 differs from its applicant types", () => {
    const [i] = byRule(validateReport(edit(clean2024(), { "applications.received.total": 33 })).issues, "applications.rowTotal");
    expect(i).toMatchObject({ cell: "applications.received.total", reported: 33, computed: 32, message: "表三「一、本年新收政府信息公开申请数量」行：总计填报 33，各申请人类型合计为 32（差 1）" });
  });
  it("is not checked when the 总计 cell is blank (it is computed)", () => {
    expect(rulesOf(edit(clean2024(), { "applications.received.total": null }))).toEqual([]);
  });
  it("checks the （七）总计 row's total too, and names notes-free labels", () => {
    const [i] = byRule(validateReport(edit(clean2024(), { "applications.partiallyGranted.total": 5 })).issues, "applications.rowTotal");
    expect(i!.message).toBe("表三「（二）部分公开」行：总计填报 5，各申请人类型合计为 4（差 1）");
  });
});

describe("applications.handledTotal", () => {
  it("fails when （七）总计 differs from the result rows", () => {
    const r = edit(clean2024(), { "applications.granted.natural": 12, "applications.granted.total": 16 });
    const result = validateReport(r);
    // the leaf change breaks the column sum, and only that (row totals were adjusted, balance uses the reported （七）)
    expect(result.issues.map((i) => [i.rule, i.cell])).toEqual([
      ["applications.handledTotal", "applications.handledTotal.natural"],
      ["applications.handledTotal", "applications.handledTotal.total"],
    ]);
    expect(result.issues[0]!.message).toBe("表三「自然人」列：（七）总计填报 24，各办理结果合计为 25（差 1）");
    expect(result.issues[1]!.message).toBe("表三「总计」列：（七）总计填报 32，各办理结果合计为 33（差 1）");
  });
  it("counts blank result rows as 0 and uses computed row totals where blank", () => {
    const totalsBlank = Object.fromEntries(
      allCells(getEdition("2021"))
        .filter((c) => c.table === "applications" && c.column === "total" && c.row !== "handledTotal")
        .map((c) => [c.ref, null]),
    );
    expect(rulesOf(edit(clean2024(), totalsBlank))).toEqual([]);
    expect(rulesOf(edit(clean2024(), { "applications.withheldStateSecret.natural": null }))).toEqual(["cell.blank"]);
  });
});

describe("applications.balance", () => {
  it("fails per column when 一 + 二 ≠ （七） + 四", () => {
    const all = validateReport(edit(clean2024(), { "applications.carriedForward.natural": 2, "applications.carriedForward.total": 2 }));
    // The example's overview also states 「结转下年度继续办理1件」: that contradiction is narrative.figures' job.
    expect(all.issues.filter((i) => i.rule === "narrative.figures").map((i) => i.cells[1])).toEqual(["applications.carriedForward.total"]);
    const result = { issues: all.issues.filter((i) => i.rule !== "narrative.figures") };
    expect(result.issues.map((i) => i.rule)).toEqual(["applications.balance", "applications.balance"]);
    expect(result.issues[0]).toEqual({
      rule: "applications.balance",
      severity: "error",
      cell: "applications.carriedForward.natural",
      cells: ["received", "carriedOver", "handledTotal", "carriedForward"].map((r) => `applications.${r}.natural`),
      reported: 26,
      computed: 25,
      message: "表三「自然人」列：一（本年新收）加二（上年结转）为 25，（七）总计加四（结转下年度）为 26（差 1）",
    });
    expect(result.issues[1]!.message).toBe("表三「总计」列：一（本年新收）加二（上年结转）为 33，（七）总计加四（结转下年度）为 34（差 1）");
  });
  it("uses the computed （七） when it is blank, so a wrong leaf still breaks the balance once per column", () => {
    const handledBlank = Object.fromEntries(
      ["natural", "commercial", "research", "nonprofit", "legalService", "otherOrg", "total"].map((c) => [`applications.handledTotal.${c}`, null]),
    );
    expect(rulesOf(edit(clean2024(), handledBlank))).toEqual([]);
    const result = validateReport(edit(clean2024(), { ...handledBlank, "applications.granted.natural": 12, "applications.granted.total": 16 }));
    expect(result.issues.map((i) => [i.rule, i.cell])).toEqual([
      // The overview's 「办结32件」 against the computed （七）总计 33 (issue 15 §9).
      ["narrative.figures", "narrative.overview"],
      ["applications.balance", "applications.carriedForward.natural"],
      ["applications.balance", "applications.carriedForward.total"],
    ]);
  });
  it("says nothing about a column without any filled cell", () => {
    expect(byRule(validateReport(emptyReport(2024, "某局")).issues, "applications.balance")).toEqual([]);
  });
});

describe("appeals.total", () => {
  it("fails when a group's 总计 differs from its four results", () => {
    // The overview states 「行政复议2件」, now contradicted by the reported 总计 3: see narrative.figures.
    const result = { issues: validateReport(edit(clean2024(), { "appeals.review.total": 3 })).issues.filter((i) => i.rule !== "narrative.figures") };
    expect(result.issues).toEqual([
      {
        rule: "appeals.total",
        severity: "error",
        cell: "appeals.review.total",
        cells: ["total", "upheld", "corrected", "other", "pending"].map((c) => `appeals.review.${c}`),
        reported: 3,
        computed: 2,
        message: "表四「行政复议」：总计填报 3，结果维持、结果纠正、其他结果、尚未审结合计为 2（差 1）",
      },
    ]);
    const [lit] = validateReport(edit(clean2024(), { "appeals.litigationDirect.pending": 2 })).issues;
    expect(lit!.message).toBe("表四「行政诉讼·未经复议直接起诉」：总计填报 1，结果维持、结果纠正、其他结果、尚未审结合计为 3（差 2）");
  });
});

describe("cell.integer and cell.nonNegative", () => {
  it("fractional counts are errors at the cell", () => {
    const r = validateReport(edit(clean2024(), { "applications.granted.natural": 11.5, "applications.granted.total": 15.5, "applications.handledTotal.natural": 24.5, "applications.handledTotal.total": 32.5, "applications.received.natural": 24.5, "applications.received.total": 32.5 }));
    expect(byRule(r.issues, "cell.integer").map((i) => i.cell)).toEqual([
      "applications.received.natural",
      "applications.received.total",
      "applications.granted.natural",
      "applications.granted.total",
      "applications.handledTotal.natural",
      "applications.handledTotal.total",
    ]);
    expect(byRule(r.issues, "cell.integer")[0]!.message).toBe("表三「一、本年新收政府信息公开申请数量」行「自然人」列：应为整数，填报 24.5");
    expect(r.errors).toBe(6); // the sums themselves hold
  });
  it("negative counts and amounts are errors; amounts may be fractional", () => {
    const r = validateReport(edit(clean2024(), { "proactive.penalties.decisions": -1, "proactive.fees.amount": -0.5 }));
    expect(r.issues.map((i) => [i.rule, i.cell, i.message])).toEqual([
      ["cell.nonNegative", "proactive.penalties.decisions", "表二「行政处罚」行「本年处理决定数量」列：不能为负数，填报 -1"],
      ["cell.nonNegative", "proactive.fees.amount", "表二「行政事业性收费」行「本年收费金额」列：不能为负数，填报 -0.5"],
    ]);
  });
  it("2019 本年增/减 may be negative but must be an integer", () => {
    expect(rulesOf(edit(seed2020(), { "proactive.penalties.change": -8, "applications.withheldThirdParty.total": 2, "applications.handledTotal.otherOrg": 1, "applications.handledTotal.total": 8, "applications.received.otherOrg": 1, "applications.received.total": 8 }))).toEqual([]);
    expect(rulesOf(edit(seed2020(), { "proactive.penalties.change": -1.5 }))).toContain("cell.integer");
    expect(rulesOf(edit(seed2020(), { "proactive.penalties.change": -1.5 }))).not.toContain("cell.nonNegative");
  });
});

describe("amount.precision", () => {
  it("warns when a 万元 amount is finer than 1 元", () => {
    const [i] = validateReport(edit(clean2024(), { "proactive.fees.amount": 1.23456 })).issues;
    expect(i).toMatchObject({ rule: "amount.precision", severity: "warning", cell: "proactive.fees.amount", message: "表二「行政事业性收费」行「本年收费金额」列：金额以万元为单位，最多保留 4 位小数（精确到 1 元），填报 1.23456" });
  });
  it.each([59237.2449, 96171.6, 0.0001, 123456789.1234, 0])("accepts %s", (amount) => {
    expect(rulesOf(edit(clean2024(), { "proactive.fees.amount": amount }))).toEqual([]);
  });
  it("applies to the 2019 采购总金额 as well", () => {
    expect(rulesOf(edit(seed2020(), { "proactive.procurement.amount": 2031.90001 }))).toContain("amount.precision");
  });
});

describe("cell.blank", () => {
  it("one warning per table listing its blank input cells", () => {
    // cells that are 0 in the fixture: blank counts as 0 in the sums, so only the blank warnings remain
    const r = validateReport(edit(clean2024(), { "applications.granted.nonprofit": null, "applications.granted.otherOrg": null, "proactive.regulations.issued": null }));
    expect(r.ok).toBe(true);
    expect(r.issues.map((i) => [i.rule, i.severity, i.cell, i.cells])).toEqual([
      ["cell.blank", "warning", "proactive.regulations.issued", ["proactive.regulations.issued"]],
      ["cell.blank", "warning", "applications.granted.nonprofit", ["applications.granted.nonprofit", "applications.granted.otherOrg"]],
    ]);
    expect(r.issues[1]!.message).toBe("表三（收到和处理政府信息公开申请情况）：2 个单元格未填写：「（一）予以公开」行「社会公益组织」列、「（一）予以公开」行「其他」列。空白不等于 0，没有发生的请填 0");
  });
  it("an empty report gets three table warnings, not hundreds; blank totals are not warned", () => {
    const r = validateReport(emptyReport(2024, "某局"));
    const blank = byRule(r.issues, "cell.blank");
    expect(blank.map((i) => i.cells.length)).toEqual([10, 144, 12]);
    expect(blank[1]!.message).toBe("表三（收到和处理政府信息公开申请情况）：全部 144 个填报单元格均未填写。空白不等于 0，没有发生的请填 0");
    for (const i of blank) for (const ref of i.cells) expect(cellInfo(getEdition("2021"), ref)!.derived).toBe(false);
    expect(r.errors).toBe(0);
    expect(r.issues.length).toBeLessThan(10);
  });
  it("lists at most three cells in the message", () => {
    const r = validateReport(edit(clean2024(), { "appeals.review.upheld": null, "appeals.review.corrected": null, "appeals.review.other": null, "appeals.review.pending": null }));
    expect(r.issues[0]!.message).toMatch(/4 个单元格未填写：「行政复议」「结果维持」栏、「行政复议」「结果纠正」栏、「行政复议」「其他结果」栏 等。/);
  });
});

describe("2019 heuristics", () => {
  it("proactive.publishedTotal: 对外公开总数量 below 本年新公开数量", () => {
    const result = validateReport(edit(seed2020(), { "proactive.regulations.published": 5, "proactive.regulations.publishedTotal": 3 }));
    const [i] = byRule(result.issues, "proactive.publishedTotal");
    expect(i).toMatchObject({
      severity: "warning",
      cell: "proactive.regulations.publishedTotal",
      cells: ["proactive.regulations.publishedTotal", "proactive.regulations.published"],
      reported: 3,
      computed: 5,
      message: "表二「规章」行：对外公开总数量为 3，小于本年新公开数量 5（对外公开总数量是累计数，应包含本年新公开的数量）",
    });
    expect(byRule(validateReport(edit(seed2020(), { "proactive.regulations.published": 5, "proactive.regulations.publishedTotal": 5 })).issues, "proactive.publishedTotal")).toEqual([]);
  });
  it("proactive.itemCount: 上一年项目数量 + 本年增/减 below 0", () => {
    const [i] = byRule(validateReport(edit(seed2020(), { "proactive.coercion.change": -3 })).issues, "proactive.itemCount");
    expect(i).toMatchObject({ severity: "warning", cell: "proactive.coercion.change", reported: -1, computed: 0, message: "表二「行政强制」行：上一年项目数量加本年增/减为 -1，小于 0（上一年项目数量加本年增/减即本年末的项目数量，不能为负）" });
    expect(byRule(validateReport(edit(seed2020(), { "proactive.coercion.change": -2 })).issues, "proactive.itemCount")).toEqual([]);
  });
  it("are not rules of the 2021 edition", () => {
    expect(Object.keys(RULES)).toContain("proactive.itemCount");
    const checks = getEdition("2021").checks.map((c) => c.rule);
    expect(checks).not.toContain("proactive.itemCount");
    expect(checks).not.toContain("proactive.publishedTotal");
  });
});

describe("document.editionYear", () => {
  it("warns when the edition is not the one of the report year", () => {
    const r = validateReport({ ...seed2020(), year: 2022 });
    expect(byRule(r.issues, "document.editionYear")).toEqual([
      { rule: "document.editionYear", severity: "warning", cell: "edition", cells: [], message: "2022 年度报告应使用 2021 年版格式（国办公开办函〔2021〕30号），本报告使用 2019 年版格式（国办公开办函〔2019〕60号）" },
    ]);
    // (The example's narrative opens with 「2024年，」: narrative.year also warns at another year.)
    expect(rulesOf({ ...clean2024(), year: 2020 })).toEqual(["document.editionYear", "narrative.year"]);
    expect(rulesOf({ ...clean2024(), year: 2021 })).toEqual(["narrative.year"]);
  });
});

describe("narratives", () => {
  it("narrative.missing for an empty or blank section", () => {
    const r = validateReport({ ...clean2024(), narrative: { overview: "  \n ", problems: "有内容", other: "本年度未收取信息处理费。" } });
    expect(r.issues).toEqual([{ rule: "narrative.missing", severity: "warning", cell: "narrative.overview", cells: [], message: "「一、总体情况」未填写" }]);
  });
  it("narrative.feeStatement when section 六 (2021) does not mention the 信息处理费", () => {
    const r = validateReport({ ...clean2024(), narrative: { ...clean2024().narrative, other: "无" } });
    expect(r.issues).toEqual([
      {
        rule: "narrative.feeStatement",
        severity: "warning",
        cell: "narrative.other",
        cells: [],
        message: "「六、其他需要报告的事项」未说明信息处理费收取情况（应按《政府信息公开信息处理费管理办法》写明本年度是否收取信息处理费及金额，未收取的写明未收取）",
      },
    ]);
    expect(rulesOf({ ...clean2024(), narrative: { ...clean2024().narrative, other: "全年收取政府信息公开信息处理费3940元。" } })).toEqual([]);
    expect(rulesOf({ ...clean2024(), narrative: { ...clean2024().narrative, other: "未收取处理费。" } })).toEqual([]);
  });
  it("the 2019 edition does not require it (seed 001 writes 「无」)", () => {
    expect(seed2020().narrative.other).toBe("无");
    expect(rulesOf(seed2020())).not.toContain("narrative.feeStatement");
  });
});

describe("issue order", () => {
  it("document, section 一, tables 二/三/四 by row then column, then sections 五/六", () => {
    const r = validateReport({
      ...edit(clean2024(), {
        "appeals.review.total": 9,
        "applications.granted.total": 99,
        "proactive.fees.amount": -1,
        "applications.received.natural": 1.5,
      }),
      year: 2020,
      narrative: { overview: "", problems: "", other: "" },
    });
    const cells = r.issues.map((i) => i.cell);
    expect(cells[0]).toBe("edition");
    expect(cells[1]).toBe("narrative.overview");
    expect(cells.slice(-3)).toEqual(["narrative.problems", "narrative.other", "narrative.other"]);
    const tableIdx = r.issues.slice(2, -3).map((i) => cellInfo(getEdition("2021"), i.cell)!.index);
    expect([...tableIdx].sort((a, b) => a - b)).toEqual(tableIdx);
    expect(r.issues.slice(2, -3).map((i) => i.cell)[0]).toBe("proactive.fees.amount");
  });
});

describe("engine robustness", () => {
  it("treats non-numbers in unvalidated form state as blank", () => {
    const r = clean2024();
    (r.tables.applications.granted as Record<string, unknown>).natural = "11";
    expect(rulesOf(r)).toContain("cell.blank");
  });
  it("rejects an unknown edition loudly", () => {
    expect(() => validateReport({ ...clean2024(), edition: "1999" as "2021" })).toThrow(RangeError);
  });
});
