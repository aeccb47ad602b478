// HTML pages: the report's paragraphs and tables in document order, each with the chain of
// elements around it (to find the article inside the page later, see html/content.ts). Scripts,
// styles, form controls and hidden elements are not text.
//
// Tables are read as grids: `<td>`/`<th>` with rowspan/colspan placed the way browsers place them
// (any `<caption>`, `<thead>`/`<tbody>`), so a plain table as the app's own renderer writes it
// imports cleanly. A table that contains another table, or a single cell, is page layout (old
// portals wrap the whole article in one): its content is read as ordinary flow.

// Parsing (issue 14): htmlparser2's tokenizer, which reads the page in one linear pass, builds a
// small tree here. node-html-parser, used before, took 22 s over 200 KB of unclosed nested <div>
// (quadratic). The tree is at most MAX_HTML_DEPTH deep — no real page comes near; deeper markup is
// refused (HtmlTooDeepError) — which also bounds what the parser's own stack of open elements
// costs per tag, and lets the readers below recurse safely.

import { Parser } from "htmlparser2";
import { placeOnGrid } from "../../template/grid";
import { clampSpan, type Block, type SourceCell, type SourceDoc, type SourceTable } from "../source";
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

/** Deepest element nesting read (a report page is a few dozen levels deep). */
export const MAX_HTML_DEPTH = 256;

export class HtmlTooDeepError extends Error {}

interface TextNode {
  kind: "text";
  text: string;
  /** Offset of the text in the source. */
  start: number;
}

interface ElementNode {
  kind: "element";
  /** Lower-case tag name. */
  tag: string;
  attrs: Record<string, string>;
  children: Node[];
  start: number;
  /** A <table> somewhere inside (not counting itself). */
  hasTable: boolean;
}

type Node = TextNode | ElementNode;

/** The page as a tree, in one pass; throws HtmlTooDeepError beyond MAX_HTML_DEPTH. */
function parseTree(html: string): { root: ElementNode; title: ElementNode | undefined } {
  const root: ElementNode = { kind: "element", tag: "", attrs: {}, children: [], start: 0, hasTable: false };
  const stack: ElementNode[] = [root];
  let title: ElementNode | undefined;
  const parser: Parser = new Parser(
    {
      onopentag(name, attrs) {
        if (stack.length > MAX_HTML_DEPTH) throw new HtmlTooDeepError(`nesting deeper than ${MAX_HTML_DEPTH}`);
        const el: ElementNode = { kind: "element", tag: name, attrs, children: [], start: parser.startIndex, hasTable: false };
        stack[stack.length - 1]!.children.push(el);
        stack.push(el);
        if (name === "title" && !title) title = el;
      },
      onclosetag() {
        if (stack.length <= 1) return;
        const el = stack.pop()!;
        if (el.tag === "table" || el.hasTable) stack[stack.length - 1]!.hasTable = true;
      },
      ontext(text) {
        const children = stack[stack.length - 1]!.children;
        const last = children[children.length - 1];
        if (last?.kind === "text") last.text += text;
        else children.push({ kind: "text", text, start: parser.startIndex });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return { root, title };
}

function elements(el: ElementNode): ElementNode[] {
  return el.children.filter((c): c is ElementNode => c.kind === "element");
}

/** The rows of a table (through thead/tbody/tfoot), not those of nested tables. */
function tableRows(table: ElementNode): ElementNode[] {
  const rows: ElementNode[] = [];
  const visit = (el: ElementNode) => {
    for (const child of elements(el)) {
      if (child.tag === "tr") rows.push(child);
      else if (child.tag === "thead" || child.tag === "tbody" || child.tag === "tfoot") visit(child);
    }
  };
  visit(table);
  return rows;
}

function cellsOf(tr: ElementNode): ElementNode[] {
  return elements(tr).filter((c) => c.tag === "td" || c.tag === "th");
}

/** Elements a browser does not show (portals keep hidden duplicates, e.g. a mobile version). */
function isHidden(el: ElementNode): boolean {
  return el.attrs.hidden !== undefined || /display\s*:\s*none|visibility\s*:\s*hidden/i.test(el.attrs.style ?? "");
}

/** Text of an element: block children and <br> become spaces, whitespace collapses. */
function textOf(node: Node): string {
  let out = "";
  const visit = (n: Node) => {
    if (n.kind === "text") {
      out += n.text;
      return;
    }
    if (SKIP.has(n.tag) || isHidden(n)) return;
    if (n.tag === "br" || BLOCK.has(n.tag)) out += " ";
    for (const c of n.children) visit(c);
    if (BLOCK.has(n.tag)) out += " ";
  };
  visit(node);
  return out.replace(/\s+/g, " ").trim();
}

function intAttr(el: ElementNode, name: string): number | undefined {
  const v = el.attrs[name];
  if (v === undefined) return undefined;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : undefined;
}

/** Reads a page; throws HtmlTooDeepError when its elements nest deeper than MAX_HTML_DEPTH. */
export function readHtml(html: string): SourceDoc {
  const { root, title: titleEl } = parseTree(html);
  const lines = new LineMap(html);
  const blocks: Block[] = [];
  const ids = new Map<ElementNode, number>();
  let nextId = 1;
  let tables = 0;
  const idOf = (el: ElementNode) => {
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

  const readTable = (el: ElementNode, container: readonly number[]) => {
    tables++;
    const index = tables;
    const caption = elements(el).find((c) => c.tag === "caption");
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
        const loc: SourceLocation = { line: lines.line(c.item.el.start), table: index, row: c.row + 1, column: c.col + 1 };
        return { text: textOf(c.item.el), row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan, loc };
      }),
    );
    const table: SourceTable = { index, rows: cells, grid: true, loc: { line: lines.line(el.start), table: index } };
    const cap = caption ? textOf(caption) : "";
    if (cap) table.caption = cap;
    blocks.push({ type: "table", table, loc: table.loc, container });
  };

  const walk = (node: Node, container: readonly number[]) => {
    if (node.kind === "text") {
      const t = node.text;
      if (t.trim() !== "" && bufferStart === undefined) {
        bufferStart = node.start;
        bufferContainer = container;
      }
      buffer += t;
      return;
    }
    const tag = node.tag;
    if (SKIP.has(tag) || isHidden(node)) return;
    if (tag === "br") {
      flush();
      return;
    }
    const inner = node === root ? container : [...container, idOf(node)];
    if (tag === "table") {
      flush();
      const rows = tableRows(node);
      const single = rows.length <= 1 && rows.every((r) => cellsOf(r).length <= 1);
      if (node.hasTable || single) {
        for (const c of node.children) walk(c, inner); // layout table: flow content
        flush();
      } else readTable(node, inner);
      return;
    }
    const isBlock = BLOCK.has(tag);
    if (isBlock) flush();
    for (const c of node.children) walk(c, inner);
    if (isBlock) flush();
  };

  walk(root, []);
  flush();
  const doc: SourceDoc = { kind: "html", blocks };
  const pageTitle = titleEl ? textOf(titleEl) : "";
  if (pageTitle) doc.pageTitle = pageTitle;
  return doc;
}
