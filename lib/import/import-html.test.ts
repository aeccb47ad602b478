// Importing HTML pages: tables with rowspan/colspan inside a portal page.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ReportDoc } from "../data";
import { clean2024, seed2020 } from "../fixtures/load";
import { validateReport } from "../rules";
import { cellsOf, reportToHtml } from "./fixtures/from-layout";
import { importReport } from "./index";
import type { ImportResult } from "./types";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

function report(r: ImportResult) {
  if (!r.ok || r.type !== "report") throw new Error(`expected a report: ${JSON.stringify(r)}`);
  return r;
}

const COLS = ["natural", "commercial", "research", "nonprofit", "legalService", "otherOrg", "total"] as const;
const row = (...v: (number | null)[]) => Object.fromEntries(COLS.map((c, i) => [c, v[i] ?? null]));
const zero = () => row(0, 0, 0, 0, 0, 0, 0);

/** The figures printed in fixtures/official-2021.html. */
const OFFICIAL_TABLES: ReportDoc["tables"] = {
  proactive: {
    regulations: { issued: 0, repealed: 0, inForce: 3 },
    normativeDocuments: { issued: 5, repealed: 2, inForce: 41 },
    licensing: { decisions: 1287 },
    penalties: { decisions: 356 },
    coercion: { decisions: 12 },
    fees: { amount: 96171.6 },
  },
  applications: {
    received: row(40, 6, 1, 0, 2, 1, 50),
    carriedOver: row(3, 1, 0, 0, 0, 0, 4),
    granted: row(20, 3, 1, 0, 1, 0, 25),
    partiallyGranted: row(5, 1, 0, 0, 0, 0, 6),
    withheldStateSecret: row(1, 0, 0, 0, 0, 0, 1),
    withheldLawProhibited: zero(),
    withheldSecurityStability: zero(),
    withheldThirdParty: row(2, 0, 0, 0, 0, 0, 2),
    withheldInternalAffairs: row(1, 0, 0, 0, 0, 0, 1),
    withheldProcessInfo: row(2, 1, 0, 0, 0, 0, 3),
    withheldEnforcementFile: zero(),
    withheldInquiry: row(1, 0, 0, 0, 0, 0, 1),
    unavailableNotHeld: row(4, 1, 0, 0, 1, 1, 7),
    unavailableNeedsCreation: row(1, 0, 0, 0, 0, 0, 1),
    unavailableUnclear: row(1, 0, 0, 0, 0, 0, 1),
    notProcessedComplaint: row(2, 0, 0, 0, 0, 0, 2),
    notProcessedRepeat: row(1, 0, 0, 0, 0, 0, 1),
    notProcessedPublication: zero(),
    notProcessedExcessive: zero(),
    notProcessedConfirmation: zero(),
    otherNoCorrection: row(1, 0, 0, 0, 0, 0, 1),
    otherUnpaidFee: zero(),
    otherOther: row(1, 0, 0, 0, 0, 0, 1),
    handledTotal: row(43, 6, 1, 0, 2, 1, 53),
    carriedForward: row(0, 1, 0, 0, 0, 0, 1),
  },
  appeals: {
    review: { upheld: 2, corrected: 1, other: 0, pending: 1, total: 4 },
    litigationDirect: { upheld: 1, corrected: 0, other: 1, pending: 0, total: 2 },
    litigationAfterReview: { upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 },
  },
};

