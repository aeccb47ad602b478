// Grid positions of table cells given row by row, each row listing only the cells that START in
// it (as HTML and the template's table layouts do): a cell takes the first grid column not yet
// covered by a cell above it or before it, and reserves the columns of its spans in the rows below.
// The one implementation for the renderers (lib/render/grid.ts: the template's own layouts) and the
// importer (HTML tables as printed).

export interface GridPlace<T> {
  item: T;
  /** Grid row and column of the cell's top-left corner (0-based). */
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

/**
 * Places the cells. With `fit`, the table must fit in that many columns and its own rows (a
 * template layout: an error is a bug); without it, anything goes (a printed table: its spans are
 * clamped by the caller, so the work stays bounded by the spans' area).
 */
export function placeOnGrid<T extends { rowSpan?: number; colSpan?: number }>(rows: readonly (readonly T[])[], fit?: { columns: number }): GridPlace<T>[][] {
  const taken: boolean[][] = [];
  return rows.map((cells, r) => {
    let c = 0;
    return cells.map((item) => {
      while (taken[r]?.[c] === true) c++;
      const rowSpan = item.rowSpan ?? 1;
      const colSpan = item.colSpan ?? 1;
      if (fit && (c + colSpan > fit.columns || r + rowSpan > rows.length)) throw new Error(`table layout does not fit its grid at row ${r}, column ${c}`);
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) (taken[r + dr] ??= [])[c + dc] = true;
      const placed: GridPlace<T> = { item, row: r, col: c, rowSpan, colSpan };
      c += colSpan;
      return placed;
    });
  });
}
