// Importing Word .docx files, built here with the `docx` package (tables with columnSpan/rowSpan →
// gridSpan/vMerge), so that no binary fixture is committed.

import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { clean2023, seed2020 } from "../fixtures/load";
import { validateReport } from "../rules";
import { cellsOf, reportToDocx } from "./fixtures/from-layout";
import { importReport } from "./index";
import type { ImportResult } from "./types";

function report(r: ImportResult) {
  if (!r.ok || r.type !== "report") throw new Error(`expected a report: ${JSON.stringify(r)}`);
  return r;
}

const p = (text: string) => new Paragraph({ children: [new TextRun(text)] });
const c = (text: string, span: { rowSpan?: number; columnSpan?: number } = {}) => new TableCell({ children: [p(text)], ...span });
const tr = (...cells: TableCell[]) => new TableRow({ children: cells });

/** A 2021-layout report typed in Word, with the usual deviations of hand-made tables. */
async function handMadeDocx(): Promise<Uint8Array> {
  const seven = (...v: string[]) => v.map((x) => c(x));
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: "示范县教育局2023年政府信息公开工作年度报告", bold: true })] }),
          p("本报告根据《中华人民共和国政府信息公开条例》编制。"),
          p("一、总体情况"),
          p("2023年，我局持续深化政务公开。"),
          // A soft line break inside one Word paragraph separates two paragraphs of the report.
          new Paragraph({ children: [new TextRun("（一）主动公开。全年公开信息300条。"), new TextRun({ text: "（二）依申请公开。共收到申请5件。", break: 1 })] }),
          p("二、主动公开政府信息情况"),
          new Table({
            rows: [
              tr(c("第二十条第（一）项", { columnSpan: 4 })),
              tr(c("信息内容"), c("本年制发件数"), c("本年废止件数"), c("现行有效件数")),
              tr(c("规章"), c("0"), c("0"), c("0")),
              tr(c("行政规范性文件"), c("3"), c("1"), c("20")),
              tr(c("第二十条第（五）项", { columnSpan: 4 })),
              tr(c("信息内容"), c("本年处理决定数量", { columnSpan: 3 })),
              tr(c("行政许可"), c("56", { columnSpan: 3 })),
              tr(c("第二十条第（六）项", { columnSpan: 4 })),
              tr(c("信息内容"), c("本年处理决定数量", { columnSpan: 3 })),
              tr(c("行政处罚"), c("4", { columnSpan: 3 })),
              tr(c("行政强制"), c("0", { columnSpan: 3 })),
              tr(c("第二十条第（八）项", { columnSpan: 4 })),
              tr(c("信息内容"), c("本年收费金额（单位：万元）", { columnSpan: 3 })),
              tr(c("行政事业性收费"), c("0", { columnSpan: 3 })),
            ],
          }),
          p("三、收到和处理政府信息公开申请情况"),
          new Table({
            rows: [
              tr(c("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", { rowSpan: 3, columnSpan: 3 }), c("申请人情况", { columnSpan: 7 })),
              tr(c("自然人", { rowSpan: 2 }), c("法人或其他组织", { columnSpan: 5 }), c("总计", { rowSpan: 2 })),
              tr(c("商业企业"), c("科研机构"), c("社会公益组织"), c("法律服务机构"), c("其他")),
              tr(c("一、本年新收政府信息公开申请数量", { columnSpan: 3 }), ...seven("5", "0", "0", "0", "0", "0", "5")),
              tr(c("二、上年结转政府信息公开申请数量", { columnSpan: 3 }), ...seven("0", "0", "0", "0", "0", "0", "0")),
              tr(c("三、本年度办理结果", { rowSpan: 4 }), c("（一）予以公开", { columnSpan: 2 }), ...seven("3", "0", "0", "0", "0", "0", "3")),
              tr(c("（三）不予公开", { rowSpan: 2 }), c("1、属于国家秘密"), ...seven("/", "/", "/", "/", "/", "/", "/")),
              tr(c("4、保护第三方合法权益"), ...seven("1", "/", "/", "/", "/", "/", "1")),
              tr(c("（六）其他处理", { columnSpan: 2 }), ...seven("1", "0", "0", "0", "0", "0", "1")),
              tr(c("四、结转下年度继续办理", { columnSpan: 3 }), ...seven("0", "0", "0", "0", "0", "0", "0")),
            ],
          }),
          p("四、政府信息公开行政复议、行政诉讼情况"),
          new Table({
            rows: [
              tr(c("行政复议", { columnSpan: 5 }), c("行政诉讼", { columnSpan: 10 })),
              tr(
                ...["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"].map((t) => c(t, { rowSpan: 2 })),
                c("未经复议直接起诉", { columnSpan: 5 }),
                c("复议后起诉", { columnSpan: 5 }),
              ),
              tr(...["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"].map((t) => c(t))),
              tr(...["1", "0", "0", "0", "1", "0", "0", "0", "0", "0", "0", "1", "0", "0", "1"].map((t) => c(t))),
            ],
          }),
          p("五、存在的主要问题及改进情况"),
          p("解读形式单一。"),
          p("六、其他需要报告的事项"),
          p("本年度未收取信息处理费。"),
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun("示范县教育局")] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun("2024年1月25日")] }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe("docx", () => {
  it("a hand-made Word report: merged cells, 「1、」, fillers, un-split （六）, soft line breaks", async () => {
    const r = report(await importReport({ kind: "docx", data: await handMadeDocx() }));
    const t = r.report.tables;
    expect(r.report).toMatchObject({
      edition: "2021",
      year: 2023,
      agency: { name: "示范县教育局" },
      meta: { title: "示范县教育局2023年政府信息公开工作年度报告", preamble: "本报告根据《中华人民共和国政府信息公开条例》编制。", signature: "示范县教育局", date: "2024-01-25" },
      narrative: {
        overview: "2023年，我局持续深化政务公开。\n（一）主动公开。全年公开信息300条。\n（二）依申请公开。共收到申请5件。",
        problems: "解读形式单一。",
        other: "本年度未收取信息处理费。",
      },
    });
    expect(t.proactive).toEqual({
      regulations: { issued: 0, repealed: 0, inForce: 0 },
      normativeDocuments: { issued: 3, repealed: 1, inForce: 20 },
      licensing: { decisions: 56 },
      penalties: { decisions: 4 },
      coercion: { decisions: 0 },
      fees: { amount: 0 },
    });
    expect(t.applications.granted).toEqual({ natural: 3, commercial: 0, research: 0, nonprofit: 0, legalService: 0, otherOrg: 0, total: 3 });
    expect(t.applications.withheldStateSecret).toEqual({ natural: null, commercial: null, research: null, nonprofit: null, legalService: null, otherOrg: null, total: null });
    expect(t.applications.withheldThirdParty).toEqual({ natural: 1, commercial: null, research: null, nonprofit: null, legalService: null, otherOrg: null, total: 1 });
    expect(t.applications.otherOther).toEqual({ natural: 1, commercial: 0, research: 0, nonprofit: 0, legalService: 0, otherOrg: 0, total: 1 });
    expect(t.applications.handledTotal).toEqual({ natural: null, commercial: null, research: null, nonprofit: null, legalService: null, otherOrg: null, total: null });
    expect(t.appeals).toEqual({
      review: { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 },
      litigationDirect: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
      litigationAfterReview: { upheld: 0, corrected: 1, other: 0, pending: 0, total: 1 },
    });
    expect(r.warnings.map((w) => w.code).sort()).toEqual(["row.missing", "row.unsplitGroup"]);
    expect(r.warnings.find((w) => w.code === "row.unsplitGroup")!.at).toEqual({ table: 2, row: 9, column: 2 });
    expect(r.warnings.find((w) => w.code === "row.unsplitGroup")!.message).toMatch(/^表格 2 第 9 行第 2 列：表三「（六）其他处理」未按 2021 年版拆分/);
    expect(r.unrecognized).toEqual([]);
  });

  it("the 2021 example report printed from the template layout round-trips cell for cell", async () => {
    const doc = clean2023();
    const r = report(await importReport({ kind: "docx", data: await reportToDocx(doc) }));
    expect(cellsOf(r.report)).toEqual(cellsOf(doc));
    expect(r.report.narrative).toEqual(doc.narrative);
    expect(r.report.meta).toEqual(doc.meta);
    expect(r.warnings).toEqual([]);
    expect(r.unrecognized).toEqual([]);
    expect(validateReport(r.report).ok).toBe(true);
  });

  it("the 2019 seed printed from the template layout round-trips, its two errors included", async () => {
    const doc = seed2020();
    const r = report(await importReport({ kind: "docx", data: await reportToDocx(doc), agencyHint: doc.agency.name, yearHint: 2020 }));
    expect(r.report.tables).toEqual(doc.tables);
    expect(validateReport(r.report).errors).toBe(2);
  });

  it("a file that is not a .docx is refused with a Chinese message", async () => {
    const notZip = await importReport({ kind: "docx", data: new TextEncoder().encode("一、总体情况") });
    expect(notZip.ok).toBe(false);
    if (!notZip.ok) expect(notZip.errors.map((e) => e.message)).toEqual(["文档：不是有效的 .docx 文件（无法按 ZIP 格式读取）"]);

    const zip = new JSZip();
    zip.file("content.xml", "<x/>");
    const otherZip = await importReport({ kind: "docx", data: await zip.generateAsync({ type: "uint8array" }) });
    expect(!otherZip.ok && otherZip.errors[0]!.message).toBe("文档：不是 Word 文档：.docx 文件中没有 word/document.xml");

    const asText = await importReport({ kind: "docx", data: "PK" });
    expect(asText.ok).toBe(false);
  });

  it("Word's other merge forms: hMerge (old horizontal merge) and gridBefore (skipped grid columns)", async () => {
    const t = (text: string, pr = "") => `<w:tc>${pr ? `<w:tcPr>${pr}</w:tcPr>` : ""}<w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;
    const row = (cells: string, trPr = "") => `<w:tr>${trPr ? `<w:trPr>${trPr}</w:trPr>` : ""}${cells}</w:tr>`;
    const heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    const appeals =
      "<w:tbl>" +
      row(t("行政复议", '<w:hMerge w:val="restart"/>') + t("", "<w:hMerge/>").repeat(4) + t("行政诉讼", '<w:gridSpan w:val="10"/>')) +
      row(heads.map((h) => t(h, '<w:vMerge w:val="restart"/>')).join("") + t("未经复议直接起诉", '<w:gridSpan w:val="5"/>') + t("复议后起诉", '<w:gridSpan w:val="5"/>')) +
      row(t("", "<w:vMerge/>").repeat(5) + [...heads, ...heads].map((h) => t(h)).join("")) +
      row(["3", "0", "0", "0", "3", "0", "1", "0", "0", "1", "0", "0", "0", "2", "2"].map((v) => t(v)).join("")) +
      "</w:tbl>";
    // Table 三's corner spans three rows; the rows below it start after it with gridBefore instead of continuation cells.
    const applications =
      "<w:tbl>" +
      row(t("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", '<w:gridSpan w:val="3"/>') + t("申请人情况", '<w:gridSpan w:val="7"/>')) +
      row(t("自然人") + t("法人或其他组织", '<w:gridSpan w:val="5"/>') + t("总计"), '<w:gridBefore w:val="3"/>') +
      row(t("") + ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"].map((h) => t(h)).join("") + t(""), '<w:gridBefore w:val="3"/>') +
      row(t("一、本年新收政府信息公开申请数量", '<w:gridSpan w:val="3"/>') + ["2", "1", "0", "0", "0", "0", "3"].map((v) => t(v)).join("")) +
      "</w:tbl>";
    const p = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;
    const xml = `<w:document xmlns:w="x"><w:body>${p("某局2022年政府信息公开工作年度报告")}${p("三、收到和处理政府信息公开申请情况")}${applications}${p("四、政府信息公开行政复议、行政诉讼情况")}${appeals}</w:body></w:document>`;
    const zip = new JSZip();
    zip.file("word/document.xml", xml);
    const r = report(await importReport({ kind: "docx", data: await zip.generateAsync({ type: "uint8array" }) }));
    expect(r.report.tables.appeals).toEqual({
      review: { upheld: 3, corrected: 0, other: 0, pending: 0, total: 3 },
      litigationDirect: { upheld: 0, corrected: 1, other: 0, pending: 0, total: 1 },
      litigationAfterReview: { upheld: 0, corrected: 0, other: 0, pending: 2, total: 2 },
    });
    expect(r.report.tables.applications.received).toEqual({ natural: 2, commercial: 1, research: 0, nonprofit: 0, legalService: 0, otherOrg: 0, total: 3 });
  });

  it("reads through tracked changes: inserted text counts, deleted text does not", async () => {
    const xml = `<?xml version="1.0"?><w:document xmlns:w="x"><w:body>
      <w:p><w:r><w:t>某局2023年政府信息公开工作年度报告</w:t></w:r></w:p>
      <w:p><w:r><w:t>一、概述</w:t></w:r></w:p>
      <w:p><w:ins><w:r><w:t xml:space="preserve">新增&amp;保留</w:t></w:r></w:ins><w:del><w:r><w:delText>删除的</w:delText></w:r></w:del></w:p>
    </w:body></w:document>`;
    const zip = new JSZip();
    zip.file("word/document.xml", xml);
    const r = await importReport({ kind: "docx", data: await zip.generateAsync({ type: "uint8array" }), agencyHint: "某局" });
    expect(r.ok && r.type === "legacy" && r.legacy.sections).toEqual([{ heading: "一、概述", text: "新增&保留" }]);
  });

  it("refuses tables nested thousands deep with a Chinese reason instead of exhausting the stack (found by fuzz.test.ts)", async () => {
    const n = 3000;
    const xml = `<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>某局2023年政府信息公开工作年度报告</w:t></w:r></w:p>${"<w:tbl><w:tr><w:tc>".repeat(n)}<w:p><w:r><w:t>深</w:t></w:r></w:p>${"</w:tc></w:tr></w:tbl>".repeat(n)}</w:body></w:document>`;
    const zip = new JSZip();
    zip.file("word/document.xml", xml);
    const r = await importReport({ kind: "docx", data: await zip.generateAsync({ type: "uint8array" }) });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => e.code)).toEqual(["input.unreadable"]);
      expect(r.errors[0]!.message).toContain("嵌套超过");
    }
  });
});