describe("official 2021 layout inside a portal page (fixtures/official-2021.html)", () => {
  it("imports every cell, the narratives and the metadata; the page around the article is reported", async () => {
    const r = report(await importReport({ kind: "html", data: fixture("official-2021.html") }));
    expect(r.report.tables).toEqual(OFFICIAL_TABLES);
    expect(r.report).toMatchObject({
      edition: "2021",
      year: 2024,
      agency: { name: "示范市生态环境局" },
      meta: {
        title: "示范市生态环境局2024年政府信息公开工作年度报告",
        preamble:
          "本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》编制，统计期限为2024年1月1日至12月31日。\n如对本报告有疑问，请与示范市生态环境局办公室联系。",
        signature: "示范市生态环境局",
        date: "2025-01-20",
      },
    });
    expect(r.report.narrative.overview.split("\n")).toHaveLength(6);
    expect(r.report.narrative.overview.split("\n")[1]).toBe("（一）主动公开。全年主动公开信息512条。");
    expect(r.report.narrative.problems).toBe("政策解读形式仍较单一。下一步将增加图解、视频等解读形式。");
    expect(r.report.narrative.other).toBe("本年度未收取政府信息公开信息处理费。");
    expect(r.warnings).toEqual([]);
    expect(r.unrecognized.map((n) => n.code)).toEqual(["furniture"]);
    const furniture = r.unrecognized[0]!;
    for (const word of ["首页", "当前位置", "2023年政府信息公开工作年度报告", "发布日期", "分享到", "版权所有"]) expect(furniture.text).toContain(word);
    expect(furniture.text).not.toContain("统计代码"); // script content is not text
    expect(validateReport(r.report)).toEqual({ ok: true, errors: 0, warnings: 0, issues: [] });
  });
});

describe("deviations (fixtures/deviations-2021.html)", () => {
  it("traditional script, 「1、」, spaces, fillers, typo, un-split （六）, separators, full-width digits, reworded headings", async () => {
    const r = report(await importReport({ kind: "html", data: fixture("deviations-2021.html") }));
    const t = r.report.tables;
    // "/" and "-"/"—"/"／" fillers are blank, not 0.
    expect(t.proactive).toEqual({
      regulations: { issued: null, repealed: null, inForce: 3 },
      normativeDocuments: { issued: 5, repealed: 2, inForce: 41 },
      licensing: { decisions: 1287 },
      penalties: { decisions: 356 },
      coercion: { decisions: 12 },
      fees: { amount: 96171.6 },
    });
    expect(t.applications.received).toEqual(row(40, 6, 1, null, 2, 1, 50));
    expect(t.applications.withheldStateSecret).toEqual(row(1, null, null, null, null, null, 1));
    expect(t.applications.withheldLawProhibited).toEqual(row()); // the typo'd row, all fillers
    expect(t.applications.unavailableNotHeld).toEqual(row(4, 1, null, null, 1, 1, 7));
    expect(t.applications.notProcessedPublication).toEqual(row()); // 「无」 → blank, reported
    expect(t.applications.otherOther).toEqual(row(2, null, null, null, null, null, 2)); // the un-split （六）
    expect(t.applications.otherNoCorrection).toEqual(row());
    expect(t.applications.otherUnpaidFee).toEqual(row());
    expect(t.applications.handledTotal).toEqual(row(43, 6, 1, null, 2, 1, 53));
    expect(t.applications.carriedForward).toEqual(row(null, 1, null, null, null, null, 1));
    expect(t.appeals).toEqual({
      review: { upheld: 2, corrected: 1, other: null, pending: 1, total: 4 },
      litigationDirect: { upheld: 1, corrected: null, other: 1, pending: null, total: 2 },
      litigationAfterReview: { upheld: null, corrected: null, other: null, pending: 1, total: 1 },
    });
    expect(r.report).toMatchObject({
      edition: "2021",
      year: 2024,
      agency: { name: "示範市生態環境局" },
      meta: { title: "示範市生態環境局2024年政府信息公開工作年度報告", signature: "示範市生態環境局", date: "2025-01-20" },
    });
    expect(r.findings.sections).toEqual(["一", "二", "三", "四", "五", "六"]);
    expect(r.report.narrative.problems).toBe("政策解讀形式仍較單一。下一步將增加圖解、視頻等解讀形式。");

    expect(r.warnings.map((w) => [w.code, w.message])).toEqual([
      ["label.fuzzy", "第 55 行（表格 2 第 9 行第 3 列）：表三的行名「2、其他法律行政止公開」与模板文字不同，按模板的「2.其他法律行政法规禁止公开」导入"],
      [
        "row.unsplitGroup",
        "第 70 行（表格 2 第 24 行第 2 列）：表三「（六）其他处理」未按 2021 年版拆分填报，整行数值已填入「3.其他」行；「1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请」、「2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请」留空，请核对",
      ],
    ]);
    expect(r.unrecognized.map((n) => n.code)).toEqual(["furniture", "value.notNumeric"]);
    expect(r.unrecognized[1]).toMatchObject({
      cell: "applications.notProcessedPublication.natural",
      at: { line: 67, table: 2, row: 21, column: 4 },
      message: "第 67 行（表格 2 第 21 行第 4 列）：表三「3.要求提供公开出版物」行「自然人」列的内容「无」不是数字，按空白导入",
    });
    // The printed totals still add up: blanks count as 0, so only blank-cell warnings remain.
    const v = validateReport(r.report);
    expect(v.errors).toBe(0);
    expect(v.issues.filter((i) => i.rule !== "cell.blank" && i.rule !== "narrative.feeStatement")).toEqual([]);
  });
});

