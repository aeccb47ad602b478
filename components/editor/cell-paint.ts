// Paints a check's result on the table cells' elements directly (see cell-view.ts): a keystroke
// changes a few attributes on the involved cells without re-rendering them through React. Only the
// engine's checks change a cell after the first render, so this comes with the engine (live-rules.ts).
import { derivedCellView, inputCellView } from "./cell-view";
import type { EditorStore } from "./store";

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
