import { describe, expect, it } from "vitest";
import { validateReport } from "./index";
import { clean2023, clean2024, edit, seed2020 } from "../fixtures/load";
import { emptyReport, startNextYear, type ReportDoc } from "../data";

const carry = (r: ReportDoc, previous: ReportDoc) => validateReport(r, { previous }).issues.filter((i) => i.rule.startsWith("carry."));

describe("cross-year checks (only with a previous report)", () => {
  it("consecutive consistent reports have no issue", () => {
    expect(validateReport(clean2024(), { previous: clean2023() })).toEqual({ ok: true, errors: 0, warnings: 0, issues: [] });
  });

  it("are warnings, never errors", () => {
    const prev = edit(clean2023(), { "applications.carriedForward.natural": 5, "proactive.normativeDocuments.inForce": 30 });
    const r = validateReport(clean2024(), { previous: prev });
    expect(r.ok).toBe(true);
    expect(r.warnings).toBe(r.issues.length);
  });
});

describe("carry.applications", () => {
  it("二、上年结转 must equal last year's 四、结转下年度, per column", () => {
    const prev = edit(clean2023(), { "applications.carriedForward.natural": 2 });
    expect(carry(clean2024(), prev)).toEqual([
      {
        rule: "carry.applications",
        severity: "warning",
        cell: "applications.carriedOver.natural",
        cells: ["applications.carriedOver.natural"],
        reported: 1,
        computed: 2,
        message: "表三「自然人」列：二（上年结转）填报 1，上年报告四（结转下年度）为 2（差 1）",
      },
    ]);
  });

  it("uses last year's computed total when its 总计 was left blank", () => {
    const prev = edit(clean2023(), { "applications.carriedForward.total": null });
    expect(carry(clean2024(), prev)).toEqual([]);
    const prev2 = edit(prev, { "applications.carriedForward.research": 1 });
    expect(carry(clean2024(), prev2).map((i) => [i.cell, i.computed])).toEqual([
      ["applications.carriedOver.research", 1],
      ["applications.carriedOver.total", 2],
    ]);
  });

  it("compares nothing where either side is blank", () => {
    const prevBlank = edit(clean2023(), { "applications.carriedForward.natural": null, "applications.carriedForward.total": null });
    expect(carry(clean2024(), prevBlank).filter((i) => i.cell.endsWith(".natural"))).toEqual([]);
    const thisBlank = edit(clean2024(), { "applications.carriedOver.natural": null, "applications.carriedOver.total": null });
    expect(carry(thisBlank, edit(clean2023(), { "applications.carriedForward.natural": 7 }))).toEqual([]);
  });

  it("works across the 2020 → 2021 edition change (2020 四 → 2021 二)", () => {
    const seed = seed2020(); // carriedForward all 0
    let next = startNextYear(seed); // 2021 draft, carried over from the seed
    expect(carry(next, seed).filter((i) => i.rule === "carry.applications")).toEqual([]);
    next = edit(next, { "applications.carriedOver.natural": 1, "applications.carriedOver.total": 1 });
    const issues = carry(next, seed).filter((i) => i.rule === "carry.applications");
    expect(issues.map((i) => [i.cell, i.reported, i.computed])).toEqual([
      ["applications.carriedOver.natural", 1, 0],
      ["applications.carriedOver.total", 1, 0],
    ]);
  });
});

describe("carry.inForce", () => {
  it("现行有效件数 = last year's + 本年制发 − 本年废止", () => {
    const r = edit(clean2024(), { "proactive.normativeDocuments.inForce": 15 });
    expect(carry(r, clean2023())).toEqual([
      {
        rule: "carry.inForce",
        severity: "warning",
        cell: "proactive.normativeDocuments.inForce",
        cells: ["proactive.normativeDocuments.inForce", "proactive.normativeDocuments.issued", "proactive.normativeDocuments.repealed"],
        reported: 15,
        computed: 14,
        message: "表二「行政规范性文件」行：现行有效件数填报 15，按上年现行有效件数 12 加本年制发件数 4 减本年废止件数 2 应为 14（差 1）",
      },
    ]);
  });

  it("is not compared with a 2019-edition 对外公开总数量: one info instead", () => {
    const seed = edit(seed2020(), { "proactive.normativeDocuments.publishedTotal": 50 });
    const next = edit(startNextYear(seed), { "proactive.normativeDocuments.inForce": 3, "proactive.regulations.inForce": 0 });
    const issues = carry(next, seed).filter((i) => i.rule === "carry.inForce");
    expect(issues).toEqual([
      {
        rule: "carry.inForce",
        severity: "info",
        cell: "proactive.regulations.inForce",
        cells: [],
        message: "表二「现行有效件数」列：上年报告为 2019 年版格式（国办公开办函〔2019〕60号），没有可对应的栏目，未作跨年度核对",
      },
    ]);
  });
});

describe("carry.agency and carry.year", () => {
  it("another agency: one warning and no comparison", () => {
    const prev = { ...edit(clean2023(), { "applications.carriedForward.natural": 9 }), agency: { name: "别的局" } };
    expect(carry({ ...clean2024(), agency: { name: "示范市应急管理局" } }, prev)).toEqual([
      { rule: "carry.agency", severity: "warning", cell: "agency.name", cells: [], message: "上年报告的机关为「别的局」，与本报告「示范市应急管理局」不同，未作跨年度核对" },
    ]);
  });
  it("the same agency code survives a renaming; names compare without spaces", () => {
    const prev = { ...clean2023(), agency: { name: "示范市安全生产监督管理局", code: "SF-YJJ" } };
    expect(carry(clean2024(), prev)).toEqual([]);
    const spaced = { ...clean2023(), agency: { name: "示范市 应急管理局" } };
    expect(carry({ ...clean2024(), agency: { name: "示范市应急管理局" } }, spaced)).toEqual([]);
  });
  it("not last year's report: one warning and no comparison", () => {
    const prev = { ...edit(clean2023(), { "applications.carriedForward.natural": 9 }), year: 2022 };
    expect(carry(clean2024(), prev)).toEqual([
      { rule: "carry.year", severity: "warning", cell: "year", cells: [], message: "上年报告为 2022 年度，本报告为 2024 年度，应提供 2023 年度的报告；未作跨年度核对" },
    ]);
  });
  it("nothing cross-year without a previous report", () => {
    expect(validateReport(emptyReport(2024, "某局")).issues.some((i) => i.rule.startsWith("carry."))).toBe(false);
  });
});
