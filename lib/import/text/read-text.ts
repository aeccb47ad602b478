// Plain text as scraped from a portal (the seeds' layout). Paragraphs are lines; a table is a run
// of lines containing cell separators — 「|」 as the scraper wrote them (seed 001: one cell per line
// ending in 「 |」; seed 003: one row per line), or tabs as copied from Word.
//
// Text tables are not grids (`grid: false`): which cells form a printed row is only partly
// recoverable, so the table reader places values by their order.

import type { Block, SourceCell, SourceDoc, SourceTable } from "../source";

/** A line that belongs to a table: it has a 「|」, or a tab between two pieces of text. */
function isTableLine(line: string): boolean {
  return line.includes("|") || /\S\t+\S/.test(line);
}

/** Markdown's 「|---|---|」 separator lines carry no cells. */
function isRuleLine(line: string): boolean {
  return /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line);
}

/**
 * The cells of a table line. A trailing 「|」 ends the last cell (「规章 |」 is one cell); a leading
 * 「|」 opens the first (「| a | b |」, markdown). Lines of separators only (「||||」) give empty cells.
 */
function splitCells(line: string): string[] {
  const trimmed = line.trim();
  const parts = trimmed.split(/\||\t+/);
  if (trimmed.endsWith("|") && parts.length > 1) parts.pop();
  if (trimmed.startsWith("|") && parts.length > 1 && parts.some((p) => p.trim() !== "")) parts.shift();
  return parts.map((p) => p.trim());
}

export function readText(text: string): SourceDoc {
  const lines = text.replace(/\r\n?/g, "\n").replace(/\f/g, "\n").split("\n");
  const blocks: Block[] = [];
  let table: SourceTable | undefined;
  let tables = 0;

  const closeTable = () => {
    if (table && table.rows.length > 0) blocks.push({ type: "table", table, loc: table.loc });
    table = undefined;
  };

  lines.forEach((raw, i) => {
    const line = i === 0 ? raw.replace(/^\ufeff/, "") : raw;
    const lineNo = i + 1;
    if (line.trim() === "") return; // blank lines neither end a table nor make paragraphs
    if (isTableLine(line)) {
      if (isRuleLine(line)) return;
      if (!table) {
        tables++;
        table = { index: tables, rows: [], grid: false, loc: { line: lineNo }, lines: [] };
      }
      table.lines!.push({ text: line.trim(), loc: { line: lineNo } });
      const r = table.rows.length;
      const cells: SourceCell[] = splitCells(line).map((t, col) => ({
        text: t,
        row: r,
        col,
        rowSpan: 1,
        colSpan: 1,
        loc: { line: lineNo },
      }));
      table.rows.push(cells);
      return;
    }
    closeTable();
    blocks.push({ type: "paragraph", text: line.trim(), loc: { line: lineNo } });
  });
  closeTable();
  return { kind: "text", blocks };
}

/**
 * Paragraphs that are really a table printed without separators (a PDF copied as text: one cell
 * per line) read as a text table, for the sections that must hold a table and have none.
 */
export function paragraphsAsTable(paragraphs: readonly { text: string; loc: SourceCell["loc"] }[], index: number): SourceTable {
  return {
    index,
    rows: paragraphs.map((p, r) => [{ text: p.text, row: r, col: 0, rowSpan: 1, colSpan: 1, loc: p.loc }]),
    grid: false,
    loc: paragraphs[0]?.loc ?? {},
  };
}
