// Pasting a block copied from Excel or WPS 表格 into a table: the clipboard holds tab-separated
// lines. The block fills the table's value grid from the focused cell; totals are computed, so
// values that land on them are ignored, and so is whatever falls outside the table — and the user
// is told exactly what was ignored.
import type { CellKind } from "../template";
import { parseCellInput } from "./cell-parse";

/** Parses clipboard text into rows of cells (Excel's format: \t between cells, CRLF between rows, quotes for cells with line breaks). */
export function parseClipboardGrid(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === "") quoted = true;
    else if (ch === "\t") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      if (ch === "\r" && text[i + 1] === "\n") i++;
    } else cell += ch;
    i++;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** One value position of a table: its cell, and whether it is typed in or computed. */
export interface GridSlot {
  ref: string;
  kind: CellKind;
  derived: boolean;
  label: string;
}

export interface PastePlan {
  writes: { ref: string; text: string }[];
  ignoredDerived: string[];
  ignoredOutside: number;
  invalid: { label: string; text: string; error: string }[];
}

/**
 * `grid[r][c]` is the table's value grid (rows of unequal length allowed, e.g. table 二's blocks).
 * The block's top-left lands on (startRow, startCol).
 */
export function planPaste(block: string[][], grid: GridSlot[][], startRow: number, startCol: number): PastePlan {
  const plan: PastePlan = { writes: [], ignoredDerived: [], ignoredOutside: 0, invalid: [] };
  block.forEach((line, dr) => {
    line.forEach((text, dc) => {
      const slot = grid[startRow + dr]?.[startCol + dc];
      if (!slot) {
        if (text.trim() !== "") plan.ignoredOutside++;
        return;
      }
      if (slot.derived) {
        plan.ignoredDerived.push(slot.label);
        return;
      }
      const parsed = parseCellInput(text, slot.kind);
      if (!parsed.ok) {
        plan.invalid.push({ label: slot.label, text, error: parsed.error });
        return;
      }
      plan.writes.push({ ref: slot.ref, text: text.trim() });
    });
  });
  return plan;
}

/** The Chinese summary shown after a paste. */
export function describePaste(plan: PastePlan): string {
  const parts = [`已粘贴 ${plan.writes.length} 个单元格`];
  if (plan.ignoredDerived.length) parts.push(`忽略 ${plan.ignoredDerived.length} 个自动计算的合计单元格`);
  if (plan.ignoredOutside) parts.push(`忽略 ${plan.ignoredOutside} 个超出表格范围的数值`);
  if (plan.invalid.length) {
    const shown = plan.invalid.slice(0, 3).map((x) => `${x.label}「${x.text}」`).join("、");
    parts.push(`忽略 ${plan.invalid.length} 个无法识别的内容：${shown}${plan.invalid.length > 3 ? "等" : ""}`);
  }
  return parts.join("；");
}
