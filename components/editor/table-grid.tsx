"use client";
// One statutory table as an input grid in the official printed layout (merged headers from the
// template's layout data). Typed-in cells are native inputs registered with react-hook-form;
// totals are read-only and computed live from their addends by the editor's live check.
import { useMemo, useSyncExternalStore, type ClipboardEvent, type KeyboardEvent } from "react";
import { toHalfWidth } from "@/lib/data/cell-input";
import { cellField } from "@/lib/data/form-values";
import type { GridSlot } from "@/lib/data/paste";
import { cellInfo, tableLayout, type LayoutCell, type TableKey } from "@/lib/template";
import { inputCellView, derivedCellView } from "./cell-view";
import { useEditor } from "./context";

/**
 * The grid column where each body cell starts (row spans from above taken into account), keyed
 * "row:index": label cells of depth 0, 1, 2 get their own sticky offset (see globals.css).
 */
function labelColumnStarts(body: readonly (readonly LayoutCell[])[]): Map<string, number> {
  const starts = new Map<string, number>();
  const occupied: Set<number>[] = body.map(() => new Set());
  body.forEach((row, r) => {
    let col = 0;
    row.forEach((cell, i) => {
      while (occupied[r]!.has(col)) col++;
      starts.set(`${r}:${i}`, col);
      for (let dr = 0; dr < (cell.rowSpan ?? 1); dr++) for (let dc = 0; dc < (cell.colSpan ?? 1); dc++) occupied[r + dr]?.add(col + dc);
      col += cell.colSpan ?? 1;
    });
  });
  return starts;
}

/** Position of every value cell in the table's value grid (for keyboard moves and pasting). */
function useValueGrid(tableKey: TableKey) {
  const { edition } = useEditor();
  return useMemo(() => {
    const layout = tableLayout(edition, tableKey);
    const grid: GridSlot[][] = [];
    const pos = new Map<string, [number, number]>();
    for (const row of layout.body) {
      const slots: GridSlot[] = [];
      for (const cell of row) {
        if (cell.type !== "value" || !cell.cell) continue;
        const info = cellInfo(edition, cell.cell)!;
        pos.set(cell.cell, [grid.length, slots.length]);
        slots.push({ ref: cell.cell, kind: info.kind, derived: info.derived, label: info.label });
      }
      if (slots.length) grid.push(slots);
    }
    return { layout, grid, pos, labelColumns: labelColumnStarts(layout.body) };
  }, [edition, tableKey]);
}

function CommentMarker({ anchor }: { anchor: string }) {
  const { comments } = useEditor();
  const texts = comments.get(anchor);
  if (!texts?.length) return null;
  return (
    <span className="comment-marker" title={`审核意见：${texts.join("；")}`} data-testid="comment-marker" aria-label={`审核意见：${texts.join("；")}`}>
      意见
    </span>
  );
}

/**
 * The form a table row's inputs belong to (their `form` attribute; the forms are CellRowForms,
 * outside the editor's own <form>). Chromium's autofill reads the whole form of a text field after
 * every keystroke in it (its form tracker: each field with its label, sent to the browser process),
 * on the main thread, in a task right after the key's. With all ~200 cells in the editor's form that
 * task took 15–25 ms per keystroke and pushed a quick typist's next keys into the following frame
 * (editor bench, 100 keys back to back: 24–41 next frames over 16 ms; with the typed cell in a
 * form of its own: 8–19). A row's form keeps it to the row's few cells. Everything else that finds
 * the cells finds them inside the editor's <form> element in the document, where they still are.
 */
export function cellFormId(tableKey: TableKey, r: number): string {
  return `cells-${tableKey}-${r}`;
}

/** The row forms of a table's cells (see cellFormId): empty, never submitted (Enter moves between cells). */
export function CellRowForms({ tableKey }: { tableKey: TableKey }) {
  const { grid } = useValueGrid(tableKey);
  return (
    <>
      {grid.map((_, r) => (
        <form key={r} id={cellFormId(tableKey, r)} onSubmit={(e) => e.preventDefault()} />
      ))}
    </>
  );
}

