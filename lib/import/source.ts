// The common model every reader (text, HTML, docx) produces: the document as an ordered list of
// paragraphs and tables. Everything after reading — sections, tables, metadata, legacy — works on
// this model only, so a new input kind means a new reader and nothing else.

import type { ImportKind, SourceLocation } from "./types";

export interface SourceCell {
  /** Cell text as printed (pieces of multi-line cells joined with a space). */
  text: string;
  /** 0-based grid position of the cell's top-left corner. */
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  loc: SourceLocation;
}

export interface SourceTable {
  /** 1-based number of the table in the document. */
  index: number;
  caption?: string;
  /**
   * The cells starting in each printed row, left to right. For text, a row is a line and `col` is
   * the position of the cell in the line.
   */
  rows: SourceCell[][];
  /**
   * True when rows, columns and spans are the printed grid (HTML, docx): values can then be placed
   * by the column headers above them. False for scraped text, where the layout is a guess
   * (seed 001 prints one cell per line) and values are placed by their order.
   */
  grid: boolean;
  loc: SourceLocation;
  /**
   * Text only: the printed lines. A 「|」 in a sentence makes a one-line "table"; when such a table
   * is not a statutory one, its lines go back into the text they belong to.
   */
  lines?: { text: string; loc: SourceLocation }[];
}

export interface Paragraph {
  type: "paragraph";
  text: string;
  loc: SourceLocation;
  /** HTML only: ids of the enclosing elements, outermost first (to tell the article from the page around it). */
  container?: readonly number[];
}

export interface TableBlock {
  type: "table";
  table: SourceTable;
  loc: SourceLocation;
  container?: readonly number[];
}

export type Block = Paragraph | TableBlock;

export interface SourceDoc {
  kind: ImportKind;
  blocks: Block[];
  /** HTML <title> (a fallback for the report title). */
  pageTitle?: string;
}

/** Spans as printed, clamped: HTML allows rowspan="0" and junk; a table is never larger than this. */
export function clampSpan(value: number | undefined): number {
  if (value === undefined || !Number.isFinite(value) || value < 1) return 1;
  return Math.min(Math.floor(value), 100);
}
