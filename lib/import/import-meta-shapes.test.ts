// Issue 15 §1 and §3: agency and year as a person reads them, and labels of the other edition.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importReport } from "./index";
import type { ImportResult } from "./types";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/shapes/${name}`, import.meta.url), "utf8");
function report(r: ImportResult) {
  if (!r.ok || r.type !== "report") throw new Error(`expected a report: ${JSON.stringify(r).slice(0, 400)}`);
  return r;
}

describe("agency and year", () => {
  it("a title after 「标题：」 set on two lines, behind a breadcrumb; a report with 表三 left out", async () => {
    const r = report(await importReport({ kind: "text", data: fixture("title-two-lines.txt") }));
    expect(r.report.agency.name).toBe("示范县自然资源局");
    expect(r.report.year).toBe(2023);
    expect(r.report.meta?.title).toBe("示范县自然资源局2023年度政府信息公开工作年度报告");
    expect(r.report.tables.proactive).toEqual({
      regulations: { issued: 0, repealed: 0, inForce: 0 },
      normativeDocuments: { issued: 2, repealed: 0, inForce: 9 },
      licensing: { decisions: 35 },
      penalties: { decisions: 12 },
      coercion: { decisions: 0 },
      fees: { amount: 0 },
    });
    // 15 numbers of 表四 on one line, each row's values after its label.
    expect(Object.values(r.report.tables.appeals).flatMap((row) => Object.values(row))).toEqual(Array(15).fill(0));
    expect(r.unrecognized.map((n) => n.code)).toEqual(["furniture", "section.textOutsideTable"]);
    expect(r.report.narrative.overview).toBe("全年主动公开信息 120 条。");
  });

  it("a truncated document's last line is never the agency: the import says it needs one", async () => {
    const r = await importReport({ kind: "text", data: fixture("truncated-end.txt") });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.code)).toEqual(["meta.agency.missing"]);
    const withHint = report(await importReport({ kind: "text", data: fixture("truncated-end.txt"), agencyHint: "示范局" }));
    expect(withHint.report.year).toBe(2022); // from the statistics period
    expect(withHint.report.agency.name).toBe("示范局");
    expect(withHint.report.tables.applications.received).toEqual({ natural: 1, commercial: 0, research: 0, nonprofit: 0, legalService: 0, otherOrg: 0, total: 1 });
  });

  it("an agency named only in the signature, a title without agency or year", async () => {
    const r = report(await importReport({ kind: "text", data: fixture("signature-only.txt") }));
    expect(r.report.agency.name).toBe("示范市统计局");
    expect(r.report.year).toBe(2021);
    expect(r.report.tables.proactive.licensing).toEqual({ decisions: 3 });
    expect(r.warnings.map((w) => w.code)).toContain("meta.agency.fromSignature");
  });

  it("markdown 「#」 titles", async () => {
    const text = fixture("signature-only.txt").replace("正文\n政府信息公开工作年度报告", "# 示范市统计局2021年政府信息公开工作年度报告");
    const r = report(await importReport({ kind: "text", data: text }));
    expect(r.report.agency.name).toBe("示范市统计局");
    expect(r.report.meta?.title).toBe("示范市统计局2021年政府信息公开工作年度报告");
    expect(r.warnings.map((w) => w.code)).not.toContain("meta.agency.fromSignature");
  });
});

describe("labels", () => {
  const doc = (rows: string) => `示范局2022年政府信息公开工作年度报告
