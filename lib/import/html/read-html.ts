// HTML pages: the report's paragraphs and tables in document order, each with the chain of
// elements around it (to find the article inside the page later, see html/content.ts). Scripts,
// styles, form controls and hidden elements are not text.
//
// Tables are read as grids: `<td>`/`<th>` with rowspan/colspan placed the way browsers place them
// (any `<caption>`, `<thead>`/`<tbody>`), so a plain table as the app's own renderer writes it
// imports cleanly. A table that contains another table, or a single cell, is page layout (old
// portals wrap the whole article in one): its content is read as ordinary flow.

import { HTMLElement, NodeType, parse, type Node } from "node-html-parser";
import { clampSpan, placeOnGrid, type Block, type SourceCell, type SourceDoc, type SourceTable } from "../source";
import type { SourceLocation } from "../types";

/** Elements whose content is never report text. */
const SKIP = new Set(["script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "select", "option", "button", "input", "textarea", "head", "canvas", "map"]);

/** Elements that start a new paragraph. */
const BLOCK = new Set([
  "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header", "footer", "nav", "aside",
  "main", "blockquote", "pre", "dl", "dt", "dd", "figure", "figcaption", "address", "hr", "center", "form", "fieldset", "body",
  "html", "caption", "tr", "td", "th", "thead", "tbody", "tfoot",
]);

/** Line numbers of character offsets. */
class LineMap {
  private readonly starts: number[] = [0];
  constructor(source: string) {
    for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  line(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

function tagOf(node: Node): string {
  return node instanceof HTMLElement ? (node.rawTagName ?? "").toLowerCase() : "";
}

/** The rows of a table (through thead/tbody/tfoot), not those of nested tables. */
function tableRows(table: HTMLElement): HTMLElement[] {
  const rows: HTMLElement[] = [];
  const visit = (el: HTMLElement) => {
    for (const child of el.childNodes) {
      if (!(child instanceof HTMLElement)) continue;
      const tag = tagOf(child);
      if (tag === "tr") rows.push(child);
      else if (tag === "thead" || tag === "tbody" || tag === "tfoot") visit(child);
    }
  };
  visit(table);
  return rows;
}

function cellsOf(tr: HTMLElement): HTMLElement[] {
  return tr.childNodes.filter((c): c is HTMLElement => c instanceof HTMLElement && (tagOf(c) === "td" || tagOf(c) === "th"));
}

/** Elements a browser does not show (portals keep hidden duplicates, e.g. a mobile version). */
function isHidden(el: HTMLElement): boolean {
  return el.hasAttribute("hidden") || /display\s*:\s*none|visibility\s*:\s*hidden/i.test(el.getAttribute("style") ?? "");
}

function hasNestedTable(el: HTMLElement): boolean {
  return el.querySelector("table") !== null;
}

/** Text of an element: block children and <br> become spaces, whitespace collapses. */
function textOf(node: Node): string {
  let out = "";
  const visit = (n: Node) => {
    if (n.nodeType === NodeType.TEXT_NODE) {
      out += n.text;
      return;
    }
    if (!(n instanceof HTMLElement)) return;
    const tag = tagOf(n);
    if (SKIP.has(tag) || isHidden(n)) return;
    if (tag === "br" || BLOCK.has(tag)) out += " ";
    for (const c of n.childNodes) visit(c);
    if (BLOCK.has(tag)) out += " ";
  };
  visit(node);
  return out.replace(/\s+/g, " ").trim();
}

function intAttr(el: HTMLElement, name: string): number | undefined {
  const v = el.getAttribute(name);
  if (v === undefined) return undefined;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : undefined;
}

/** Declarations the parser would keep as text; blanked out with spaces so that offsets (lines) stay right. */
function blankDeclarations(html: string): string {
  return html.replace(/<!DOCTYPE[^>]*>|<\?xml[^>]*\?>|<!\[CDATA\[[\s\S]*?\]\]>/gi, (m) => m.replace(/[^\n]/g, " "));
}

export function readHtml(html: string): SourceDoc {
  const root = parse(blankDeclarations(html), { comment: false, lowerCaseTagName: false });
  const lines = new LineMap(html);
  const blocks: Block[] = [];
  const ids = new Map<HTMLElement, number>();
  let nextId = 1;
  let tables = 0;
  const idOf = (el: HTMLElement) => {
    let id = ids.get(el);
    if (id === undefined) {
      id = nextId++;
      ids.set(el, id);
    }
    return id;
  };

  let buffer = "";
  let bufferStart: number | undefined;
  let bufferContainer: readonly number[] = [];
  const flush = () => {
    const text = buffer.replace(/\s+/g, " ").trim();
    if (text !== "") {
      blocks.push({ type: "paragraph", text, loc: { line: lines.line(bufferStart ?? 0) }, container: bufferContainer });
    }
    buffer = "";
    bufferStart = undefined;
  };

  const readTable = (el: HTMLElement, container: readonly number[]) => {
    tables++;
    const index = tables;
    const caption = el.childNodes.find((c): c is HTMLElement => c instanceof HTMLElement && tagOf(c) === "caption");
    const rows = tableRows(el).map((tr) =>
      cellsOf(tr).map((td) => ({
        el: td,
        rowSpan: clampSpan(intAttr(td, "rowspan")),
        colSpan: clampSpan(intAttr(td, "colspan")),
      })),
    );
    const placed = placeOnGrid(rows);
    const cells: SourceCell[][] = placed.map((row) =>
      row.map((c) => {
        const loc: SourceLocation = { line: lines.line(c.el.range[0]), table: index, row: c.row + 1, column: c.col + 1 };
        return { text: textOf(c.el), row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan, loc };
      }),
    );
    const table: SourceTable = { index, rows: cells, grid: true, loc: { line: lines.line(el.range[0]), table: index } };
    const cap = caption ? textOf(caption) : "";
    if (cap) table.caption = cap;
    blocks.push({ type: "table", table, loc: table.loc, container });
  };

  const walk = (node: Node, container: readonly number[]) => {
    if (node.nodeType === NodeType.TEXT_NODE) {
      const t = node.text;
      if (t.trim() !== "" && bufferStart === undefined) {
        bufferStart = node.range[0];
        bufferContainer = container;
      }
      buffer += t;
      return;
    }
    if (!(node instanceof HTMLElement)) return;
    const tag = tagOf(node);
    if (SKIP.has(tag) || isHidden(node)) return;
    if (tag === "br") {
      flush();
      return;
    }
    const inner = tag === "" ? container : [...container, idOf(node)];
    if (tag === "table") {
      flush();
      const rows = tableRows(node);
      const single = rows.length <= 1 && rows.every((r) => cellsOf(r).length <= 1);
      if (hasNestedTable(node) || single) {
        for (const c of node.childNodes) walk(c, inner); // layout table: flow content
        flush();
      } else readTable(node, inner);
      return;
    }
    const isBlock = BLOCK.has(tag);
    if (isBlock) flush();
    for (const c of node.childNodes) walk(c, inner);
    if (isBlock) flush();
  };

  const titleEl = root.querySelector("title");
  walk(root, []);
  flush();
  const doc: SourceDoc = { kind: "html", blocks };
  const pageTitle = titleEl ? textOf(titleEl) : "";
  if (pageTitle) doc.pageTitle = pageTitle;
  return doc;
}
