import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { computeDerived, emptyReport, type ReportDoc } from "../data";
import { allCells, getEdition } from "../template";
import { clean2023, clean2024, edit, seed2020 } from "../fixtures/load";
import { renderDocx, renderHtml } from "../render";
import { openDocx } from "../render/testing/docx-parts";
import { contributionsTo, rollUp, rollupDocument, rollupVerdict, validateRollup, type RollupSource } from "./index";
import { renderRollupXlsx } from "./xlsx";

function source(doc: ReportDoc, agencyId: number, agencyName: string, state: RollupSource["state"] = "published"): RollupSource {
  return { agencyId, agencyName, reportId: agencyId * 10, state, edition: doc.edition, tables: doc.tables };
}

// Two different valid 2024 reports: the fixture, and the 2023 fixture moved to 2024.
const a = clean2024();
const b = { ...clean2023(), year: 2024 };
const sources = [source(a, 1, "甲局"), source(b, 2, "乙局", "approved")];

/** The expected sum, read straight from the JSON objects (not via the template). */
function jsonSum(docs: ReportDoc[], table: string, row: string, column: string): number | null {
  const vals = docs.map((d) => (d.tables as Record<string, Record<string, Record<string, number | null>>>)[table]?.[row]?.[column] ?? null);
  return vals.every((v) => v === null) ? null : vals.reduce<number>((s, v) => s + (v ?? 0), 0);
}

describe("roll-up", () => {
  it("sums every cell of every table, totals included", () => {
    const r = rollUp(2024, "示范市人民政府办公室", sources);
    expect(r.included.map((m) => m.agencyName)).toEqual(["甲局", "乙局"]);
    expect(r.excluded).toEqual([]);
    let checked = 0;
    for (const [table, rows] of Object.entries(a.tables))
      for (const [row, cols] of Object.entries(rows))
        for (const column of Object.keys(cols)) {
          const got = (r.doc.tables as Record<string, Record<string, Record<string, number | null>>>)[table]![row]![column];
          const want = jsonSum([a, b], table, row, column);
          if (want === null) expect(got).toBeNull();
          else expect(got).toBeCloseTo(want, 6);
          checked++;
        }
    expect(checked).toBeGreaterThan(100);
    expect(r.doc.tables.applications.received!.total).toBe(a.tables.applications.received!.total! + b.tables.applications.received!.total!);
  });

  it("keeps blank ≠ 0 and adds amounts without binary noise", () => {
    const x = edit(a, { "applications.received.natural": null, "proactive.fees.amount": 0.1 });
    const y = edit(b, { "applications.received.natural": null, "proactive.fees.amount": 0.2 });
    const z = edit(b, { "applications.received.natural": 0 });
    expect(rollUp(2024, "办", [source(x, 1, "甲"), source(y, 2, "乙")]).doc.tables.applications.received!.natural).toBeNull();
    expect(rollUp(2024, "办", [source(x, 1, "甲"), source(z, 2, "乙")]).doc.tables.applications.received!.natural).toBe(0);
    expect(rollUp(2024, "办", [source(x, 1, "甲"), source(y, 2, "乙")]).doc.tables.proactive.fees!.amount).toBe(0.3);
  });

  it("lists a report in another edition as not summed, with the reason", () => {
    const old = { ...seed2020(), year: 2024 };
    const r = rollUp(2024, "办", [...sources, source(old, 3, "丙局")]);
    expect(r.included).toHaveLength(2);
    expect(r.excluded).toEqual([expect.objectContaining({ agencyName: "丙局", reason: expect.stringContaining("2019年版") })]);
  });

  it("is validated by the same rules: sound inputs give no error, a wrong total in one report shows", () => {
    expect(validateRollup(rollUp(2024, "办", sources)).errors).toBe(0);
    const broken = edit(a, { "applications.received.total": 999 });
    const v = validateRollup(rollUp(2024, "办", [source(broken, 1, "甲局"), sources[1]!]));
    expect(v.issues.map((i) => i.rule)).toContain("applications.rowTotal");
    expect(v.issues.every((i) => !i.rule.startsWith("narrative."))).toBe(true);
  });

  it("never calls a sum clean while an incomplete report is in it", () => {
    const sound = rollUp(2024, "办", sources);
    expect(sound.incomplete).toEqual([]);
    expect(rollupVerdict(sound, validateRollup(sound))).toEqual({ clean: true, text: "无错误" });
    const empty = emptyReport(2024, "空局");
    const withEmpty = rollUp(2024, "办", [...sources, source(empty, 3, "空局")]);
    const inputs = allCells(getEdition("2021")).filter((c) => !c.derived).length;
    expect(withEmpty.incomplete).toEqual([{ agencyId: 3, agencyName: "空局", reportId: 30, state: "published", blankCells: inputs }]);
    const v = rollupVerdict(withEmpty, validateRollup(withEmpty));
    expect(v.clean).toBe(false);
    expect(v.text).toContain(`1 份计入的年报未填写完整：空局（${inputs} 个单元格空白）`);
    expect(rollupDocument(withEmpty, { officeName: "办", states: ["published"], generatedAt: new Date() }).meta!.preamble).toContain("未填写完整");
  });

  it("drills down from a cell to the agencies that make it up", () => {
    const c = contributionsTo("applications.received.natural", 2024, sources);
    expect(c.map((x) => [x.agencyName, x.value])).toEqual(
      [
        ["甲局", a.tables.applications.received!.natural],
        ["乙局", b.tables.applications.received!.natural],
      ].sort((p, q) => (q[1] as number) - (p[1] as number)),
    );
    expect(c.reduce((s, x) => s + x.value, 0)).toBe(rollUp(2024, "办", sources).doc.tables.applications.received!.natural);
    expect(contributionsTo("applications.nonsense.natural", 2024, sources)).toEqual([]);
    const blank = edit(a, { "applications.received.natural": null });
    expect(contributionsTo("applications.received.natural", 2024, [source(blank, 1, "甲局"), sources[1]!]).map((x) => x.agencyName)).toEqual(["乙局"]);
  });
});

