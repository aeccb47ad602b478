// The HTML report: document structure (lang, charset, title, headings), table accessibility
// (caption, th scope, id/headers naming every header of every data cell), escaping of hostile text,
// import-friendly markup, and the same content as the .docx.

import { parse, type HTMLElement } from "node-html-parser";
import { describe, expect, it } from "vitest";
import { clean2024, edit, seed2020 } from "../../fixtures/load";
import type { ReportDoc } from "../../data";
import { TABLE_KEYS, allCells, getEdition, tableLayout } from "../../template";
import { renderDocx } from "../docx";
import { bodyParagraphs, openDocx } from "../testing/docx-parts";
import { child, wText } from "../testing/xml";
import { formatCellValue, printedValues } from "../values";
import { REPORT_CSS, renderHtml, renderReportBody } from "./index";

const fixtures: [string, () => ReportDoc][] = [
  ["example-2021", clean2024],
  ["seed-2019", seed2020],
];
const compact = (s: string) => s.replace(/\s+/g, "");

/** Grid positions of the cells of an HTML table, from its own colspan/rowspan (independent of the renderer). */
function htmlGrid(table: HTMLElement) {
  const rows = table.querySelectorAll("tr");
  const taken = new Set<string>();
  const out = new Map<HTMLElement, { row: number; col: number; rowSpan: number; colSpan: number }>();
  rows.forEach((tr, r) => {
    let c = 0;
    for (const cell of tr.querySelectorAll("th, td")) {
      while (taken.has(`${r},${c}`)) c++;
      const rowSpan = Number(cell.getAttribute("rowspan") ?? 1);
      const colSpan = Number(cell.getAttribute("colspan") ?? 1);
      for (let i = 0; i < rowSpan; i++) for (let j = 0; j < colSpan; j++) taken.add(`${r + i},${c + j}`);
      out.set(cell, { row: r, col: c, rowSpan, colSpan });
      c += colSpan;
    }
  });
  return out;
}

