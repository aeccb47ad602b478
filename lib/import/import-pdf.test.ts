// PDF import (issue 15 §5): a report rendered by the app (.docx → LibreOffice, and the HTML page →
// Chromium's print to PDF) and imported back from the PDF gives the same data — every cell, the
// narratives, title, preamble, signature and date — for both editions. Plus the PDF limits.
//
// Needs LibreOffice and the fonts (lib/render/testing/pdf-tools.ts: the tests FAIL naming the
// Debian packages when they are missing) and Chromium (/usr/bin/chromium or CHROMIUM_PATH).

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { beforeAll, describe, expect, it } from "vitest";
import { runImport } from "../cli/commands/import";
import { nodeIo } from "../cli/io";
import type { ReportDoc } from "../data";
import { clean2024, seed2020 } from "../fixtures/load";
import { renderDocx, renderHtml } from "../render";
import { docxToPdf, requirePdfTools } from "../render/testing/pdf-tools";
import { detectKind } from "./detect";
import { importReport } from "./index";
import { MAX_PDF_BYTES } from "./pdf/read-pdf";
import { importInWorker } from "./worker/run-import";
import { measureCells } from "./testing/shapes";
import type { ImportResult } from "./types";

const REPORTS: Record<string, ReportDoc> = { "2021": clean2024(), "2019": seed2020() };
const pdfs = new Map<string, Uint8Array>();
let setupError: unknown;

beforeAll(async () => {
  try {
    requirePdfTools();
    const dir = mkdtempSync(join(tmpdir(), "nianbao-import-pdf-"));
    for (const [edition, report] of Object.entries(REPORTS)) {
      pdfs.set(`libreoffice ${edition}`, new Uint8Array(readFileSync(docxToPdf(await renderDocx(report), dir, `report-${edition}`))));
    }
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
    try {
      const page = await browser.newPage();
      for (const [edition, report] of Object.entries(REPORTS)) {
        await page.setContent(renderHtml(report), { waitUntil: "load" });
        pdfs.set(`chromium ${edition}`, new Uint8Array(await page.pdf({ format: "A4", printBackground: true })));
      }
    } finally {
      await browser.close();
    }
  } catch (e) {
    setupError = e;
  }
}, 300_000);

function report(r: ImportResult) {
  if (!r.ok || r.type !== "report") throw new Error(`expected a report: ${JSON.stringify(r).slice(0, 600)}`);
  return r;
}

describe.each(["libreoffice", "chromium"])("a PDF printed by %s", (printer) => {
  it.each(["2021", "2019"])("the %s edition round-trips: same cells, narratives and metadata, nothing unrecognised", async (edition) => {
    if (setupError) throw setupError;
    const original = REPORTS[edition]!;
    const bytes = pdfs.get(`${printer} ${edition}`)!;
    expect(detectKind("年报.pdf", bytes)).toEqual({ kind: "pdf", by: "content" });
    // No hints: the agency and year come from the printed title.
    const r = report(await importReport({ kind: "pdf", data: bytes }));
    expect(r.edition).toBe(original.edition);
    expect(r.report.year).toBe(original.year);
    expect(r.report.agency.name).toBe(original.agency.name);
    const score = measureCells(original, r.report);
    expect(score.misses).toEqual([]);
    expect(r.report.tables).toEqual(original.tables);
    expect(r.report.narrative).toEqual(original.narrative);
    if (original.meta?.date) expect(r.report.meta?.date).toBe(original.meta.date);
    if (original.meta?.signature) expect(r.report.meta?.signature).toBe(original.meta.signature);
    expect(r.unrecognized).toEqual([]);
    expect(r.findings.tables).toEqual(["proactive", "applications", "appeals"]);
    // Evidence (issue 15 §6): every imported cell names its page and the printed row it came from.
    const filled = Object.entries(r.report.tables).flatMap(([t, rows]) =>
      Object.entries(rows as Record<string, Record<string, number | null>>).flatMap(([row, cols]) =>
        Object.entries(cols).filter(([, v]) => v !== null).map(([col]) => `${t}.${row}.${col}`),
      ),
    );
    expect(r.evidence.cells.map((c) => c.cell).sort()).toEqual(filled.sort());
    for (const c of r.evidence.cells) {
      expect(c.at.page).toBeGreaterThanOrEqual(1);
      expect(c.where).toMatch(/^第 \d+ 页/);
      expect(c.source).toContain(c.printed);
    }
  }, 60_000);
});

describe("in the server's import worker", () => {
  it("a PDF imports in its worker thread, within the worker's limits", async () => {
    if (setupError) throw setupError;
    const r = report(await importInWorker({ kind: "pdf", data: pdfs.get("libreoffice 2019")! }));
    expect(r.report.tables).toEqual(REPORTS["2019"]!.tables);
  }, 90_000);
});

describe("nianbao import x.pdf", () => {
  it("writes the report JSON and names the agency and edition", async () => {
    if (setupError) throw setupError;
    const dir = mkdtempSync(join(tmpdir(), "nianbao-cli-pdf-"));
    const file = join(dir, "年报.pdf");
    writeFileSync(file, pdfs.get("libreoffice 2021")!);
    let stdout = "";
    let stderr = "";
    const code = await runImport([file], { ...nodeIo, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).tables).toEqual(REPORTS["2021"]!.tables);
    expect(stderr).toContain("已导入：示范市应急管理局 2024 年度报告");
  }, 60_000);
});

describe("PDF limits and bad files", () => {
  it("a damaged PDF is refused in Chinese", async () => {
    const r = await importReport({ kind: "pdf", data: new TextEncoder().encode("%PDF-1.7\n垃圾内容 not a pdf") });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.code)).toEqual(["input.unreadable"]);
    expect(r.errors[0]!.message).toMatch(/PDF/);
  });

  it("a PDF over the byte limit is refused before it is parsed", async () => {
    const big = new Uint8Array(MAX_PDF_BYTES + 1);
    big.set(new TextEncoder().encode("%PDF-1.7\n"));
    const started = Date.now();
    const r = await importReport({ kind: "pdf", data: big });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toContain("MB");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("PDF given as text is refused", async () => {
    const r = await importReport({ kind: "pdf", data: "%PDF-1.7" });
    expect(r.ok).toBe(false);
  });
});