一、总体情况
概况。
二、主动公开政府信息情况
第二十条第（一）项
信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
${rows}
五、存在的主要问题及改进情况
无。
六、其他需要报告的事项
无。`;

  it("2019's 「规范性文件」 in a 2021 table is 行政规范性文件, with a note", async () => {
    const r = report(await importReport({ kind: "text", data: doc("规章 | 0 | 0 | 3\n规范性文件 | 5 | 1 | 40") }));
    expect(r.report.edition).toBe("2021");
    expect(r.report.tables.proactive.normativeDocuments).toEqual({ issued: 5, repealed: 1, inForce: 40 });
    expect(r.warnings.filter((w) => w.code === "label.otherEdition").map((w) => w.message)).toEqual([
      "第 8 行：表二的行名「规范性文件」是 2019 年版的写法，按 2021 年版的「行政规范性文件」导入",
    ]);
  });

  it("a short row (2 values under 3 columns) is placed by meaning where decidable: 「22 | 235」's 235 is plainly 现行有效", async () => {
    const r = report(await importReport({ kind: "text", data: doc("规章 | 22 | 235\n行政规范性文件 | 5 | 1 | 40") }));
    expect(r.report.tables.proactive.regulations).toEqual({ issued: null, repealed: null, inForce: 235 });
    expect(r.report.tables.proactive.normativeDocuments).toEqual({ issued: 5, repealed: 1, inForce: 40 });
    expect(r.unrecognized).toEqual([]);
    expect(r.warnings.filter((w) => w.code === "value.byMeaning").map((w) => w.message)).toEqual([
      "第 7 行：表二「规章」行只有 2 个数值（应为 3 个）：「235」远大于其余数值，是「现行有效件数」，已填入；「22」是「本年制发件数」还是「本年废止件数」无法确定，留空，请核对",
    ]);
    const unknown = (r.report.meta?.imported as { unknownCells: string[] } | undefined)?.unknownCells;
    expect(unknown?.filter((c) => c.startsWith("proactive.regulations."))).toEqual(["proactive.regulations.issued", "proactive.regulations.repealed"]);
    expect(r.evidence.unknown.find((u) => u.cell === "proactive.regulations.issued")?.why).toBe("该行只有 2 个数值，「22」是「本年制发件数」还是「本年废止件数」无法确定");
  });

  it.each([
    ["規章 | 3 | 12", "a stock that is not plainly one (12 could be a year's repeals)"],
    ["规章 | 30 | 235", "a stock under ten times the flow"],
    ["规章 | 0 | 0", "two zeros"],
  ])("a short row whose meaning does not decide — %s: left blank with a note, never shifted left (%s)", async (line) => {
    const r = report(await importReport({ kind: "text", data: doc(`${line}\n行政规范性文件 | 5 | 1 | 40`) }));
    expect(r.report.tables.proactive.regulations).toEqual({ issued: null, repealed: null, inForce: null });
    expect(r.report.tables.proactive.normativeDocuments).toEqual({ issued: 5, repealed: 1, inForce: 40 });
    expect(r.unrecognized.map((n) => n.code)).toEqual(["value.count"]);
    expect((r.report.meta?.imported as { unknownCells: string[] } | undefined)?.unknownCells).toContain("proactive.regulations.inForce");
  });

  it("a short row in an HTML grid (a <td> dropped) is not placed by position either", async () => {
    const html = (regs: string) =>
      `<h1>示范市测试局2024年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>二、主动公开政府信息情况</p><table>` +
      `<tr><td colspan="4">第二十条第（一）项</td></tr><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>` +
      `<tr><td>规章</td>${regs}</tr><tr><td>行政规范性文件</td><td>5</td><td>1</td><td>40</td></tr></table>` +
      `<p>三、收到和处理政府信息公开申请情况</p><p>四、政府信息公开行政复议、行政诉讼情况</p><p>五、存在的主要问题及改进情况</p><p>六、其他需要报告的事项</p>`;
    const shortDecided = report(await importReport({ kind: "html", data: html("<td>22</td><td>235</td>") }));
    expect(shortDecided.report.tables.proactive.regulations).toEqual({ issued: null, repealed: null, inForce: 235 });
    const shortUndecided = report(await importReport({ kind: "html", data: html("<td>3</td><td>12</td>") }));
    expect(shortUndecided.report.tables.proactive.regulations).toEqual({ issued: null, repealed: null, inForce: null });
    expect(shortUndecided.unrecognized.map((n) => n.code)).toContain("value.count");
    // A blank cell printed as a cell is a blank, not a short row.
    const blankCell = report(await importReport({ kind: "html", data: html("<td>3</td><td>12</td><td></td>") }));
    expect(blankCell.report.tables.proactive.regulations).toEqual({ issued: 3, repealed: 12, inForce: null });
    expect(blankCell.report.tables.proactive.normativeDocuments).toEqual({ issued: 5, repealed: 1, inForce: 40 });
  });

  it("run-together cells with a number missing: that row is reported, the others placed, nothing wrong", async () => {
    const r = report(await importReport({ kind: "text", data: doc("规章 0 3 行政规范性文件 5 1 40").replace("信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数\n", "") }));
    expect(r.report.tables.proactive.regulations).toEqual({ issued: null, repealed: null, inForce: null });
    expect(r.report.tables.proactive.normativeDocuments).toEqual({ issued: 5, repealed: 1, inForce: 40 });
  });
});