describe.each(fixtures)("renderHtml(%s)", (_name, load) => {
  const report = load();
  const html = renderHtml(report);
  const root = parse(html);
  const edition = getEdition(report.edition);

  it("is one self-contained document: doctype, lang, charset, title, inline CSS, no scripts or external assets", () => {
    expect(html.startsWith("<!doctype html>\n")).toBe(true);
    expect(root.querySelector("html")!.getAttribute("lang")).toBe("zh-CN");
    expect(root.querySelector("meta[charset]")!.getAttribute("charset")).toBe("utf-8");
    expect(root.querySelector("title")!.text).toBe(root.querySelector("h1")!.text);
    expect(root.querySelectorAll("script, link, img, iframe, object")).toHaveLength(0);
    expect(html).not.toMatch(/\s(src|href)=/i);
    expect(html).not.toMatch(/url\(|@import/);
    expect(root.querySelectorAll("style")).toHaveLength(1);
    expect(root.querySelector("style")!.text).toContain(REPORT_CSS);
  });

  it("has a print style sheet for A4 with the GB/T 9704 margins and repeated table heads", () => {
    const css = root.querySelector("style")!.text;
    const print = css.slice(css.indexOf("@media print"));
    expect(print).toContain("@page { size: A4; margin: 37mm 26mm 35mm 28mm; }");
    expect(print).toContain("thead { display: table-header-group; }");
    expect(print).toMatch(/counter\(page\)/);
  });

  it("has real headings: one h1 (the title), an h2 for each of the six sections", () => {
    expect(root.querySelectorAll("h1")).toHaveLength(1);
    expect(root.querySelectorAll("h2").map((h) => h.text)).toEqual(edition.sections.map((s) => s.heading));
    expect(root.querySelector("main > article.nb-report")).not.toBeNull();
  });

  it("gives every table a caption and real header cells with scope on the simple ones", () => {
    const tables = root.querySelectorAll("table");
    expect(tables.map((t) => t.getAttribute("data-table"))).toEqual([...TABLE_KEYS]);
    tables.forEach((t, i) => {
      const def = edition.tables[TABLE_KEYS[i]!];
      expect(t.querySelector("caption")!.text).toBe(`${def.name}　${def.title}`);
      const layout = tableLayout(edition, def.key);
      expect(t.querySelectorAll("thead tr")).toHaveLength(layout.header.length);
      for (const th of t.querySelectorAll("th")) {
        const scope = th.getAttribute("scope");
        const colspan = Number(th.getAttribute("colspan") ?? 1);
        const rowspan = Number(th.getAttribute("rowspan") ?? 1);
        if (th.classList.contains("nb-head")) expect(scope).toBe(colspan === 1 ? "col" : undefined);
        else expect(scope).toBe(rowspan === 1 ? "row" : undefined);
        expect(th.text.trim()).not.toBe(""); // no empty header cells
      }
      // every label of the layout is a th of this table
      const thTexts = new Set(t.querySelectorAll("th").map((th) => th.text));
      for (const cell of [...layout.header, ...layout.body].flat()) if (cell.type !== "value" && cell.text) expect(thTexts.has(cell.text)).toBe(true);
    });
  });

  it("lists in every data cell's headers the ids of existing th of its table, above it or to its left", () => {
    const ids = root.querySelectorAll("[id]").map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length); // ids are unique in the document
    for (const table of root.querySelectorAll("table")) {
      const grid = htmlGrid(table);
      const thById = new Map(table.querySelectorAll("th").map((th) => [th.id, th]));
      const hasLabels = edition.tables[table.getAttribute("data-table") as (typeof TABLE_KEYS)[number]].labelColumns > 0;
      for (const td of table.querySelectorAll("td[data-cell]")) {
        const refs = (td.getAttribute("headers") ?? "").split(" ").filter(Boolean);
        const at = grid.get(td)!;
        const heads = refs.map((id) => {
          const th = thById.get(id);
          expect(th, `${td.getAttribute("data-cell")} → ${id}`).toBeDefined();
          return th!;
        });
        const columnHeads = heads.filter((th) => th.classList.contains("nb-head"));
        const rowHeads = heads.filter((th) => th.classList.contains("nb-label"));
        expect(columnHeads.length).toBeGreaterThan(0);
        if (hasLabels) expect(rowHeads.length).toBeGreaterThan(0);
        for (const th of columnHeads) {
          const g = grid.get(th)!;
          expect(g.row).toBeLessThan(at.row);
          expect(g.col < at.col + at.colSpan && at.col < g.col + g.colSpan).toBe(true);
        }
        for (const th of rowHeads) {
          const g = grid.get(th)!;
          expect(g.col).toBeLessThan(at.col);
          expect(g.row <= at.row && at.row < g.row + g.rowSpan).toBe(true);
        }
      }
    }
  });

  it("names all levels of headers for a cell (multi-level heads and row groups)", () => {
    const headersOf = (ref: string) => {
      const td = root.querySelector(`td[data-cell="${ref}"]`)!;
      return td.getAttribute("headers")!.split(" ").map((id) => root.getElementById(id)!.text);
    };
    expect(headersOf("applications.withheldStateSecret.commercial")).toEqual([
      "申请人情况",
      "法人或其他组织",
      "商业企业",
      "三、本年度办理结果",
      "（三）不予公开",
      "1.属于国家秘密",
    ]);
    expect(headersOf("applications.received.total")).toEqual(["申请人情况", "总计", "一、本年新收政府信息公开申请数量"]);
    expect(headersOf("appeals.litigationAfterReview.pending")).toEqual(["行政诉讼", "复议后起诉", "尚未审结"]);
    expect(headersOf("appeals.review.upheld")).toEqual(["行政复议", "结果维持"]);
    expect(headersOf("proactive.penalties.decisions")).toEqual([
      "第二十条第（六）项",
      edition.id === "2021" ? "本年处理决定数量" : "处理决定数量",
      "行政处罚",
    ]);
  });

  it("is easy to import back: one td per interchange cell, data-cell names it, numbers as plain text", () => {
    const value = printedValues(report);
    const tds = root.querySelectorAll("td[data-cell]");
    expect(tds.map((td) => td.getAttribute("data-cell"))).toEqual(allCells(edition).map((c) => c.ref));
    for (const td of tds) {
      expect(td.innerHTML).toBe(td.text); // no markup inside a number cell
      expect(td.text).toMatch(/^(-?\d+(\.\d+)?)?$/);
      expect(td.text).toBe(formatCellValue(value(td.getAttribute("data-cell")!)));
    }
    const article = root.querySelector("article")!;
    expect(article.getAttribute("data-format")).toBe("nianbao/report@1");
    expect(article.getAttribute("data-edition")).toBe(report.edition);
    expect(article.getAttribute("data-year")).toBe(String(report.year));
    expect(root.querySelectorAll("section[data-section]").map((s) => s.getAttribute("data-section"))).toEqual(edition.sections.map((s) => s.key));
  });

  it("says the same as the .docx, word for word", async () => {
    const parts = await openDocx(await renderDocx(report));
    const body = child(await parts.xml("word/document.xml"), "w:body")!;
    const article = parse(renderReportBody(report));
    for (const caption of article.querySelectorAll("caption")) caption.remove(); // the .docx prints no caption (as the template)
    expect(compact(article.text)).toBe(compact(wText(body)));
    expect(bodyParagraphs(await parts.xml("word/document.xml")).length).toBeGreaterThan(10);
  });
});