function InputCell({ tableKey, refId, r, c }: { tableKey: TableKey; refId: string; r: number; c: number }) {
  const { form, edition, readOnly, store, edited, comments } = useEditor();
  // Only an input error adds or removes an element (its message under the cell): the cell re-renders
  // for that alone. Its highlighting (class, aria-invalid, title) is painted on the input directly
  // when a check changes it (cell-view.ts); a render computes the same from the same store.
  const inputError = useSyncExternalStore(
    (l) => store.subscribeCell(refId, l),
    () => store.cellStatus(refId).inputError,
    () => store.cellStatus(refId).inputError,
  );
  const view = inputCellView(store.cellStatus(refId));
  const info = cellInfo(edition, refId)!;
  // Registered once per cell: a re-render for a new input error then keeps the same ref callback, so
  // React does not detach and re-attach the input to the form.
  const field = useMemo(() => form.register(cellField(refId) as never), [form, refId]);
  // The cell's <td> is its wrapper (class cell-wrap, positioned): no element of its own around the input.
  return (
    <>
      <input
        {...field}
        form={cellFormId(tableKey, r)}
        // Digits typed with a Chinese IME arrive full-width (１２): show them as the number they are.
        onChange={(e) => {
          const el = e.currentTarget;
          const native = e.nativeEvent as InputEvent;
          if (!native.isComposing) {
            const half = toHalfWidth(el.value);
            if (half !== el.value) {
              const [a, b] = [el.selectionStart, el.selectionEnd];
              el.value = half;
              if (a !== null && b !== null) el.setSelectionRange(a, b);
            }
          }
          // The form library takes the value first, then the editor checks this cell. Typed text is
          // handed over with setValue: the change handler would also track the form's dirty state,
          // comparing the whole form (~200 cells) whenever a cell returns to its starting text, and
          // nothing here reads that state (the autosave counts edits itself). While an IME is
          // composing, the change handler as usual.
          if (native.isComposing) void field.onChange(e);
          else form.setValue(field.name as never, el.value as never);
          edited({ ref: refId, text: el.value });
        }}
        className={view.className}
        data-cell={refId}
        data-r={r}
        data-c={c}
        inputMode={info.kind === "amount" ? "decimal" : "numeric"}
        autoComplete="off"
        placeholder="未填写"
        aria-label={info.label}
        aria-invalid={view.invalid ? true : undefined}
        title={view.title}
        readOnly={readOnly}
        onFocus={(e) => e.currentTarget.select()}
      />
      {comments.has(refId) ? <CommentMarker anchor={refId} /> : null}
      {inputError ? (
        <span className="cell-msg" role="alert">
          {inputError}
        </span>
      ) : null}
    </>
  );
}

function DerivedCell({ refId, r, c }: { refId: string; r: number; c: number }) {
  const { edition, store } = useEditor();
  // The total (computed with the live check from the parsed addends) and its highlighting are
  // painted on the element when a check changes them (cell-view.ts); a render shows the same.
  const view = derivedCellView(store.cellStatus(refId));
  const info = cellInfo(edition, refId)!;
  return (
    <output className={view.className} data-cell={refId} data-r={r} data-c={c} tabIndex={-1} aria-label={`${info.label}（自动计算）`} title={view.title}>
      {store.total(refId)}
    </output>
  );
}

function LayoutCellView({ tableKey, cell, header, pos, column = 0 }: { tableKey: TableKey; cell: LayoutCell; header: boolean; pos: Map<string, [number, number]>; column?: number }) {
  const { edition } = useEditor();
  const span = { rowSpan: cell.rowSpan && cell.rowSpan > 1 ? cell.rowSpan : undefined, colSpan: cell.colSpan && cell.colSpan > 1 ? cell.colSpan : undefined };
  if (cell.type === "value" && cell.cell) {
    const [r, c] = pos.get(cell.cell) ?? [0, 0];
    const derived = cellInfo(edition, cell.cell)?.derived;
    return (
      <td {...span} className={derived ? "td-derived" : "td-value cell-wrap"}>
        {derived ? <DerivedCell refId={cell.cell} r={r} c={c} /> : <InputCell tableKey={tableKey} refId={cell.cell} r={r} c={c} />}
      </td>
    );
  }
  const text = cell.note && cell.text?.endsWith(cell.note) ? cell.text.slice(0, cell.text.length - cell.note.length) : cell.text;
  const content = (
    <>
      {text}
      {cell.note ? <span className="cell-note">{cell.note}</span> : null}
    </>
  );
  if (header || cell.type === "header") {
    return (
      <th {...span} scope={span.colSpan ? "colgroup" : "col"} className="th-header">
        {content}
      </th>
    );
  }
  return (
    <th {...span} scope={span.rowSpan ? "rowgroup" : "row"} className={`th-label lcol-${column}`}>
      {content}
    </th>
  );
}

export { CommentMarker };