describe("plain tables as a renderer writes them (template layout, <caption>, <th>/<td>)", () => {
  it("the 2021 example report round-trips cell for cell", async () => {
    const doc = clean2024();
    const r = report(await importReport({ kind: "html", data: reportToHtml(doc) }));
    expect(cellsOf(r.report)).toEqual(cellsOf(doc));
    expect(r.report.narrative).toEqual(doc.narrative);
    expect(r.report.meta).toEqual(doc.meta);
    expect(r.report.agency.name).toBe(doc.agency.name);
    expect(r.warnings).toEqual([]);
    expect(r.unrecognized).toEqual([]);
  });

  it("the 2019 seed round-trips cell for cell (2019 table 二 with its spanning value cells)", async () => {
    const doc = seed2020();
    const r = report(await importReport({ kind: "html", data: reportToHtml(doc), agencyHint: doc.agency.name, yearHint: doc.year }));
    expect(r.report.tables).toEqual(doc.tables);
    expect(r.report.edition).toBe("2019");
  });

  it("blank cells printed as 「—」 and numbers with thousands separators", async () => {
    const doc = clean2024();
    const html = reportToHtml(doc, { format: (v) => v.toLocaleString("en-US", { maximumFractionDigits: 4 }), blank: "—" });
    const r = report(await importReport({ kind: "html", data: html }));
    expect(cellsOf(r.report)).toEqual(cellsOf(doc));
  });
});

const TABLE3 = (extraHeader: string, extraCells: (row: number) => string) => `<html><body>
<h1>某局2024年政府信息公开工作年度报告</h1>
<p>三、收到和处理政府信息公开申请情况</p>
<table>
<tr><th rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th><th colspan="${extraHeader ? 8 : 7}">申请人情况</th></tr>
<tr><th rowspan="2">自然人</th><th colspan="5">法人或其他组织</th>${extraHeader ? `<th rowspan="2">${extraHeader}</th>` : ""}<th rowspan="2">总计</th></tr>
<tr><th>商业企业</th><th>科研机构</th><th>社会公益组织</th><th>法律服务机构</th><th>其他</th></tr>
<tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>7</td><td>1</td><td>0</td><td>0</td><td>0</td><td>2</td>${extraCells(1)}<td>10</td></tr>
<tr><td colspan="3">二、上年结转政府信息公开申请数量</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td>${extraCells(2)}<td>1</td></tr>
</table>
<p>四、政府信息公开行政复议、行政诉讼情况</p>
<p>五、存在的主要问题及改进情况</p><p>无。</p>
<p>六、其他需要报告的事项</p><p>无。</p>
</body></html>`;