describe("renderHtml details", () => {
  it("prints blank as nothing and 0 as 0", () => {
    const root = parse(renderHtml(edit(clean2024(), { "applications.received.research": null, "applications.received.nonprofit": 0 })));
    expect(root.querySelector(`td[data-cell="applications.received.research"]`)!.text).toBe("");
    expect(root.querySelector(`td[data-cell="applications.received.nonprofit"]`)!.text).toBe("0");
    expect(parse(renderHtml(seed2020())).querySelector(`td[data-cell="proactive.procurement.amount"]`)!.text).toBe("2031.9");
  });

  it("keeps hostile text inert everywhere (narratives, title, agency, date, id prefix)", () => {
    const r = clean2024();
    const evil = `<script>alert("x")</script>"><img src=x onerror=alert(1)> & 'q' </p></article>`;
    r.narrative = { overview: evil, problems: `（一）<b>粗体</b>。</section>`, other: "a\u0000b\u0007c" };
    r.agency = { name: "</title><script>alert(2)</script>" };
    r.meta = { title: `"><svg onload=alert(3)>`, date: `<i>2025</i>`, preamble: "&lt;已转义&gt;" };
    const html = renderHtml(r, { idPrefix: `x" onmouseover="alert(4)` });
    const root = parse(html);
    expect(root.querySelectorAll("script, img, svg, b, i")).toHaveLength(0);
    expect(html).not.toMatch(/<(script|img|svg)\b/i);
    for (const el of root.querySelectorAll("*")) expect(Object.keys(el.attributes).filter((a) => /^on/i.test(a))).toEqual([]);
    expect(root.querySelector("title")!.text).toBe(`"><svg onload=alert(3)>`);
    expect(root.querySelector("h1")!.text).toBe(`"><svg onload=alert(3)>`);
    const overview = root.querySelectorAll(`section[data-section="overview"] p`);
    expect(overview.map((p) => p.text)).toEqual([evil]);
    expect(root.querySelector(`section[data-section="problems"] p`)!.text).toBe("（一）<b>粗体</b>。</section>");
    expect(root.querySelector(`section[data-section="other"] p`)!.text).toBe("abc");
    expect(root.querySelector(".nb-signature")!.text).toBe("</title><script>alert(2)</script>");
    expect(root.querySelector(".nb-date")!.text).toBe("<i>2025</i>");
    expect(root.querySelector(".nb-preamble")!.text).toBe("&lt;已转义&gt;");
    expect(root.querySelectorAll("section")).toHaveLength(6); // the narrative's </section> did not close anything
    for (const el of root.querySelectorAll("[id]")) expect(el.id).toMatch(/^[A-Za-z][A-Za-z0-9_-]*$/);
  });

  it("marks up run-in and stand-alone （一） headings, and the date as <time>", () => {
    const root = parse(renderHtml(clean2024()));
    expect(root.querySelectorAll("h3").map((h) => h.text)).toEqual(["（一）收取信息处理费情况", "（二）落实上级年度政务公开工作要点情况", "（四）政务公开工作创新情况"]);
    const lead = root.querySelector(`section[data-section="overview"] .nb-lead`)!;
    expect(lead.text).toBe("（一）主动公开。");
    expect(lead.parentNode?.text.startsWith("（一）主动公开。全年主动公开信息436条")).toBe(true);
    expect(root.querySelectorAll("h1 .nb-title-part").map((s) => s.text)).toEqual(["示范市应急管理局", "2024年政府信息公开工作年度报告"]);
    expect(root.querySelector("time")!.getAttribute("datetime")).toBe("2025-01-22");
    expect(root.querySelector("time")!.text).toBe("2025年1月22日");
  });

  it("renders the fragment alone for embedding, with distinct ids per prefix", () => {
    const body = renderReportBody(clean2024(), { idPrefix: "r2" });
    expect(body.startsWith(`<article class="nb-report" lang="zh-CN"`)).toBe(true);
    expect(body).not.toMatch(/<html|<head|<style|<!doctype/i);
    expect(renderHtml(clean2024(), { standalone: false, idPrefix: "r2" })).toBe(body);
    const both = parse(renderReportBody(clean2024()) + body);
    const ids = both.querySelectorAll("[id]").map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