export function TableGrid({ tableKey }: { tableKey: TableKey }) {
  const { edition, form, readOnly, notify, edited } = useEditor();
  const { layout, grid, pos, labelColumns } = useValueGrid(tableKey);
  const table = edition.tables[tableKey];

  const focusSlot = (container: HTMLElement, r: number, c: number) => {
    const row = grid[r];
    if (!row) return false;
    const cc = Math.min(Math.max(c, 0), row.length - 1);
    const el = container.querySelector<HTMLElement>(`[data-r="${r}"][data-c="${cc}"]`);
    if (!el) return false;
    el.focus();
    return true;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const t = e.target as HTMLElement;
    if (!t.dataset.cell || e.altKey || e.ctrlKey || e.metaKey) return;
    const r = Number(t.dataset.r);
    const c = Number(t.dataset.c);
    const input = t instanceof HTMLInputElement ? t : null;
    // Arrows leave the cell when the caret is at that edge (or the whole text is selected, as right
    // after moving into a cell); otherwise they move the caret inside the text.
    const atStart = !input || input.selectionStart === 0;
    const atEnd = !input || input.selectionEnd === input.value.length;
    let target: [number, number] | null = null;
    if (e.key === "ArrowDown" || (e.key === "Enter" && !e.shiftKey)) target = [r + 1, c];
    else if (e.key === "ArrowUp" || (e.key === "Enter" && e.shiftKey)) target = [r - 1, c];
    else if (e.key === "ArrowRight" && atEnd) target = [r, c + 1];
    else if (e.key === "ArrowLeft" && atStart) target = [r, c - 1];
    if (!target) return;
    const [tr, tc] = target;
    const row = grid[tr];
    if (tr < 0 || !row) {
      if (e.key === "Enter") e.preventDefault();
      return;
    }
    if (tc < 0 || tc >= row.length) {
      // Left/right past the row's end wraps to the previous/next row, like reading order.
      if (e.key === "ArrowRight" && grid[tr + 1]) target = [tr + 1, 0];
      else if (e.key === "ArrowLeft" && tr > 0) target = [tr - 1, (grid[tr - 1]?.length ?? 1) - 1];
      else return;
    }
    e.preventDefault();
    focusSlot(e.currentTarget, target[0], target[1]);
  };

  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    if (readOnly) return;
    const t = e.target as HTMLElement;
    const ref = t.dataset.cell;
    if (!ref) return;
    const text = e.clipboardData.getData("text/plain");
    // A single value typed into one cell is an ordinary paste; a block goes across the grid.
    if (!/[\t\r\n]/.test(text.replace(/[\r\n]+$/, ""))) return;
    e.preventDefault();
    const [r, c] = pos.get(ref) ?? [0, 0];
    // The block paste's code is fetched with the first block pasted, not with the page.
    void import("@/lib/data/paste").then(({ describePaste, parseClipboardGrid, planPaste }) => {
      const plan = planPaste(parseClipboardGrid(text.replace(/(\r?\n)+$/, "")), grid, r, c);
      for (const w of plan.writes) form.setValue(cellField(w.ref) as never, w.text as never, { shouldDirty: true });
      if (plan.writes.length) edited();
      notify(describePaste(plan));
    });
  };

  const fillZeros = () => {
    let n = 0;
    for (const row of grid)
      for (const slot of row) {
        if (slot.derived) continue;
        const name = cellField(slot.ref) as never;
        if (String(form.getValues(name) ?? "").trim() === "") {
          form.setValue(name, "0" as never, { shouldDirty: true });
          n++;
        }
      }
    if (n) edited();
    notify(n ? `已将本表 ${n} 个空白单元格填为 0` : "本表没有空白单元格");
  };

  return (
    <div className="table-block">
      {!readOnly ? (
        <div className="table-tools">
          <button type="button" className="secondary small" onClick={fillZeros}>
            空白单元格填 0
          </button>
          <span className="muted small">可从 Excel / WPS 表格复制一块数据，在起始单元格粘贴；方向键、回车、Tab 在单元格间移动。</span>
        </div>
      ) : null}
      <div className="table-scroll" onKeyDown={onKeyDown} onPaste={onPaste}>
        <table className={`report-table t-${tableKey}`} data-table={tableKey}>
          <caption className="visually-hidden">
            {table.name} {table.title}
          </caption>
          <thead>
            {layout.header.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (
                  <LayoutCellView key={j} tableKey={tableKey} cell={cell} header pos={pos} />
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {layout.body.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (
                  <LayoutCellView key={j} tableKey={tableKey} cell={cell} header={false} pos={pos} column={labelColumns.get(`${i}:${j}`)} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
