// Grid positions of the cells of a table layout. `tableLayout` lists, per printed row, only the
// cells that START in that row (like HTML: a cell with rowSpan covers the rows below). Renderers
// need each cell's grid column — the .docx for cell widths, the HTML for headers/ids — so the
// positions are computed once here, by the same placement the importer uses for printed HTML
// tables (lib/template/grid.ts).

import type { LayoutCell } from "../template";
import { placeOnGrid } from "../template/grid";

export interface PlacedCell {
  layout: LayoutCell;
  /** Grid row (over header rows then body rows) and grid column of the top-left corner. */
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

export function placeCells(rows: readonly (readonly LayoutCell[])[], gridColumns: number): PlacedCell[][] {
  return placeOnGrid(rows, { columns: gridColumns }).map((cells) => cells.map(({ item, ...at }) => ({ layout: item, ...at })));
}
