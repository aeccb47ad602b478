// The .docx as LibreOffice prints it (PDF via soffice, read back with poppler): every official
// label and every number of the report on paper, page numbers at the GB/T 9704 positions, the
// 22-line pitch, and the Chinese font roles kept apart by the fontconfig aliases.
//
// Needs Debian packages (see testing/pdf-tools.ts); without them these tests FAIL with the list of
// packages to install. Page images go to /tmp/nianbao-render/ for a human to look at.

import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { clean2024, seed2020 } from "../../fixtures/load";
import type { ReportDoc } from "../../data";
import { TABLE_KEYS, getEdition, tableLayout } from "../../template";
import { reportContent } from "../content";
import { formatCellValue, printedValues } from "../values";
import {
  docxToPdf,
  pdfFonts,
  pdfLines,
  pdfPageCount,
  pdfRawText,
  pdfToPngs,
  requirePdfTools,
  type PdfLine,
} from "../testing/pdf-tools";
import { renderDocx } from "./index";

const SHOTS = "/tmp/nianbao-render";
const PT_PER_MM = 72 / 25.4;

interface Printed {
  report: ReportDoc;
  pdf: string;
  raw: string;
  lines: PdfLine[];
  pages: number;
}

const printed = new Map<string, Printed>();
let setupError: unknown;

beforeAll(async () => {
  try {
    requirePdfTools();
    const dir = mkdtempSync(join(tmpdir(), "nianbao-pdf-"));
    mkdirSync(SHOTS, { recursive: true });
    for (const [name, report] of [
      ["example-2021", clean2024()],
      ["seed-2019", seed2020()],
    ] as const) {
      const pdf = docxToPdf(await renderDocx(report), dir, name);
      pdfToPngs(pdf, SHOTS, `${name}-docx-page`, 60);
      printed.set(name, { report, pdf, raw: pdfRawText(pdf), lines: pdfLines(pdf), pages: pdfPageCount(pdf) });
    }
  } catch (e) {
    setupError = e; // reported by every test below, so the failure names the missing packages
  }
}, 240_000);

function get(name: string): Printed {
  if (setupError) throw setupError;
  const p = printed.get(name);
  if (!p) throw new Error(`${name} was not printed`);
  return p;
}

const compact = (s: string) => s.replace(/\s+/g, "");
/** Raw text without the page numbers, which LibreOffice paints in the middle of a paragraph that crosses a page. */
const withoutPageNumbers = (raw: string) => raw.replace(/^—\s*\d+\s*—$/gm, "");
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Every label of the edition's template: the six headings and every header/label cell of every table. */
function templateLabels(report: ReportDoc): string[] {
  const edition = getEdition(report.edition);
  const labels = edition.sections.map((s) => s.heading);
  for (const key of TABLE_KEYS) {
    const l = tableLayout(edition, key);
    for (const cell of [...l.header, ...l.body].flat()) if (cell.type !== "value" && cell.text) labels.push(cell.text);
  }
  return [...new Set(labels)];
}

