// The geometry of PDF pages → paragraphs and grid tables (pdf/layout.ts), on synthetic pages.
import { describe, expect, it } from "vitest";
import type { SourceTable } from "../source";
import { layoutPages, mergeCollinear, tidySpaces, type PageContent, type Segment, type TextItem } from "./layout";

const t = (str: string, x: number, y: number, size = 10): TextItem => ({ str, x, y, width: [...str].length * size, size });
const h = (at: number, from: number, to: number): Segment => ({ dir: "h", at, from, to });
const v = (at: number, from: number, to: number): Segment => ({ dir: "v", at, from, to });

/** A 3-row × 3-column grid at x 100–400, y 500–560; row 0 spans all columns (no inner borders). */
function page(extra: Partial<PageContent> = {}): PageContent {
  const segments = [h(560, 100, 400), h(540, 100, 400), h(520, 100, 400), h(500, 100, 400), v(100, 500, 560), v(400, 500, 560), v(200, 500, 540), v(300, 500, 540)];
  const items = [t("标题行", 110, 545), t("规章", 110, 525), t("1", 210, 525), t("2", 310, 525), t("规范性文件", 110, 505), t("3", 210, 505), t("4", 310, 505)];
  return { number: 1, width: 595, height: 842, items, segments, ...extra };
}

describe("tables from ruled lines", () => {
  it("cells, a span from missing inner borders, text placed by position", () => {
    const blocks = layoutPages([page()]);
    expect(blocks.map((b) => b.type)).toEqual(["table"]);
    const table = (blocks[0] as { table: SourceTable }).table;
    expect(table.grid).toBe(true);
    expect(table.rows.map((r) => r.map((c) => [c.text, c.rowSpan, c.colSpan]))).toEqual([
      [["标题行", 1, 3]],
      [["规章", 1, 1], ["1", 1, 1], ["2", 1, 1]],
      [["规范性文件", 1, 1], ["3", 1, 1], ["4", 1, 1]],
    ]);
    expect(table.rows[1]![1]!.loc).toEqual({ page: 1, table: 1, row: 2, column: 2 });
  });

  it("a rule that only touches the table (a heading's underline) does not pull text into it", () => {
    const p = page();
    p.segments.push(h(600, 50, 545), v(100, 560, 600)); // an open frame above the table
    p.items.push(t("二、主动公开政府信息情况", 110, 580));
    const blocks = layoutPages([p]);
    expect(blocks.map((b) => b.type)).toEqual(["paragraph", "table"]);
    expect(blocks[0]).toMatchObject({ type: "paragraph", text: "二、主动公开政府信息情况" });
  });

  it("a border drawn cell by cell is one line; many thousands of pieces cost a sort", () => {
    expect(mergeCollinear([h(10, 0, 5), h(10, 5, 9), h(10, 20, 30), v(3, 0, 10)])).toEqual([h(10, 0, 9), h(10, 20, 30), v(3, 0, 10)]);
    const dashes = Array.from({ length: 40_000 }, (_, i) => h(300, i * 2, i * 2 + 1));
    const started = Date.now();
    layoutPages([page({ segments: [...page().segments, ...dashes] })]);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe("paragraphs from lines", () => {
  it("a line reaching the right margin continues at the left margin, across pages; an indent starts a paragraph", () => {
    const p1: PageContent = {
      number: 1,
      width: 595,
      height: 842,
      segments: [],
      items: [t("一、总体情况", 120, 700), t("第一段开头到右边", 120, 680), t("界的一行文字内容很长很长", 100, 660), t("- 1 -", 280, 40)],
    };
    const p2: PageContent = { number: 2, width: 595, height: 842, segments: [], items: [t("续完。", 100, 780), t("第二段。", 120, 760)] };
    // Right margin = the longest line: make the continued lines reach it.
    p1.items[1]!.width = 120;
    p1.items[2]!.width = 140;
    const blocks = layoutPages([p1, p2]);
    expect(blocks.map((b) => (b.type === "paragraph" ? b.text : "table"))).toEqual(["一、总体情况", "第一段开头到右边界的一行文字内容很长很长续完。", "第二段。"]);
  });

  it("spaces next to Chinese text go, Latin words keep one; Kangxi radicals become ideographs", () => {
    expect(tidySpaces("2024 年， 共 32 件 PDF file")).toBe("2024年，共32件PDF file");
    expect(tidySpaces("申请⼈情况")).toBe("申请人情况");
  });
});
