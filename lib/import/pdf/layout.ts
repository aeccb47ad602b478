// Rebuilding a PDF page's paragraphs and tables from positioned text and drawn rules (issue 15 §5).
// Pure geometry: pdf/read-pdf.ts gets the text items and line segments from pdfjs; this module
// makes the common source model (paragraphs + grid tables) out of them.
//
// - Tables: the ruled lines of a page, grouped by which ones touch, form grids; a grid cell whose
//   inner border is missing spans (rowSpan/colSpan), as in Word or a browser. Text is put in the
//   cell under its centre. A table is a grid (`grid: true`): values go by the headers above them.
// - Text outside tables: items on one baseline form a line; lines form a paragraph while each line
//   runs to the right margin and the next starts at the left margin (a first-line indent, a short
//   line, a change of font size or a wide gap ends it). Paragraphs continue across pages.
// - Page numbers in the top or bottom margin (「- 1 -」, 「第 2 页」) are layout, not text.
//
// Cost: items are sorted once per page; segments are grouped with a union-find over pairs, so a
// page is capped at MAX_SEGMENTS_PER_PAGE segments (beyond: no tables on that page, text only).

import type { Block, Paragraph, SourceCell, SourceTable } from "../source";
import { isPageNumberLine } from "../text/stream";

export interface TextItem {
  str: string;
  /** Baseline start, PDF user space (origin bottom-left, points). */
  x: number;
  y: number;
  width: number;
  /** Font size (height of the em square). */
  size: number;
}

/** An axis-parallel ruled line: horizontal (y fixed) or vertical (x fixed). */
export interface Segment {
  dir: "h" | "v";
  /** The fixed coordinate. */
  at: number;
  from: number;
  to: number;
}

export interface PageContent {
  number: number;
  width: number;
  height: number;
  items: TextItem[];
  segments: Segment[];
}

/** Ruled lines per page as drawn (a browser draws every cell's edges: thousands for a long table). */
export const MAX_SEGMENTS_PER_PAGE = 50_000;
/** Ruled lines per page after joining the pieces of each straight line (the grouping is quadratic in these). */
export const MAX_LINES_PER_PAGE = 1_000;
const TOL = 2;

// ------------------------------------------------------------------------------- tables

interface Grid {
  xs: number[];
  /** Top to bottom (descending y). */
  ys: number[];
  h: Segment[];
  v: Segment[];
  box: { x1: number; x2: number; y1: number; y2: number };
}

function cluster(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) {
    if (out.length && v - out[out.length - 1]! <= TOL) continue;
    out.push(v);
  }
  return out;
}

function touches(a: Segment, b: Segment): boolean {
  if (a.dir === b.dir) return Math.abs(a.at - b.at) <= TOL && a.from <= b.to + TOL && b.from <= a.to + TOL;
  const [h, v] = a.dir === "h" ? [a, b] : [b, a];
  return v.at >= h.from - TOL && v.at <= h.to + TOL && h.at >= v.from - TOL && h.at <= v.to + TOL;
}

/** The pieces of each straight line joined (sort, then one pass): a cell-by-cell border becomes one line. */
export function mergeCollinear(segments: readonly Segment[]): Segment[] {
  const sorted = [...segments].sort((a, b) => (a.dir === b.dir ? 0 : a.dir === "h" ? -1 : 1) || a.at - b.at || a.from - b.from);
  const out: Segment[] = [];
  // Sorted by coordinate, then start: a piece continues the last line when at its coordinate and
  // starting before that line's end (one comparison per piece: linear after the sort).
  for (const s of sorted) {
    const o = out[out.length - 1];
    if (o && o.dir === s.dir && s.at - o.at <= TOL && s.from <= o.to + TOL) o.to = Math.max(o.to, s.to);
    else out.push({ ...s });
  }
  return out;
}

