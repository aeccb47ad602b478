// Importing plain text as scraped: the five real seeds, and the variants of the seeds' layout.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { getCell } from "../data";
import { seed2020 } from "../fixtures/load";
import { validateReport } from "../rules";
import { importReport } from "./index";
import { parseLegacyReport } from "./legacy";
import type { ImportResult } from "./types";

const seed = (name: string) => readFileSync(new URL(`./fixtures/seeds/${name}`, import.meta.url), "utf8");
const SEED = {
  s000: seed("000_bb6b4cb57292b92b.txt"),
  s001: seed("001_e58fc4138ebb9d36.txt"),
  s002: seed("002_dde7539a227df57a.txt"),
  s003: seed("003_7bcad31b0e10dcd8.txt"),
  s004: seed("004_e5c3cb7e9a4f2ae8.txt"),
};

function report(r: ImportResult) {
  if (!r.ok || r.type !== "report") throw new Error(`expected a report: ${JSON.stringify(r)}`);
  return r;
}
function legacy(r: ImportResult) {
  if (!r.ok || r.type !== "legacy") throw new Error(`expected a legacy report: ${JSON.stringify(r)}`);
  return r;
}
const codes = (notes: { code: string }[]) => notes.map((n) => n.code);

describe("seed 001 (南通市应急管理局 2020, 2019 edition, one cell per line)", () => {
  it("imports to exactly the hand transcription, narratives included", async () => {
    const r = report(await importReport({ kind: "text", data: SEED.s001, agencyHint: "南通市应急管理局" }));
    expect(r.report).toEqual(seed2020());
    expect(r.edition).toBe("2019");
    expect(r.findings).toEqual({ tables: ["proactive", "applications", "appeals"], sections: ["一", "二", "三", "四", "五", "六"], editionBasis: "tables" });
  });

  it("reproduces exactly the two printed errors through validateReport", async () => {
    const r = report(await importReport({ kind: "text", data: SEED.s001, agencyHint: "南通市应急管理局" }));
    const v = validateReport(r.report);
    expect(v).toMatchObject({ ok: false, errors: 2, warnings: 0 });
    expect(v.issues.map((i) => [i.rule, i.cell, i.reported, i.computed])).toEqual([
      ["applications.rowTotal", "applications.withheldThirdParty.total", 1, 2],
      ["applications.handledTotal", "applications.handledTotal.otherOrg", 0, 1],
    ]);
  });

  it("says what it inferred: the year from the text, the truncated 「本年新」 headers by position", async () => {
    const r = report(await importReport({ kind: "text", data: SEED.s001, agencyHint: "南通市应急管理局" }));
    expect(r.warnings.map((w) => w.message)).toEqual([
      "文档：报告的标题和开头没有写明年度，根据正文中最常提到的年份推断为 2020 年度，请核对",
      "第 10 行：表二表头「本年新」不完整，按位置识别为「本年新制作数量」",
      "第 11 行：表二表头「本年新」不完整，按位置识别为「本年新公开数量」",
    ]);
    expect(r.unrecognized).toEqual([]);
  });

  it("without the agency name (printed nowhere) it fails with a Chinese message saying what to do", async () => {
    const r = await importReport({ kind: "text", data: SEED.s001 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(codes(r.errors)).toEqual(["meta.agency.missing"]);
    expect(r.errors[0]!.message).toContain("--agency");
  });

  it("a year hint that differs from the document wins, with a warning; bytes work like text", async () => {
    const bytes = new TextEncoder().encode(SEED.s001.replace("2020年,我局认真", "2020年度政府信息公开工作年度报告。2020年,我局认真"));
    const r = report(await importReport({ kind: "text", data: bytes, agencyHint: "南通市应急管理局", yearHint: 2020 }));
    expect(r.report.year).toBe(2020);
    expect(codes(r.warnings)).not.toContain("meta.year.hintDiffers");
    const r2 = report(await importReport({ kind: "text", data: SEED.s001, agencyHint: "南通市应急管理局", yearHint: 2021 }));
    expect(r2.report.year).toBe(2021);
    expect(r2.report.edition).toBe("2019"); // the tables decide the edition, not the year
    expect(codes(r2.warnings)).toContain("edition.differsFromYear");
    expect(validateReport(r2.report).issues.map((i) => i.rule)).toContain("document.editionYear");
  });
});

describe("legacy seeds", () => {
  it("seed 000 (巴州应急管理局 2019, written in the old style): legacy by structure", async () => {
    const r = legacy(await importReport({ kind: "text", data: SEED.s000 }));
    expect(r.legacyReason).toContain("没有法定表格");
    expect(r.legacy).toMatchObject({ format: "nianbao/legacy-report@1", year: 2019, agency: { name: "巴州应急管理局" }, date: "2019-12-02" });
    expect(r.legacy.signature).toBeUndefined();
    expect(r.legacy.sections.map((s) => s.heading)).toEqual([
      "一、概述",
      "二、工作开展情况",
      "三、主动公开政府信息情况",
      "四、依申请公开及行政复议、诉讼情况",
      "五、政府信息公开相关费用情况",
      "六、存在问题及改进措施",
    ]);
    expect(r.legacy.preamble?.split("\n")).toHaveLength(2);
    expect(r.legacy.sections[3]!.text).toBe(
      "我局积极组织开展依申请公开、行政复议、诉讼工作。按照《条例》第十三条之规定,为受理公民、法人或者其他组织根据自身生产、生活、科研等特殊需要提出的政府信息公开申请开辟便捷通道,不断规范、优化依申请公开的各项制度建设。2019年度我局暂无收到政府信息公开申请。2019年全州因政府信息公开产生行政复议0件,行政诉讼0件。",
    );
    expect(r.unrecognized).toEqual([]);
  });

  it("seed 002 (泸州市 2018, traditional script, page furniture at the end)", async () => {
    const r = legacy(await importReport({ kind: "text", data: SEED.s002 }));
    expect(r.legacyReason).toContain("2018 年度");
    expect(r.legacy).toMatchObject({ year: 2018, agency: { name: "瀘州市" }, title: "2018年瀘州市政府信息公開工作年度報告" });
    expect(r.legacy.sections.map((s) => s.heading)).toEqual(["一、概述", "二、政府信息主動公開情況"]);
    expect(r.legacy.sections[1]!.text.endsWith("其中通過瀘州信息公開服務監管平台公開的信息299247 條。\n（一）通過新聞發布會主動公開政府信息情況。健全新聞發布會制度")).toBe(false);
    expect(r.legacy.sections[1]!.text).not.toContain("相關詞條");
    expect(r.unrecognized.map((n) => [n.code, n.message])).toEqual([
      ["furniture", "第 38 行：网页附加内容（导航、链接、登录等）未导入（3 处：「相關詞條」「熱門詞條」「聯絡我們」）"],
    ]);
  });

  it("seed 003 (衢州市安监局 2018): signature, date and the statistics table as printed (errors kept)", async () => {
    const r = legacy(await importReport({ kind: "text", data: SEED.s003 }));
    const l = r.legacy;
    expect(l).toMatchObject({ year: 2018, agency: { name: "衢州市安全生产监督管理局" }, signature: "衢州市安全生产监督管理局", date: "2019-01-07" });
    expect(l.sections).toHaveLength(7);
    expect(l.sections[6]!.heading).toBe("七、下一步工作建议和改进情况");
    expect(l.statistics?.title).toBe("政府信息公开情况统计表 (2018年度) 填报单位:衢州市安监局");
    expect(l.statistics?.valueLabel).toBe("年度累计数");
    expect(l.statistics?.rows).toHaveLength(84); // format-legacy.md §3.2: 84 indicators
    const row = (indicator: string) => l.statistics!.rows.find((x) => x.indicator === indicator);
    expect(row("一、主动公开情况")).toEqual({ indicator: "一、主动公开情况", unit: "——", value: 502 }); // a heading row with a number (L-HEAD)
    expect(row("其中:主动公开规范性文件数")).toEqual({ indicator: "其中:主动公开规范性文件数", unit: "条", value: null });
    expect(row("(一)收到申请数")?.value).toBe(0); // the real inconsistency: 0 received …
    expect(row("2.传真申请数")?.value).toBe(1); // … but 1 by fax
    expect(row("(三)接受培训人员数")).toEqual({ indicator: "(三)接受培训人员数", unit: "人次", value: 13 });
    expect(r.unrecognized).toEqual([]);
  });

  it("seed 004 (乌鲁木齐高新区 2017, traditional script): signature, date, 「用戶登錄」 reported", async () => {
    const r = legacy(await importReport({ kind: "text", data: SEED.s004 }));
    expect(r.legacy).toMatchObject({
      year: 2017,
      agency: { name: "高新區(新市區)" },
      signature: "高新區(新市區)政府辦公室",
      date: "2018-02-08",
    });
    expect(r.legacy.sections.map((s) => s.heading)).toEqual(["一、概述", "二、政府信息公開基本情況", "三、2018年政府信息公開工作思路"]);
    expect(r.legacy.sections[2]!.text.split("\n").at(-1)).toBe("注:本年報中所列數據的統計期限自2017年1月1日之日起,至2017年12月31日止。");
    expect(r.unrecognized.map((n) => n.message)).toEqual(["第 27 行：网页附加内容「用戶登錄」未导入"]);
  });

  it("every legacy import is a valid nianbao/legacy-report@1 document (also after a JSON round trip)", async () => {
    for (const data of [SEED.s000, SEED.s002, SEED.s003, SEED.s004]) {
      const r = legacy(await importReport({ kind: "text", data }));
      const back = parseLegacyReport(JSON.parse(JSON.stringify(r.legacy)));
      expect(back).toEqual({ ok: true, legacy: r.legacy });
    }
  });

  it("a pre-2019 year makes any report legacy, even one with the six headings", async () => {
    const text = SEED.s001.replace("2020年,我局认真", "2018年度政府信息公开工作年度报告。2020年,我局认真");
    const r = await importReport({ kind: "text", data: text, agencyHint: "某局", yearHint: 2018 });
    expect(r.ok && r.type).toBe("legacy");
  });
});

// A 2022 report still printed in the 2019 format, one printed row per line (format-2021.md §8).
const ROWS_2022 = `示范县交通运输局2022年政府信息公开工作年度报告
本报告由示范县交通运输局编制。
一、总体情况
2022年，我局认真落实条例。
二、主动公开政府信息情况
第二十条第（一）项 | | |
信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |
规章 | 0 | 0 | 0 |
规范性文件 | 2 | 2 | 17 |
第二十条第（五）项 | | |
信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |
行政许可 | 12 | -1 | 340 |
其他对外管理服务事项 | 3 | 0 | 25 |
第二十条第（六）项 | | |
信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |
行政处罚 | 120 | +5 | 88 |
行政强制 | 4 | 0 | 2 |
其他主动公开文件 | 5 | 6 | 7 |
第二十条第（八）项 | | |
信息内容 | 上一年项目数量 | 本年增/减 | |
行政事业性收费 | 1 | 0 | |
第二十条第（九）项 | | |
信息内容 | 采购项目数量 | 采购总金额 | |
政府集中采购 | 3 | 45.5 | |
三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |
自然人 | 法人或其他组织 | 总计 |
商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |
一、本年新收政府信息公开申请数量 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |
二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
三、本年度办理结果 | （一）予以公开 | 3 | 1 | 0 | 0 | 0 | 0 | 4 |
（二）部分公开（区分处理的，只计这一情形，不计其他情形） | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
（六）其他处理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
（七）总计 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |
四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
四、政府信息公开行政复议、行政诉讼情况
行政复议 | 行政诉讼 |
结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |
结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
五、存在的主要问题及改进措施
信息公开不够及时。
六、其他需要报告的事项
无。
示范县交通运输局
2023年1月18日`;

describe("statutory reports in text (one printed row per line)", () => {
  it("2019 tables in a 2022 report: the 2019 edition, year kept, the rule engine warns", async () => {
    const r = report(await importReport({ kind: "text", data: ROWS_2022 }));
    expect(r.report).toMatchObject({
      edition: "2019",
      year: 2022,
      agency: { name: "示范县交通运输局" },
      meta: { title: "示范县交通运输局2022年政府信息公开工作年度报告", preamble: "本报告由示范县交通运输局编制。", signature: "示范县交通运输局", date: "2023-01-18" },
      narrative: { overview: "2022年，我局认真落实条例。", problems: "信息公开不够及时。", other: "无。" },
    });
    expect(r.findings.editionBasis).toBe("tables");
    expect(r.warnings.find((w) => w.code === "edition.differsFromYear")!.message).toBe(
      "第 6 行：报告的表格使用 2019 年版格式（国办公开办函〔2019〕60号），而 2022 年度应使用 2021 年版格式（国办公开办函〔2021〕30号）；已按表格实际使用的 2019 年版导入，校验时会提示格式版本",
    );
    expect(validateReport(r.report).issues.filter((i) => i.rule === "document.editionYear")).toHaveLength(1);
  });

  it("places every value of a row line, signed changes and decimals as printed", async () => {
    const r = report(await importReport({ kind: "text", data: ROWS_2022 }));
    expect(r.report.tables.proactive).toEqual({
      regulations: { produced: 0, published: 0, publishedTotal: 0 },
      normativeDocuments: { produced: 2, published: 2, publishedTotal: 17 },
      licensing: { previous: 12, change: -1, decisions: 340 },
      otherServices: { previous: 3, change: 0, decisions: 25 },
      penalties: { previous: 120, change: 5, decisions: 88 },
      coercion: { previous: 4, change: 0, decisions: 2 },
      fees: { previous: 1, change: 0 },
      procurement: { projects: 3, amount: 45.5 },
    });
    expect(r.report.tables.applications.granted).toEqual({ natural: 3, commercial: 1, research: 0, nonprofit: 0, legalService: 0, otherOrg: 0, total: 4 });
    expect(r.report.tables.applications.otherHandling!.natural).toBe(1);
    expect(getCell(r.report, "appeals.litigationAfterReview.total")).toBe(0);
  });

  it("reports an unknown row with its values, and the rows it did not find", async () => {
    const r = report(await importReport({ kind: "text", data: ROWS_2022 }));
    expect(r.unrecognized.map((n) => n.message)).toEqual(["第 18 行：表二中的行「其他主动公开文件」不是 2019 年版格式中的行，未导入（数值：5、6、7）"]);
    const missing = r.warnings.find((w) => w.code === "row.missing")!;
    expect(missing.table).toBe("applications");
    expect(missing.message).toContain("「1.属于国家秘密」、「2.其他法律行政法规禁止公开」");
    expect(missing.message).toContain("等 16 行");
    expect(getCell(r.report, "applications.withheldThirdParty.natural")).toBeNull();
  });

  it("2021 （六） rows in a 2019 table are added up into 「（六）其他处理」", async () => {
    const text = ROWS_2022.replace(
      "（六）其他处理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
      [
        "（六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 1 | 0 | 0 | 0 | 0 | 1 |",
        "3.其他 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |",
      ].join("\n"),
    );
    const r = report(await importReport({ kind: "text", data: text }));
    expect(r.report.edition).toBe("2019");
    expect(r.report.tables.applications.otherHandling).toEqual({ natural: 3, commercial: 1, research: 0, nonprofit: 0, legalService: 0, otherOrg: 0, total: 4 });
    expect(r.warnings.find((w) => w.code === "row.otherEdition")?.message).toContain("已将其数值相加后填入该行");
  });

  it("a 2021 table with one un-split 「（六）其他处理」 row: its values go to 「3.其他」", async () => {
    const text = `某局2023年政府信息公开工作年度报告
三、收到和处理政府信息公开申请情况
信息内容 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
（五）不予处理 | 1.信访举报投诉类申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
（六）其他处理 | 4 | 0 | 0 | 0 | 0 | 1 | 5 |
（七）总计 | 4 | 0 | 0 | 0 | 0 | 1 | 5 |`;
    const r = report(await importReport({ kind: "text", data: text }));
    expect(r.report.edition).toBe("2021");
    expect(r.report.tables.applications.otherOther).toEqual({ natural: 4, commercial: 0, research: 0, nonprofit: 0, legalService: 0, otherOrg: 1, total: 5 });
    expect(r.report.tables.applications.otherNoCorrection!.natural).toBeNull();
    expect(r.warnings.find((w) => w.code === "row.unsplitGroup")?.message).toMatch(/^第 5 行：表三「（六）其他处理」未按 2021 年版拆分填报，整行数值已填入「3.其他」行/);
  });
});

describe("text tables read cell by cell (seed 001's layout)", () => {
  const base = (rows: string) => `某局2020年政府信息公开工作年度报告
一、总体情况
概况。
二、主动公开政府信息情况
第二十条第(一)项 |
信息内容 |
本年新制作数量 |
本年新公开数量 |
对外公开总数量 |
|
${rows}
五、存在的主要问题及改进情况
问题。
六、其他需要报告的事项
无`;

  it("with fewer values than columns nothing is placed: a missing value could be any of them", async () => {
    const r = report(await importReport({ kind: "text", data: base("规章 |\n0 |\n0 |\n|\n规范性文件 |\n1 |\n2 |\n3 |") }));
    expect(r.report.tables.proactive.regulations).toEqual({ produced: null, published: null, publishedTotal: null });
    expect(r.report.tables.proactive.normativeDocuments).toEqual({ produced: 1, published: 2, publishedTotal: 3 });
    expect(r.unrecognized.map((n) => n.message)).toEqual([
      "第 11 行：表二「规章」行只找到 2 个数值，应为 3 个，无法确定各数值所在的列，未导入（数值：0、0）",
    ]);
  });

  it("values after a complete row are reported, non-numeric values too", async () => {
    const r = report(await importReport({ kind: "text", data: base("规章 |\n0 |\n暂无 |\n0 |\n9 |\n|\n规范性文件 |\n1 |\n2 |\n3 |") }));
    expect(r.report.tables.proactive.regulations).toEqual({ produced: 0, published: null, publishedTotal: 0 });
    expect(r.unrecognized.map((n) => n.code)).toEqual(["value.notNumeric", "value.extra"]);
    expect(r.unrecognized.map((n) => n.message)).toEqual([
      "第 13 行：表二「规章」行「本年新公开数量」列的内容「暂无」不是数字，按空白导入",
      "第 15 行：表二中的数值「9」无法对应到任何栏目，未导入",
    ]);
    expect(r.unrecognized[0]!.cell).toBe("proactive.regulations.published");
  });

  it("a table printed without separators (text copied from a PDF) is still read", async () => {
    const text = base("规章\n0\n0\n0\n规范性文件\n1\n2\n3").replace(/ \|$/gm, "").replace(/^\|$/m, "");
    const r = report(await importReport({ kind: "text", data: text }));
    expect(r.report.tables.proactive.normativeDocuments).toEqual({ produced: 1, published: 2, publishedTotal: 3 });
    expect(r.findings.tables).toContain("proactive");
  });

  it("text in a table section outside the table is reported", async () => {
    const r = report(await importReport({ kind: "text", data: base("规章 |\n0 |\n0 |\n0 |").replace("第二十条第(一)项 |", "单位：件\n第二十条第(一)项 |") }));
    expect(r.unrecognized.map((n) => n.message)).toEqual(["第 5 行：「二、主动公开政府信息情况」部分中表格以外的文字「单位：件」未导入"]);
  });
});

describe("text around the tables", () => {
  it("a 「|」 inside a sentence stays in the narrative", async () => {
    const text = ROWS_2022.replace("信息公开不够及时。", "信息公开不够及时。\n联系电话：0830-1234567 | 传真：0830-7654321");
    const r = report(await importReport({ kind: "text", data: text }));
    expect(r.report.narrative.problems).toBe("信息公开不够及时。\n联系电话：0830-1234567 | 传真：0830-7654321");
    expect(r.unrecognized.map((n) => n.code)).toEqual(["row.unknown"]);
  });
});

describe("page metadata", () => {
  it("「发布时间：… 来源：…」 between title and 一 is reported, not taken into the preamble", async () => {
    const text = ["某局2024年政府信息公开工作年度报告", "发布时间：2025-01-20 来源：某局 浏览次数：12", "本报告根据条例编制。", ROWS_2022.split("\n").slice(2).join("\n")].join("\n");
    const r = report(await importReport({ kind: "text", data: text }));
    expect(r.report.meta?.preamble).toBe("本报告根据条例编制。");
    expect(r.unrecognized[0]!.message).toBe("第 2 行：网页附加内容（发布信息等）未导入（1 处：「发布时间：2025-01-20 来源：某…」）");
    expect(r.unrecognized[0]!.text).toBe("发布时间：2025-01-20 来源：某局 浏览次数：12");
  });
});

describe("unusable text", () => {
  it("empty input", async () => {
    const r = await importReport({ kind: "text", data: "  \n\n " });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.message)).toEqual(["文档：文档中没有文字内容"]);
  });
  it("no structure at all", async () => {
    const r = await importReport({ kind: "text", data: "2018年的一些文字。\n另一段。", agencyHint: "某局" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(codes(r.errors)).toEqual(["structure.none"]);
  });
  it("no year anywhere", async () => {
    const r = await importReport({ kind: "text", data: "某局政府信息公开工作年度报告\n一、概述\n正文。" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toContain("--year");
  });
});
