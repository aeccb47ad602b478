// A statutory table as accessible HTML (WCAG technique H43, document-format.md §5.3): every header
// and row-label cell is a <th> with an id, every data cell lists in `headers` the ids of ALL the
// header cells that describe it — column heads at every level above it (for table 二 including its
// block title) and every row label to its left (for table 三 「三、本年度办理结果」 → 「（三）不予公开」
// → 「1.属于国家秘密」). Header cells that cover a single column or row also get `scope`.
//
// The markup stays plain for importers: labels are the cells' text, numbers are plain digits, and
// each data cell names its interchange cell in `data-cell` ("applications.received.natural").

import { gridWidths } from "../columns";
import type { ContentCell, TableContent } from "../content";
import { escapeAttr, escapeHtml } from "./escape";

/** Rows grouped into bands: a header band and the rows it describes (table 二 has one per block). */
function bands(rows: ContentCell[][]): ContentCell[][][] {
  const out: ContentCell[][][] = [];
  let previousWasHeader = false;
  for (const row of rows) {
    const isHeader = row.length > 0 && row.every((c) => c.type === "header");
    if (out.length === 0 || (isHeader && !previousWasHeader)) out.push([]);
    out[out.length - 1]!.push(row);
    previousWasHeader = isHeader;
  }
  return out;
}

const overlaps = (a: ContentCell, b: ContentCell) => a.col < b.col + b.colSpan && b.col < a.col + a.colSpan;
const coversRow = (h: ContentCell, row: number) => h.row <= row && row < h.row + h.rowSpan;

/** The ids each data cell and each row label refers to, computed per band. */
function headerRefs(t: TableContent, idOf: (c: ContentCell) => string): Map<ContentCell, string[]> {
  const refs = new Map<ContentCell, string[]>();
  for (const band of bands([...t.header, ...t.body])) {
    const cells = band.flat();
    const heads = cells.filter((c) => c.type === "header" && c.text);
    const labels = cells.filter((c) => c.type === "label" && c.text);
    for (const c of cells) {
      if (c.type === "header") continue;
      // Column heads above the cell (every level), then — for data cells — the row labels to its left.
      const above = heads.filter((h) => h.row < c.row && overlaps(h, c)).sort((a, b) => a.row - b.row || a.col - b.col);
      const left = c.type === "value" ? labels.filter((l) => l.col < c.col && coversRow(l, c.row)).sort((a, b) => a.col - b.col) : [];
      const ids = [...above, ...left].map(idOf);
      if (ids.length) refs.set(c, ids);
    }
  }
  return refs;
}

function cellText(c: ContentCell): string {
  if (c.note && c.text.endsWith(c.note)) {
    const main = c.text.slice(0, c.text.length - c.note.length);
    return `${escapeHtml(main)}<span class="nb-note">${escapeHtml(c.note)}</span>`;
  }
  return escapeHtml(c.text);
}

function spans(c: ContentCell): string {
  return (c.colSpan > 1 ? ` colspan="${c.colSpan}"` : "") + (c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : "");
}

function cellHtml(c: ContentCell, t: TableContent, id: string, refs: string[] | undefined): string {
  const headers = refs ? ` headers="${escapeAttr(refs.join(" "))}"` : "";
  if (c.type === "value") {
    const cls = c.derived ? "nb-num nb-derived" : "nb-num";
    return `<td class="${cls}"${spans(c)}${headers} data-cell="${escapeAttr(c.cell ?? "")}">${escapeHtml(c.text)}</td>`;
  }
  if (!c.text) return `<td${spans(c)}></td>`; // an empty corner is not a header
  if (c.type === "header") {
    const scope = c.colSpan === 1 ? ` scope="col"` : "";
    return `<th id="${id}" class="nb-head"${scope}${spans(c)}>${cellText(c)}</th>`;
  }
  const group = c.rowSpan > 1 || c.col + c.colSpan < t.labelColumns;
  const scope = c.rowSpan === 1 ? ` scope="row"` : "";
  return `<th id="${id}" class="nb-label${group ? " nb-group" : ""}"${scope}${spans(c)}${headers}>${cellText(c)}</th>`;
}

function rowsHtml(rows: ContentCell[][], t: TableContent, idOf: (c: ContentCell) => string, refs: Map<ContentCell, string[]>): string {
  return rows.map((row) => `<tr>${row.map((c) => cellHtml(c, t, idOf(c), refs.get(c))).join("")}</tr>`).join("\n");
}

/**
 * The table wrapped in a keyboard-focusable scroll region (wide tables scroll sideways on small
 * screens instead of squeezing: WCAG 1.4.10 exempts data tables from reflow).
 * The caption names the table for screen readers; it is visually hidden because the template prints
 * no caption — the section heading right above already shows the same words.
 */
export function tableHtml(t: TableContent, idPrefix: string): string {
  const base = `${idPrefix}-${t.key}`;
  const idOf = (c: ContentCell) => `${base}-r${c.row}c${c.col}`;
  const refs = headerRefs(t, idOf);
  const captionId = `${base}-caption`;
  const widths = gridWidths(t, 10000);
  const cols = widths.map((w) => `<col style="width:${(w / 100).toFixed(2)}%">`).join("");
  const head = t.header.length ? `<thead>\n${rowsHtml(t.header, t, idOf, refs)}\n</thead>\n` : "";
  // Table 二's blocks each have their own title and header row: one <tbody> per block.
  const bodies = bands(t.body)
    .map((band) => `<tbody>\n${rowsHtml(band, t, idOf, refs)}\n</tbody>`)
    .join("\n");
  return (
    `<div class="nb-table-wrap" role="region" tabindex="0" aria-labelledby="${captionId}">\n` +
    `<table id="${base}" data-table="${t.key}">\n` +
    `<caption id="${captionId}" class="nb-visually-hidden">${escapeHtml(`${t.name}　${t.title}`)}</caption>\n` +
    `<colgroup>${cols}</colgroup>\n${head}${bodies}\n</table>\n</div>`
  );
}