function findGrids(raw: readonly Segment[]): Grid[] {
  const segments = mergeCollinear(raw);
  if (segments.length > MAX_LINES_PER_PAGE) return [];
  const n = segments.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (touches(segments[i]!, segments[j]!)) parent[find(i)] = find(j);
  const groups = new Map<number, Segment[]>();
  segments.forEach((s, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(s);
    else groups.set(r, [s]);
  });
  const grids: Grid[] = [];
  for (const g of groups.values()) {
    const h = g.filter((s) => s.dir === "h");
    const v = g.filter((s) => s.dir === "v");
    const xs = cluster(v.map((s) => s.at));
    const ys = cluster(h.map((s) => s.at)).reverse();
    if (xs.length < 2 || ys.length < 2) continue;
    grids.push({ xs, ys, h, v, box: { x1: xs[0]!, x2: xs[xs.length - 1]!, y1: ys[ys.length - 1]!, y2: ys[0]! } });
  }
  return grids;
}

function hasBorder(segs: readonly Segment[], at: number, mid: number): boolean {
  return segs.some((s) => Math.abs(s.at - at) <= TOL && s.from <= mid && s.to >= mid);
}

/** Joins the text pieces of one cell or line: no space between Chinese characters, one between Latin words. */
export function joinPieces(a: string, b: string): string {
  if (a === "" || b === "") return a + b;
  const last = a[a.length - 1]!;
  const first = b[0]!;
  return /[A-Za-z0-9.,%)]/.test(last) && /[A-Za-z0-9(]/.test(first) ? `${a} ${b}` : a + b;
}

interface Line {
  items: TextItem[];
  y: number;
  x1: number;
  x2: number;
  size: number;
  text: string;
}

/**
 * Items on one baseline, left to right: a line. Spaces are normalised the way Chinese text is set:
 * none next to a Chinese character (LibreOffice and Word add spacing between Chinese and Latin
 * text, which text extraction turns into spaces), one between Latin words.
 */
function toLines(items: readonly TextItem[]): Line[] {
  const sorted = items.filter((i) => i.str !== "").sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  for (const it of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line.y - it.y) <= Math.max(1, 0.3 * Math.min(line.size, it.size))) line.items.push(it);
    else lines.push({ items: [it], y: it.y, x1: 0, x2: 0, size: it.size, text: "" });
  }
  for (const l of lines) {
    l.items.sort((a, b) => a.x - b.x);
    let text = "";
    let end = -Infinity;
    for (const it of l.items) {
      const gap = it.x - end;
      const piece = it.str;
      if (text !== "" && gap > 0.6 * it.size && !/\s$/.test(text) && !/^\s/.test(piece)) text += " ";
      text += piece;
      end = it.x + it.width;
    }
    l.text = tidySpaces(text);
    l.x1 = l.items[0]!.x;
    l.x2 = Math.max(...l.items.map((i) => i.x + i.width));
    l.size = Math.max(...l.items.map((i) => i.size));
  }
  return lines.filter((l) => l.text !== "");
}

const CJK = "\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef\\u2018-\\u201d";

/** Spaces next to Chinese characters and punctuation removed, runs of spaces made one. */
export function tidySpaces(s: string): string {
  return s
    // Kangxi radicals (「⼈」 U+2F08) that some PDF writers map glyphs to: the ideographs they look like.
    .replace(/[\u2f00-\u2fdf]/gu, (c) => c.normalize("NFKC"))
    .replace(/[\s\u00a0\u2000-\u200b\u202f\u205f]+/gu, " ")
    .replace(new RegExp(`(?<=[${CJK}]) | (?=[${CJK}])`, "gu"), "")
    .trim();
}

function cellText(items: readonly TextItem[]): string {
  return toLines(items).reduce((acc, l) => joinPieces(acc, l.text), "");
}

interface PlacedTable {
  table: SourceTable;
  top: number;
}

