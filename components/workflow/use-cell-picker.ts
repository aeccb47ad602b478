"use client";
// While a reviewer writes a return comment, clicking (or tabbing into) a cell or a section of the
// editor points the comment there. Every cell and narrative field of the editor carries `data-cell`,
// so this listens on the document: the editor itself needs no change.
import { useEffect, useRef } from "react";

/** Calls `onPick(ref)` when an element with `data-cell` (or inside one) gets the focus, while `active`. */
export function useCellPicker(active: boolean, onPick: (ref: string) => void): void {
  const pick = useRef(onPick);
  pick.current = onPick;
  useEffect(() => {
    if (!active) return;
    const on = (e: Event) => {
      const el = e.target instanceof Element ? e.target.closest<HTMLElement>("[data-cell]") : null;
      // Only the editor's own fields: the panel's jump links focus cells too, but are not inside one.
      const ref = el?.dataset.cell;
      if (ref && !el.closest("[data-testid=workflow-panel]")) pick.current(ref);
    };
    document.addEventListener("focusin", on);
    return () => document.removeEventListener("focusin", on);
  }, [active]);
}
