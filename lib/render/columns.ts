// Relative widths of the grid columns of a statutory table, shared by the .docx (absolute twips)
// and the HTML (<col> percentages) so that both print the tables with the same proportions.

import type { TableContent } from "./content";

/** One 五号 (10.5 pt) character, the table font size, in twips. */
const CELL_CHAR = 210;
/** Left/right padding of a table cell in twips (1 mm). */
export const TABLE_CELL_PADDING = 57;

/** Width of a column that holds `n` table characters plus its padding. */
const columnFor = (n: number) => Math.round(n * CELL_CHAR + 2 * TABLE_CELL_PADDING);

/** `total` split into `n` near-equal integer widths that add up exactly. */
function split(total: number, n: number): number[] {
  const base = Math.floor(total / n);
  return Array.from({ length: n }, (_, i) => base + (i < total - base * n ? 1 : 0));
}

/**
 * Widths of the grid columns in twips, adding up to `total` (the 156 mm text area is 8845 twips).
 * - No label column (table 四: 15 value columns): equal widths.
 * - One label column (table 二): 30 % for the labels (「其他对外管理服务事项」 fits on one line).
 * - Several label columns (table 三): the outer group labels span many rows, so they can be narrow
 *   and wrap downwards (「三、本年度办理结果」 two characters wide, 「（三）不予公开」 four); value
 *   columns take five-digit counts and wrap their six-character headers into two or three lines;
 *   the innermost labels get the rest (~12 characters a line, so the longest 「（六）」 label
 *   takes three lines instead of six).
 */
export function gridWidths(t: Pick<TableContent, "gridColumns" | "labelColumns">, total: number): number[] {
  const valueColumns = t.gridColumns - t.labelColumns;
  if (t.labelColumns === 0) return split(total, valueColumns);
  if (t.labelColumns === 1) {
    const label = Math.round(total * 0.3);
    return [label, ...split(total - label, valueColumns)];
  }
  const groups = Array.from({ length: t.labelColumns - 1 }, (_, i) => columnFor(i === 0 ? 2 : 4));
  const values = Array.from({ length: valueColumns }, () => columnFor(2.6));
  const leaf = total - [...groups, ...values].reduce((a, b) => a + b, 0);
  return [...groups, leaf, ...values];
}
