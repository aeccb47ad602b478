// Tables in scraped text. The layout is a guess — seed 001 prints one cell per line, seed 003 one
// printed row per line — so the values following a row label are placed in template column
// order; the header cells only produce notes (truncated or unknown headers).

import type { LabelMatch } from "../labels";
import { excerpt, normalizeLabel } from "../normalize";
import type { SourceCell, SourceTable } from "../source";
import { isHeaderClass, isValueLikeText, type CellClass, type RowStart, type TableReader } from "../table-reader";

/**
 * Text as scraped: cells in reading order. A row label takes the values that follow it — the
 * rest of its line when the line has more cells (one printed row per line), otherwise the next
 * values, one per line (seed 001), up to the number of its columns. Empty cells between lines
 * are layout, not values.
 */
export function readTextTable(reader: TableReader, t: SourceTable): void {
  let pending: { start: RowStart; values: SourceCell[]; expected: number } | undefined;
  const columnGroupValues: SourceCell[] = [];
  /** Values before any row label: an unlabelled block of numbers (placed only if it is exactly the table). */
  const orphans: SourceCell[] = [];
  let header: { cell: SourceCell; match?: LabelMatch }[] = [];
  let headerOpen = true;
  const flush = () => {
    if (pending) reader.byOrder(pending.start, pending.values, true);
    pending = undefined;
  };
  const closeHeader = () => {
    if (headerOpen) noteStreamHeader(reader, header);
    header = [];
    headerOpen = false;
  };
  const orientation = reader.table.orientation;

  for (const line of t.rows) {
    for (let i = 0; i < line.length; i++) {
      const cell = line[i]!;
      const c = reader.classify(cell);
      if (c.kind === "empty") continue;
      // 「表四」 on its own: the table's name, a caption.
      if (c.kind === "text" && normalizeLabel(cell.text) === normalizeLabel(reader.table.name)) continue;
      if (orientation === "columnGroups") {
        if (c.kind === "value") {
          closeHeader();
          columnGroupValues.push(cell);
        } else if (c.kind === "label") {
          if (!headerOpen) {
            if (!startsItsValues(reader, c, columnGroupValues.length)) reader.strayText(cell);
            continue;
          }
          else header.push({ cell, match: c.match });
        } else if (headerOpen) header.push({ cell });
        else reader.strayText(cell);
        continue;
      }
      if (c.kind === "value" || (c.kind === "text" && pending && pending.values.length < pending.expected && isValueLikeText(cell.text))) {
        if (pending && pending.values.length < pending.expected) pending.values.push(cell);
        else if (!anyRowSeen(reader) && !pending && c.kind === "value") orphans.push(cell);
        else reader.strayValue(cell);
        continue;
      }
      const target = c.kind === "label" ? c.match.entry.target : undefined;
      if (target?.type === "blockTitle" || target?.type === "tableTitle") {
        flush();
        if (target.type === "blockTitle") {
          if (!headerOpen) header = [];
          headerOpen = true;
        }
        continue;
      }
      if (c.kind === "label" && isHeaderClass(c)) {
        // 「行政复议」 / 「结果维持 | 结果纠正 | …」 / 「0 | 0 | …」: a header printed between a row's
        // label and its values keeps the row open.
        if (pending && pending.values.length === 0 && isHeaderRepeat(reader, c)) continue;
        flush();
        if (!headerOpen) {
          header = [];
          headerOpen = true;
        }
        header.push({ cell, match: c.match });
        continue;
      }
      if (c.kind === "text" && headerOpen && !pending && !anyRowSeen(reader)) {
        header.push({ cell });
        continue;
      }
      // A row label (template row, row group, or unknown text).
      flush();
      closeHeader();
      // The rest of the line up to the next label: this row's values when it has any. A label
      // followed on its line by another label is context for it (「三、本年度办理结果 | （一）予以公开 | …」,
      // 2019's 「（六）其他处理 | 1.申请人… | …」).
      let j = i + 1;
      while (j < line.length && !isLabelCell(reader, line[j]!)) j++;
      const rest = line.slice(i + 1, j);
      const restHasValues = rest.some((r) => r.text.trim() !== "");
      if (!restHasValues && j < line.length) continue;
      const start = reader.startFor(cell);
      if (restHasValues) {
        reader.byOrder(start, rest, true);
        i = j - 1;
        continue;
      }
      const columns = reader.columnsOf(start);
      pending = { start, values: [], expected: columns ? columns.length : Number.POSITIVE_INFINITY };
    }
  }
  flush();
  closeHeader();
  if (orientation === "columnGroups") reader.placeColumnGroups(columnGroupValues, true);
  else if (orphans.length) reader.placeUnlabelled(orphans);
}

/** A header cell of the row's own block (or of any block when the table has one kind of header). */
function isHeaderRepeat(reader: TableReader, c: CellClass): boolean {
  return c.kind === "label" && (c.match.entry.target.type === "column" || c.match.entry.target.type === "columnGroup");
}

/**
 * Table 四 printed as three tables (「行政复议」 / 「结果维持 …」 / values, then 「未经复议直接起诉」 …):
 * a template row's label is where its values start, and is accepted there.
 */
function startsItsValues(reader: TableReader, c: CellClass, valuesSoFar: number): boolean {
  if (c.kind !== "label") return false;
  const t = c.match.entry.target;
  const block = reader.table.blocks[0];
  if (!block) return false;
  if (t.type === "column" || t.type === "columnGroup") return true; // a repeated header
  if (t.type !== "row" && t.type !== "rowGroup") return false;
  const first = t.type === "row" ? t.row.key : t.rows[0]?.key;
  const i = block.rows.findIndex((r) => r.key === first);
  return i >= 0 && valuesSoFar === i * block.columns.length;
}

function anyRowSeen(reader: TableReader): boolean {
  return reader.seen.size > 0 || reader.groups.size > 0;
}

function isLabelCell(reader: TableReader, cell: SourceCell): boolean {
  const c = reader.classify(cell);
  return c.kind === "label" || (c.kind === "text" && !isValueLikeText(cell.text));
}

/** Header cells of text tables only produce notes: values are placed in template order. */
function noteStreamHeader(reader: TableReader, header: { cell: SourceCell; match?: LabelMatch }[]): void {
  const taken = new Set<string>();
  for (const h of header) {
    const t = h.match?.entry.target;
    if (t?.type === "column" && h.match!.candidates.length === 1 && h.match!.quality !== "truncated") taken.add(t.key);
  }
  for (const h of header) {
    if (!h.match) {
      reader.notes.unrecognize("column.unknown", h.cell.loc, `${reader.table.name}表头「${excerpt(h.cell.text)}」不是模板中的栏目，未导入（其下数值可能因此错位，请核对）`, {
        table: reader.key,
        text: h.cell.text,
      });
      continue;
    }
    reader.noteHeaderMatch(h.cell, h.match, taken);
  }
}
