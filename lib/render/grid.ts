// Grid positions of the cells of a table layout. `tableLayout` lists, per printed row, only the
// cells that START in that row (like HTML: a cell with rowSpan covers the rows below). Renderers
// need each cell's grid column — the .docx for cell widths, the HTML for headers/ids — so the
// positions are computed once here with the HTML table algorithm: a cell takes the first grid
// column not yet covered by a cell above it.

import type { LayoutCell } from "../template";

export interface PlacedCell {
  layout: LayoutCell;
  /** Grid row (over header rows then body rows) and grid column of the top-left corner. */
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

export function placeCells(rows: readonly (readonly LayoutCell[])[], gridColumns: number): PlacedCell[][] {
  const covered: boolean[][] = rows.map(() => new Array<boolean>(gridColumns).fill(false));
  return rows.map((cells, r) => {
    let c = 0;
    return cells.map((layout) => {
      while (c < gridColumns && covered[r]![c]) c++;
      const rowSpan = layout.rowSpan ?? 1;
      const colSpan = layout.colSpan ?? 1;
      if (c + colSpan > gridColumns || r + rowSpan > rows.length) {
        throw new Error(`table layout does not fit its grid at row ${r}, column ${c}`);
      }
      for (let rr = r; rr < r + rowSpan; rr++) for (let cc = c; cc < c + colSpan; cc++) covered[rr]![cc] = true;
      const placed: PlacedCell = { layout, row: r, col: c, rowSpan, colSpan };
      c += colSpan;
      return placed;
    });
  });
}