describe("roll-up exports", () => {
  const result = rollUp(2024, "示范市人民政府办公室", sources);
  const doc = rollupDocument(result, { officeName: "示范市人民政府办公室", states: ["approved", "published"], generatedAt: new Date("2025-02-03T02:00:00Z") });

  it("prints the three tables, no narrative sections, through the report renderers", async () => {
    const html = renderHtml(doc, { tablesOnly: true });
    expect(html).toContain("示范市人民政府办公室所属单位2024年政府信息公开工作年度报告统计数据汇总");
    expect(html).toContain("所属 2 个单位");
    expect((html.match(/<table/g) ?? []).length).toBe(3);
    expect(html).not.toContain("一、总体情况");
    expect(html).toContain("2025年2月3日");
    const cell = `data-cell="applications.received.total"`;
    const m = new RegExp(`${cell}[^>]*>(\\d+)<`).exec(html);
    expect(Number(m?.[1])).toBe(result.doc.tables.applications.received!.total);
    const xml = await (await openDocx(await renderDocx(doc, { tablesOnly: true }))).text("word/document.xml");
    expect(xml).toContain("统计数据汇总");
    expect(xml).not.toContain("一、总体情况");
    expect((xml.match(/<w:tbl>/g) ?? []).length).toBe(3);
  });

  it("writes an .xlsx with the tables in their printed layout, the per-agency detail and the notes", async () => {
    const bytes = await renderRollupXlsx(result, sources, validateRollup(result), { officeName: "示范市人民政府办公室", preamble: doc.meta!.preamble! });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["表二", "表三", "表四", "单位明细", "说明"]);
    const t3 = wb.getWorksheet("表三")!;
    // Merged header cells exist (the printed layout), and the total of 一、本年新收 is the sum.
    expect(Object.keys((t3 as unknown as { _merges: Record<string, unknown> })._merges).length).toBeGreaterThan(5);
    const values: number[] = [];
    t3.eachRow((row) => row.eachCell((c) => typeof c.value === "number" && values.push(c.value)));
    expect(values).toContain(result.doc.tables.applications.received!.total);
    const detail = wb.getWorksheet("单位明细")!;
    expect(detail.getRow(2).getCell(1).value).toBe("甲局");
    expect(detail.getRow(3).getCell(1).value).toBe("乙局");
    expect(detail.getRow(4).getCell(1).value).toBe("合计");
    // Every column of the 合计 row is the sum of the agencies above it.
    for (let k = 3; k <= detail.columnCount; k++) {
      const [x, y, sum] = [2, 3, 4].map((r) => detail.getRow(r).getCell(k).value as number | null);
      if (sum === null) expect([x, y]).toEqual([null, null]);
      else expect(sum).toBeCloseTo((x ?? 0) + (y ?? 0), 6);
    }
    expect(String(wb.getWorksheet("说明")!.getRow(1).getCell(2).value)).toContain("所属 2 个单位");
  });

  it("a roll-up of sound reports equals what computeDerived makes of its inputs", () => {
    expect(computeDerived(result.doc).tables).toEqual(result.doc.tables);
  });
});