function buildTable(grid: Grid, items: TextItem[], page: number, index: number): { placed?: PlacedTable; leftovers: TextItem[] } {
  const { xs, ys } = grid;
  const R = ys.length - 1;
  const C = xs.length - 1;
  if (R < 1 || C < 1 || R * C > 20_000) return { leftovers: items };
  const id = (r: number, c: number) => r * C + c;
  const parent = Array.from({ length: R * C }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number) => {
    parent[find(a)] = find(b);
  };
  for (let r = 0; r < R; r++) {
    const midY = (ys[r]! + ys[r + 1]!) / 2;
    for (let c = 0; c < C; c++) {
      const midX = (xs[c]! + xs[c + 1]!) / 2;
      if (c + 1 < C && !hasBorder(grid.v, xs[c + 1]!, midY)) union(id(r, c), id(r, c + 1));
      if (r + 1 < R && !hasBorder(grid.h, ys[r + 1]!, midX)) union(id(r, c), id(r + 1, c));
    }
  }
  const spans = new Map<number, { r1: number; r2: number; c1: number; c2: number; items: TextItem[] }>();
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      const root = find(id(r, c));
      const s = spans.get(root);
      if (!s) spans.set(root, { r1: r, r2: r, c1: c, c2: c, items: [] });
      else {
        s.r1 = Math.min(s.r1, r);
        s.r2 = Math.max(s.r2, r);
        s.c1 = Math.min(s.c1, c);
        s.c2 = Math.max(s.c2, c);
      }
    }
  }
  const rowOf = (y: number) => {
    for (let r = 0; r < R; r++) if (y <= ys[r]! && y >= ys[r + 1]!) return r;
    return -1;
  };
  const colOf = (x: number) => {
    for (let c = 0; c < C; c++) if (x >= xs[c]! && x <= xs[c + 1]!) return c;
    return -1;
  };
  // A cell is a table cell only when ruled all round: rules that merely touch a table (a heading's
  // underline, a page frame) make open areas, whose text is ordinary text.
  const closed = (sp: { r1: number; r2: number; c1: number; c2: number }) => {
    for (let r = sp.r1; r <= sp.r2; r++) {
      const midY = (ys[r]! + ys[r + 1]!) / 2;
      if (!hasBorder(grid.v, xs[sp.c1]!, midY) || !hasBorder(grid.v, xs[sp.c2 + 1]!, midY)) return false;
    }
    for (let c = sp.c1; c <= sp.c2; c++) {
      const midX = (xs[c]! + xs[c + 1]!) / 2;
      if (!hasBorder(grid.h, ys[sp.r1]!, midX) || !hasBorder(grid.h, ys[sp.r2 + 1]!, midX)) return false;
    }
    return true;
  };
  const leftovers: TextItem[] = [];
  for (const it of items) {
    const r = rowOf(it.y + it.size * 0.3);
    const c = colOf(it.x + it.width / 2);
    const sp = r < 0 || c < 0 ? undefined : spans.get(find(id(r, c)));
    if (sp && closed(sp)) sp.items.push(it);
    else leftovers.push(it);
  }
  const cells = [...spans.values()].filter(closed);
  if (cells.length < 2 || !cells.some((c) => c.items.length > 0)) return { leftovers: items };
  const firstRow = Math.min(...cells.map((c) => c.r1));
  const lastRow = Math.max(...cells.map((c) => c.r2));
  const rows: SourceCell[][] = Array.from({ length: lastRow - firstRow + 1 }, () => []);
  for (const s of cells) {
    const row = s.r1 - firstRow;
    rows[row]!.push({
      text: cellText(s.items),
      row,
      col: s.c1,
      rowSpan: s.r2 - s.r1 + 1,
      colSpan: s.c2 - s.c1 + 1,
      loc: { page, table: index, row: row + 1, column: s.c1 + 1 },
    });
  }
  for (const r of rows) r.sort((a, b) => a.col - b.col);
  return { placed: { table: { index, rows, grid: true, loc: { page, table: index } }, top: ys[firstRow]! }, leftovers };
}

function inside(it: TextItem, g: Grid): boolean {
  const cx = it.x + it.width / 2;
  const cy = it.y + it.size * 0.3;
  return cx >= g.box.x1 - TOL && cx <= g.box.x2 + TOL && cy >= g.box.y1 - TOL && cy <= g.box.y2 + TOL;
}