describe("grid tables: values are placed by the headers above them", () => {
  it("an extra column (「小计」) is recognised as such: its values are reported, the others land right", async () => {
    const r = report(await importReport({ kind: "html", data: TABLE3("小计", (n) => `<td>${n === 1 ? 3 : 0}</td>`) }));
    expect(r.report.tables.applications.received).toEqual(row(7, 1, 0, 0, 0, 2, 10));
    expect(r.report.tables.applications.carriedOver).toEqual(row(1, 0, 0, 0, 0, 0, 1));
    expect(r.unrecognized.map((n) => n.message)).toEqual([
      "第 6 行（表格 1 第 2 行第 10 列）：表三表头「小计」不是模板中的栏目，该列的数值未导入",
      "第 8 行（表格 1 第 4 行第 10 列）：表三表头「小计」列下的数值「3」未导入",
      "第 9 行（表格 1 第 5 行第 10 列）：表三表头「小计」列下的数值「0」未导入",
    ]);
  });

  it("without an extra column the same table imports without notes about it", async () => {
    const r = report(await importReport({ kind: "html", data: TABLE3("", () => "") }));
    expect(r.report.tables.applications.received).toEqual(row(7, 1, 0, 0, 0, 2, 10));
    expect(r.unrecognized).toEqual([]);
  });

  it("a table continued in a second <table> (split across pages) is read as one", async () => {
    const html = TABLE3("", () => "").replace(
      '<tr><td colspan="3">二、上年结转',
      '</table><p>三、收到和处理政府信息公开申请情况（续）</p><table><tr><td colspan="3">二、上年结转',
    );
    const r = report(await importReport({ kind: "html", data: html }));
    expect(r.report.tables.applications.carriedOver).toEqual(row(1, 0, 0, 0, 0, 0, 1));
    expect(r.report.tables.applications.received).toEqual(row(7, 1, 0, 0, 0, 2, 10));
  });

  it("hidden elements (a hidden duplicate of the table) are not read", async () => {
    const base = TABLE3("", () => "");
    const hidden = base.replace("<table>", '<div style="display: none"><table><tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>99</td></tr></table></div><table>');
    const r = report(await importReport({ kind: "html", data: hidden }));
    expect(r.report.tables.applications.received).toEqual(row(7, 1, 0, 0, 0, 2, 10));
    expect(r.unrecognized).toEqual([]);
  });

  it("the page <title> is the report title when the page prints none", async () => {
    const html = TABLE3("", () => "").replace("<h1>某局2024年政府信息公开工作年度报告</h1>", "").replace("<html>", "<html><head><title>南通市应急管理局2024年政府信息公开工作年度报告_南通市人民政府</title></head>");
    const r = report(await importReport({ kind: "html", data: html }));
    expect(r.report.meta?.title).toBe("南通市应急管理局2024年政府信息公开工作年度报告");
    expect(r.report.agency.name).toBe("南通市应急管理局");
    expect(r.report.year).toBe(2024);
  });

  it("a page with too little structure is not cut: no article is guessed from one anchor", async () => {
    const html = `<html><body><div class="nav">首页</div><div><p>某局2019年政府信息公开工作年度报告</p><p>一、概述</p><p>正文。</p></div></body></html>`;
    const r = await importReport({ kind: "html", data: html });
    expect(r.ok && r.type === "legacy" && r.legacy.sections).toEqual([{ heading: "一、概述", text: "正文。" }]);
  });
});

describe("HTML import is bounded (issue 14: 200 KB of nested <div> held the server 22 s)", () => {
  it("200 KB of unclosed nested <div> is refused in Chinese in well under a second", async () => {
    const t = performance.now();
    const r = await importReport({ kind: "html", data: "<div>".repeat(40_000) + "年报" });
    expect(performance.now() - t).toBeLessThan(1000);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toContain("嵌套超过 256 层");
  });
  it("nesting just under the limit, many times over, still reads in seconds", async () => {
    const block = "<div>".repeat(250) + "段落" + "</div>".repeat(250);
    const t = performance.now();
    const r = await importReport({ kind: "html", data: block.repeat(400), yearHint: 2024, agencyHint: "某局" });
    expect(performance.now() - t).toBeLessThan(10_000);
    expect(r.ok).toBe(false);
  });
});
