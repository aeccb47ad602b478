// Issue 15 §7 §8: cells an import did not find are unknown, not 0; amounts kept as printed.
import { describe, expect, it } from "vitest";
import { withCell, type ReportDoc } from "../data";
import { clean2024, seed2020 } from "../fixtures/load";
import { importReport } from "../import";
import { validateReport } from "./engine";

const rules = (r: ReportDoc) => validateReport(r).issues.map((i) => i.rule);

describe("unknown cells from an import", () => {
  it("an import that lost a row records its cells; the printed totals are not blamed", async () => {
    // Seed-001-like text without the 「（一）予以公开」 row: its cells are unknown.
    const r0 = clean2024();
    const lost = withCell(withCell(r0, "applications.granted.natural", null), "applications.granted.total", null);
    const doc: ReportDoc = { ...lost, meta: { ...lost.meta, imported: { unknownCells: ["applications.granted.natural", "applications.granted.total"] } } };
    const issues = validateReport(doc).issues;
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
    const blank = issues.find((i) => i.rule === "cell.blank");
    expect(blank?.message).toContain("其中 1 个在导入的原文中未找到");
    // Without the record, the same blanks count as 0 and the printed total is blamed.
    expect(validateReport(lost).issues.some((i) => i.severity === "error")).toBe(true);
    // Filled in by the user: the cell is known again and checked.
    const edited = withCell(doc, "applications.granted.natural", 0);
    expect(validateReport(edited).issues.some((i) => i.severity === "error")).toBe(true);
  });

  it("the importer records the cells of a row it could not read", async () => {
    const text = `示范局2020年政府信息公开工作年度报告
一、总体情况
概况。
二、主动公开政府信息情况
第二十条第（一）项
本年新制作数量 | 本年新公开数量 | 对外公开总数量
规章 |
0 |
0 |
规范性文件 | 1 | 2 | 3
五、存在的主要问题及改进情况
无。
六、其他需要报告的事项
无。`;
    const r = await importReport({ kind: "text", data: text });
    if (!r.ok || r.type !== "report") throw new Error("not imported");
    const unknown = (r.report.meta?.imported as { unknownCells: string[] } | undefined)?.unknownCells ?? [];
    expect(unknown).toContain("proactive.regulations.produced");
    expect(unknown).toContain("applications.received.total");
    expect(unknown).not.toContain("proactive.normativeDocuments.produced");
  });
});

describe("amounts printed with more decimals than 1 元", () => {
  it("are not a warning when the published file printed them so, and are again once edited", () => {
    const r = withCell(clean2024(), "proactive.fees.amount", 12.345678);
    expect(rules(r)).toContain("amount.precision");
    const imported: ReportDoc = { ...r, meta: { ...r.meta, imported: { amountsAsPrinted: { "proactive.fees.amount": "12.345678" } } } };
    expect(rules(imported)).not.toContain("amount.precision");
    expect(rules(withCell(imported, "proactive.fees.amount", 1.234567))).toContain("amount.precision");
  });

  it("the importer records an amount printed with 6 decimals", async () => {
    const seed = seed2020();
    const text = `${seed.meta?.title ?? "南通市应急管理局2020年政府信息公开工作年度报告"}
一、总体情况
概况。
二、主动公开政府信息情况
第二十条第（八）项
本年收费金额（单位：万元）
行政事业性收费 12.345678
五、存在的主要问题及改进情况
无。
六、其他需要报告的事项
无。`.replace("2020", "2022");
    const r = await importReport({ kind: "text", data: text, agencyHint: "南通市应急管理局" });
    if (!r.ok || r.type !== "report") throw new Error("not imported");
    expect(r.report.tables.proactive.fees).toEqual({ amount: 12.345678 });
    expect(validateReport(r.report).issues.map((i) => i.rule)).not.toContain("amount.precision");
  });
});