// ------------------------------------------------------------------------------- pages

interface PageLine extends Line {
  page: number;
  /** The page's text margins. */
  left: number;
  right: number;
  /** 1-based line number on its page (for notes: 「第 2 页第 5 行」). */
  lineNo?: number;
}

type Positioned = { type: "line"; line: PageLine; top: number } | { type: "table"; table: SourceTable; top: number };

/** The blocks of a document's pages, in reading order; tables numbered from 1 across the document. */
export function layoutPages(pages: readonly PageContent[]): Block[] {
  const flow: Positioned[] = [];
  let tableIndex = 0;
  for (const p of pages) {
    const grids = p.segments.length <= MAX_SEGMENTS_PER_PAGE ? findGrids(p.segments) : [];
    const placed: Positioned[] = [];
    const free: TextItem[] = [];
    const inGrid = new Map<Grid, TextItem[]>();
    for (const it of p.items) {
      const g = grids.find((gr) => inside(it, gr));
      if (g) {
        const list = inGrid.get(g);
        if (list) list.push(it);
        else inGrid.set(g, [it]);
      } else free.push(it);
    }
    // Tables in reading order on the page (a grid without text is a frame or a rule: ignored).
    for (const g of [...grids].sort((a, b) => b.box.y2 - a.box.y2)) {
      const its = inGrid.get(g);
      if (!its?.length) continue;
      const t = buildTable(g, its, p.number, tableIndex + 1);
      free.push(...t.leftovers);
      if (!t.placed) continue;
      tableIndex++;
      placed.push({ type: "table", table: t.placed.table, top: t.placed.top });
    }
    const lines = toLines(free);
    const margin = 0.1 * p.height;
    const body = lines.filter((l) => !(isPageNumberLine(l.text) && (l.y < margin || l.y > p.height - margin)));
    const left = body.length ? Math.min(...body.map((l) => l.x1)) : 0;
    const right = body.length ? Math.max(...body.map((l) => l.x2)) : p.width;
    for (const l of body) placed.push({ type: "line", line: { ...l, page: p.number, left, right }, top: l.y + l.size });
    placed.sort((a, b) => b.top - a.top);
    flow.push(...placed);
  }
  return toBlocks(flow);
}

/** Whether `next` continues the paragraph whose last line is `prev`. */
function continues(prev: PageLine, next: PageLine): boolean {
  if (Math.abs(prev.size - next.size) > 0.5) return false;
  const em = prev.size;
  const fullLine = prev.x2 >= prev.right - 1.5 * em;
  const atLeft = next.x1 <= next.left + 0.5 * em;
  if (!fullLine || !atLeft) return false;
  if (prev.page === next.page) return prev.y - next.y <= 2.2 * em;
  return next.page === prev.page + 1;
}

function toBlocks(flow: readonly Positioned[]): Block[] {
  const blocks: Block[] = [];
  let para: { lines: PageLine[] } | undefined;
  let lineNo = 0;
  let page = 0;
  const close = () => {
    if (!para) return;
    const first = para.lines[0]!;
    const text = para.lines.reduce((acc, l) => joinPieces(acc, l.text), "");
    const p: Paragraph = { type: "paragraph", text, loc: { page: first.page, line: first.lineNo } };
    blocks.push(p);
    para = undefined;
  };
  for (const f of flow) {
    if (f.type === "table") {
      close();
      blocks.push({ type: "table", table: f.table, loc: f.table.loc });
      continue;
    }
    if (f.line.page !== page) {
      page = f.line.page;
      lineNo = 0;
    }
    const line = { ...f.line, lineNo: ++lineNo };
    const last = para?.lines[para.lines.length - 1];
    if (para && last && continues(last, line)) para.lines.push(line);
    else {
      close();
      para = { lines: [line] };
    }
  }
  close();
  return blocks;
}
