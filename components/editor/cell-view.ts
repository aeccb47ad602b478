// How a table cell shows its status (highlight class, aria-invalid, title) and a total its value —
// one function per cell kind, used both by the cell's render and by the painter that applies a
// keystroke's result to the cells directly (cell-paint.ts, which comes with the rule engine: only
// the engine's checks change a cell after the first render): a keystroke changes a few
// attributes on the involved cells without re-rendering them through React, and any later render
// computes the same values from the same store, so React and the DOM agree.
import type { CellStatus } from "./store";

export function inputCellView(s: CellStatus): { className: string; title: string | undefined; invalid: boolean } {
  const title = [s.inputError, ...s.messages].filter(Boolean).join("\n");
  return { className: s.severity ? `cell-input sev-${s.severity}` : "cell-input", title: title || undefined, invalid: s.severity === "error" };
}

export function derivedCellView(s: CellStatus): { className: string; title: string } {
  return { className: s.severity ? `cell-derived sev-${s.severity}` : "cell-derived", title: s.messages.join("\n") || "自动计算，不可编辑" };
}
