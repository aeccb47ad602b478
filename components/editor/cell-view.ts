// How a table cell shows its status (highlight class, aria-invalid, title) and a total its value —
// one function per cell kind, used both by the cell's render and by the painter that applies a
// keystroke's result to the cells directly (editor-session.tsx): a keystroke changes a few
// attributes on the involved cells without re-rendering them through React, and any later render
// computes the same values from the same store, so React and the DOM agree.
import type { CellStatus, EditorStore } from "./store";

export function inputCellView(s: CellStatus): { className: string; title: string | undefined; invalid: boolean } {
  const title = [s.inputError, ...s.messages].filter(Boolean).join("\n");
  return { className: s.severity ? `cell-input sev-${s.severity}` : "cell-input", title: title || undefined, invalid: s.severity === "error" };
}

export function derivedCellView(s: CellStatus): { className: string; title: string } {
  return { className: s.severity ? `cell-derived sev-${s.severity}` : "cell-derived", title: s.messages.join("\n") || "自动计算，不可编辑" };
}

/** The part of a cell's element that painting touches. */
export type PaintTarget = Pick<HTMLElement, "tagName" | "className" | "textContent" | "getAttribute" | "setAttribute" | "removeAttribute" | "hasAttribute">;

function setAttr(el: PaintTarget, name: string, value: string | undefined): void {
  if (value === undefined) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** Applies the store's current view of cell `ref` to its element (an input cell or a total). */
export function paintCell(el: PaintTarget, store: EditorStore, ref: string): void {
  const s = store.cellStatus(ref);
  if (el.tagName === "INPUT") {
    const v = inputCellView(s);
    if (el.className !== v.className) el.className = v.className;
    setAttr(el, "title", v.title);
    setAttr(el, "aria-invalid", v.invalid ? "true" : undefined);
    return;
  }
  const v = derivedCellView(s);
  if (el.className !== v.className) el.className = v.className;
  setAttr(el, "title", v.title);
  const text = store.total(ref);
  if (el.textContent !== text) el.textContent = text;
}

/**
 * Paints the cells `refs` inside `root` (cells are found by their data-cell attribute, looked up
 * once and again only when a remembered element has left the page).
 */
export function cellPainter(root: HTMLElement, store: EditorStore): (refs: Iterable<string>) => void {
  let els: Map<string, HTMLElement> | null = null;
  const index = () => {
    els = new Map();
    for (const el of root.querySelectorAll<HTMLElement>("input.cell-input[data-cell], output.cell-derived[data-cell]")) els.set(el.dataset.cell!, el);
    return els;
  };
  return (refs) => {
    for (const ref of refs) {
      let el = (els ?? index()).get(ref);
      if (el && !el.isConnected) el = index().get(ref);
      if (el) paintCell(el, store, ref);
    }
  };
}