describe.each(["example-2021", "seed-2019"])("%s printed by LibreOffice", (name) => {
  it("shows every official label of the template", () => {
    const p = get(name);
    const text = compact(p.raw);
    const missing = templateLabels(p.report).filter((label) => !text.includes(compact(label)));
    expect(missing).toEqual([]);
  });

  it("shows every number of every table row, in the row's order, after the row's label", () => {
    const p = get(name);
    const value = printedValues(p.report);
    const edition = getEdition(p.report.edition);
    let checked = 0;
    for (const key of TABLE_KEYS) {
      for (const row of tableLayout(edition, key).body) {
        const values = row.filter((c) => c.type === "value").map((c) => formatCellValue(value(c.cell!))).filter((v) => v !== "");
        if (values.length === 0) continue;
        const labels = row.filter((c) => c.type === "label");
        const label = labels[labels.length - 1]?.text;
        // LibreOffice paints a row cell by cell, so -raw text has the label then the row's numbers.
        const pattern = `${label ? `${[...label].map(escapeRe).join("\\s*")}\\s+` : "(?:^|\\s)"}${values.map(escapeRe).join("\\s+")}(?:\\s|$)`;
        expect(new RegExp(pattern).test(p.raw), `${key}: ${label ?? ""} ${values.join(" ")}`).toBe(true);
        checked += values.length;
      }
    }
    expect(checked).toBeGreaterThan(150);
  });

  it("shows the title, preamble, every narrative paragraph, the signature and the date", () => {
    const p = get(name);
    const c = reportContent(p.report);
    const text = compact(withoutPageNumbers(p.raw));
    const expected = [
      c.title,
      ...c.preamble,
      ...c.sections.flatMap((s) => (s.kind === "narrative" ? s.blocks.map((b) => (b.kind === "heading" ? b.text : (b.lead ?? "") + b.text)) : [])),
      c.signature,
      ...(c.date ? [c.date.text] : []),
    ];
    expect(expected.filter((t) => !text.includes(compact(t)))).toEqual([]);
  });

  it("numbers every page 「— n —」 below the text area: odd pages right, even pages left, one character in", () => {
    const p = get(name);
    expect(p.pages).toBeGreaterThanOrEqual(3);
    const textBottom = (297 - 35) * PT_PER_MM;
    const textLeft = 28 * PT_PER_MM;
    const textRight = (210 - 26) * PT_PER_MM;
    for (let page = 1; page <= p.pages; page++) {
      const numbers = p.lines.filter((l) => l.page === page && /^—\s*\d+\s*—$/.test(l.text));
      expect(numbers, `page ${page}`).toHaveLength(1);
      const n = numbers[0]!;
      expect(n.text.replace(/\D/g, "")).toBe(String(page));
      expect(n.yMin).toBeGreaterThan(textBottom);
      if (page % 2 === 1) expect(textRight - n.xMax).toBeCloseTo(14, -0.5); // 14 pt = one 4号 character
      else expect(n.xMin - textLeft).toBeCloseTo(14, -0.5);
    }
  });

  it("keeps the body on the 28.95 pt pitch of 22 lines per page, 28 characters per line", () => {
    const p = get(name);
    // Continuation lines of the preamble/narratives: 3号 lines that start at the left edge of the text area.
    const left = 28 * PT_PER_MM;
    const body = p.lines.filter((l) => Math.abs(l.xMin - left) < 2 && l.yMax - l.yMin > 18 && l.yMax - l.yMin < 24);
    expect(body.length).toBeGreaterThan(5);
    const steps: number[] = [];
    for (let i = 1; i < body.length; i++) {
      const [a, b] = [body[i - 1]!, body[i]!];
      if (a.page === b.page && b.yMin - a.yMin < 40) steps.push(b.yMin - a.yMin);
    }
    expect(steps.length).toBeGreaterThan(3);
    for (const s of steps) expect(Math.abs(s - 28.95)).toBeLessThan(0.15); // pdftotext rounds to 0.1 pt
    // Justified lines made only of Chinese characters hold exactly 28. A closing 「。，、」 may hang
    // past the right edge (Chinese hanging punctuation, on by default in Word and LibreOffice): it
    // does not count, but nothing else may cross the edge.
    const textRight = (210 - 26) * PT_PER_MM;
    for (const l of body) expect(l.xMax, l.text).toBeLessThan(textRight + 16.5); // one 3号 character
    const fullCjk = body
      .map((l) => l.text.replace(/\s/g, ""))
      .filter((t) => /^[\u4e00-\u9fff，。、；：“”《》（）]+$/.test(t))
      .map((t) => t.replace(/[。，、；：]$/, ""));
    expect(fullCjk.length).toBeGreaterThan(0);
    for (const t of fullCjk) expect([...t].length).toBeLessThanOrEqual(28);
    expect(Math.max(...fullCjk.map((t) => [...t].length))).toBe(28);
  });

  it("repeats table 三's header rows on every page the table continues on", () => {
    const p = get(name);
    const pages = applicationsTablePages(p);
    expect(pages.size).toBeGreaterThanOrEqual(1);
    const withHeader = new Set(p.lines.filter((l) => compact(l.text).includes("申请人情况")).map((l) => l.page));
    for (const page of pages) expect(withHeader.has(page), `page ${page}`).toBe(true);
  });
});

/** Pages on which a row label of table 三's body is printed. */
function applicationsTablePages(p: Printed): Set<number> {
  const labels = tableLayout(getEdition(p.report.edition), "applications")
    .body.flat()
    .filter((c) => c.type === "label" && c.text && c.text.length <= 12)
    .map((c) => compact(c.text!));
  return new Set(p.lines.filter((l) => labels.some((label) => compact(l.text).includes(label))).map((l) => l.page));
}

it("example-2021's table 三 does cross a page (so the header-repeat check above is real)", () => {
  expect(applicationsTablePages(get("example-2021")).size).toBeGreaterThanOrEqual(2);
});

describe("fonts on paper", () => {
  it("keeps 仿宋, 楷体, 黑体 and 小标宋 apart through the fontconfig aliases (toolchain.md P8)", () => {
    const fonts = pdfFonts(get("example-2021").pdf);
    expect(fonts).toMatch(/UMing|FandolFang/); // 仿宋_GB2312 → body
    expect(fonts).toMatch(/UKai|FandolKai/); // 楷体_GB2312 → （一） headings
    expect(fonts).toMatch(/NotoSansCJK/); // 黑体 → 一、 headings, table heads
    expect(fonts).toMatch(/NotoSerifCJK\S*-Bold/); // 方正小标宋简体 → title
    expect(fonts).not.toMatch(/DejaVu/); // no fallback to the Latin default
  });
});
