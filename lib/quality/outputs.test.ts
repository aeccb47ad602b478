// The run's downloads list exactly what the run found: the .xlsx (one row per agency, one row per
// finding) and the 通报 .docx (each agency with its problems, in rank order).
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { openDocx } from "../render/testing/docx-parts";
import type { RunResult } from "./batch";
import { cnIndex, noticeContent, noticeText, renderNoticeDocx } from "./notice";
import { DEFAULT_SCHEME } from "./score";
import { renderRunXlsx } from "./xlsx";

const result: RunResult = {
  year: 2024,
  items: [
    { agency: "示范市交通运输局", agencyId: 3, source: "file", fileName: "a.txt", date: "2025-02-20", edition: "2019", score: 80, rank: 3, breakdown: [], findings: [
      { rule: "publication.late", kind: "timeliness", severity: "error", message: "成文日期为2025年2月20日，晚于法定期限2025年1月31日", text: "2025年2月20日" },
      { rule: "document.editionYear", kind: "format", severity: "warning", message: "2024 年度报告应使用 2021 年版格式", cell: "edition" },
    ] },
    { agency: "示范市应急管理局", agencyId: 1, source: "nianbao", score: 95, rank: 2, breakdown: [], findings: [
      { rule: "appeals.total", kind: "arithmetic", severity: "error", message: "表四「行政复议」：总计填报 3，合计为 2（差 1）", cell: "appeals.review.total", reported: 3, computed: 2 },
    ], previous: { year: 2023, previousScore: 90, delta: 5, new: [], persisting: [{ rule: "appeals.total", kind: "arithmetic", message: "表四「行政复议」：总计填报 3，合计为 2（差 1）", cell: "appeals.review.total" }], fixed: [
      { rule: "publication.late", kind: "timeliness", message: "成文日期为2024年2月2日，晚于法定期限2024年1月31日" },
      { rule: "cell.blank", kind: "blank", message: "表二有 3 个单元格空白", cell: "proactive" },
    ] } },
    { agency: "示范市生态环境局", agencyId: 2, source: "file", score: 100, rank: 1, breakdown: [], findings: [] },
  ],
};

describe("the .xlsx", () => {
  it("has one row per agency in rank order and one row per finding", async () => {
    const bytes = await renderRunXlsx(result, { title: "检查结果", scheme: DEFAULT_SCHEME });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("单位得分")!;
    expect([7, 8, 9, 10, 11, 12, 13].map((c) => ws.getCell(2, c).value)).toEqual(["得分", "上年得分", "较上年", "问题数", "新增问题", "已整改", "仍存在"]);
    const rows = [3, 4, 5].map((r) => [1, 2, 7, 8, 9, 10, 11, 12, 13].map((c) => ws.getCell(r, c).value));
    expect(rows).toEqual([
      [1, "示范市生态环境局", 100, null, null, 0, null, null, null],
      [2, "示范市应急管理局", 95, 90, 5, 1, 0, 2, 1],
      [3, "示范市交通运输局", 80, null, null, 2, null, null, null],
    ]);
    // Year over year: each agency compared, one row per finding new, fixed or still there.
    const ys = wb.getWorksheet("与上年对比")!;
    const yoy: unknown[][] = [];
    ys.eachRow((row, n) => {
      if (n > 1) yoy.push([1, 2, 3, 4, 5, 6].map((c) => row.getCell(c).value));
    });
    expect(yoy).toEqual([
      ["示范市应急管理局", 90, 95, 5, "已整改", "publication.late"],
      ["示范市应急管理局", 90, 95, 5, "已整改", "cell.blank"],
      ["示范市应急管理局", 90, 95, 5, "仍存在", "appeals.total"],
    ]);
    const fs = wb.getWorksheet("问题清单")!;
    expect(fs.rowCount).toBe(4);
    expect([2, 3, 4].map((r) => [fs.getCell(r, 1).value, fs.getCell(r, 3).value, fs.getCell(r, 8).value])).toEqual([
      ["示范市应急管理局", "appeals.total", "填报 3，应为 2"],
      ["示范市交通运输局", "publication.late", "2025年2月20日"],
      ["示范市交通运输局", "document.editionYear", ""],
    ]);
  });
});

describe("the 通报", () => {
  it("lists each agency with problems, in rank order, with the overview figures", async () => {
    const c = noticeContent(result, { officeName: "示范市人民政府办公室", date: "2025-03-01" });
    expect(c.title).toBe("关于2024年政府信息公开工作年度报告质量检查情况的通报");
    expect(c.agencies.map((a) => a.heading)).toEqual(["（一）示范市应急管理局（得分 95 分）", "（二）示范市交通运输局（得分 80 分）"]);
    expect(c.agencies[1]!.problems).toEqual(["1. 成文日期为2025年2月20日，晚于法定期限2025年1月31日", "2. 2024 年度报告应使用 2021 年版格式"]);
    expect(c.overview[0]).toBe("本次共检查 3 个单位的2024年政府信息公开工作年度报告，平均得分 91.7 分；1 个单位未发现问题，1 个单位未在2025年1月31日前发布。");
    const xml = await (await openDocx(await renderNoticeDocx(c))).text("word/document.xml");
    for (const line of noticeText(c).split("\n")) expect(xml).toContain(line.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"));
    expect(xml).toContain("方正小标宋");
  });

  it("numbers in Chinese", () => {
    expect([0, 9, 10, 19, 20, 98].map(cnIndex)).toEqual(["一", "十", "十一", "二十", "二十一", "九十九"]);
  });
});
