// Issue 15 §6: every imported cell records where it was printed (line of text, grid cell of an
// HTML/.docx table, page of a PDF — import-pdf.test.ts), and every cell left blank says why.

import { describe, expect, it } from "vitest";
import { getCell, type ReportDoc } from "../data";
import { clean2024, seed2020 } from "../fixtures/load";
import { renderDocx } from "../render";
import { reportToHtml } from "./fixtures/from-layout";
import { importReport } from "./index";
import { SHAPES, zeroFilled } from "./testing/shape-cases";
import { reportAsText } from "./testing/shapes";
import { parseCellValue } from "./values";
import type { ImportResult } from "./types";

function report(r: ImportResult) {
  if (!r.ok || r.type !== "report") throw new Error(`expected a report: ${JSON.stringify(r).slice(0, 400)}`);
  return r;
}

function filledCells(doc: ReportDoc): string[] {
  return Object.entries(doc.tables).flatMap(([t, rows]) =>
    Object.entries(rows as Record<string, Record<string, number | null>>).flatMap(([row, cols]) =>
      Object.entries(cols)
        .filter(([, v]) => v !== null)
        .map(([col]) => `${t}.${row}.${col}`),
    ),
  );
}

/** Every filled cell has exactly one piece of evidence, whose printed text is that value. */
function expectEvidenceOfEveryCell(r: Extract<ImportResult, { type: "report" }>): void {
  const cells = r.evidence.cells.map((c) => c.cell);
  expect(new Set(cells).size).toBe(cells.length);
  expect([...cells].sort()).toEqual(filledCells(r.report).sort());
  for (const e of r.evidence.cells) {
    const p = parseCellValue(e.printed);
    expect(p.type === "number" ? p.value : p.type, e.cell).toBe(getCell(r.report, e.cell));
    expect(e.source).toContain(e.printed);
    expect(e.where).not.toBe("文档");
  }
}

describe.each([
  ["2021", clean2024()],
  ["2019", seed2020()],
] as const)("evidence, %s edition", (_edition, original) => {
  it.each(SHAPES.map((s) => [s.name, s] as const))("text shape %s: each cell names its line", async (_name, shape) => {
    const text = reportAsText(zeroFilled(original), shape.writer, shape.opts);
    const r = report(await importReport({ kind: "text", data: text, agencyHint: original.agency.name, yearHint: original.year }));
    expectEvidenceOfEveryCell(r);
    const lines = text.split(/\r?\n/);
    for (const e of r.evidence.cells) {
      expect(e.at.line).toBeGreaterThanOrEqual(1);
      // The value is printed on the line the evidence names.
      expect(lines[e.at.line! - 1], e.where).toContain(e.printed);
    }
    expect(r.evidence.unknown).toEqual([]);
  });

  it("HTML: each cell names its table, row and column", async () => {
    const r = report(await importReport({ kind: "html", data: reportToHtml(original), agencyHint: original.agency.name, yearHint: original.year }));
    expectEvidenceOfEveryCell(r);
    for (const e of r.evidence.cells) {
      expect(e.at.table).toBeGreaterThanOrEqual(1);
      expect(e.at.row).toBeGreaterThanOrEqual(1);
      expect(e.at.column).toBeGreaterThanOrEqual(1);
      expect(e.where).toMatch(/表格 \d+ 第 \d+ 行第 \d+ 列/);
    }
  });

  it(".docx: each cell names its table, row and column", async () => {
    const r = report(await importReport({ kind: "docx", data: new Uint8Array(await renderDocx(original)) }));
    expectEvidenceOfEveryCell(r);
    for (const e of r.evidence.cells) expect(e.where).toMatch(/表格 \d+ 第 \d+ 行第 \d+ 列/);
  });
});

describe("cells left blank say why", () => {
  const original = clean2024();
  const text = reportAsText(zeroFilled(original), SHAPES[0]!.writer);

  it("a row lost from the print: its cells are unknown, 「表格中未找到该行」", async () => {
    const lines = text.split("\n");
    const at = lines.findIndex((l) => l.includes("行政许可"));
    // Shape A prints the label on its own line and the values on the next.
    const damaged = [...lines.slice(0, at), ...lines.slice(at + 2)].join("\n");
    const r = report(await importReport({ kind: "text", data: damaged, agencyHint: original.agency.name, yearHint: original.year }));
    expect(r.evidence.unknown).toEqual([{ cell: "proactive.licensing.decisions", why: "表格中未找到该行" }]);
    expect((r.report.meta?.imported as { unknownCells?: string[] } | undefined)?.unknownCells).toEqual(["proactive.licensing.decisions"]);
    expect(r.evidence.cells.some((c) => c.cell === "proactive.licensing.decisions")).toBe(false);
  });

  it("a value that is not a number: unknown, with the printed text", async () => {
    const lines = text.split("\n");
    const at = lines.findIndex((l) => l.includes("行政许可"));
    lines[at + 1] = "暂无";
    const r = report(await importReport({ kind: "text", data: lines.join("\n"), agencyHint: original.agency.name, yearHint: original.year }));
    expect(r.evidence.unknown).toEqual([{ cell: "proactive.licensing.decisions", why: "内容「暂无」不是数字" }]);
  });
});
