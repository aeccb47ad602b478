// A statutory table's section read as one stream of cells (issue 15 §2, §9): text as PDF converters
// and crawlers leave it spreads one printed table over many shapes — row labels on lines of their
// own followed by bare value rows (「规章」 / 「| 0 | 0 | 0 |」), long labels split over two lines,
// rows typed as 「行政许可 0」 outside any table, values separated by spaces, a whole table's cells
// run together on one line, page numbers (「- 1 -」) in between. The stream puts all of it, in
// reading order, into one text table (one row per printed line, one cell per label or value) for
// the text table reader, which places values by the template's row and column order.
//
// Cost: every line is split once; a run of k words between two numbers is grouped into labels by
// trying the joins of at most MAX_JOIN consecutive words (k × MAX_JOIN label matches).

import type { TableKey } from "../../template";
import { allEditionIndexes, matchLabel, type LabelIndex, type MatchQuality } from "../labels";
import type { Block, SourceCell, SourceTable } from "../source";
import type { SourceLocation } from "../types";
import { parseCellValue } from "../values";

/** Words joined at most into one label (「三、本年度办理结果」 is one word; 「商业 企业」 two). */
const MAX_JOIN = 6;
/** A longer line of words is one cell (a sentence, not a row of cells). */
const MAX_WORDS = 400;

/** 「- 1 -」「— 2 —」「第 3 页」「3/12」「第3页 共12页」: a page number left by a PDF conversion. */
export function isPageNumberLine(text: string): boolean {
  const t = text.normalize("NFKC").trim();
  return (
    /^[-—–―‐−~]\s*\d{1,4}\s*[-—–―‐−~]$/u.test(t) ||
    /^第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?$/u.test(t) ||
    /^\d{1,4}\s*\/\s*\d{1,4}$/.test(t)
  );
}

function isValueToken(w: string): boolean {
  const p = parseCellValue(w);
  return p.type === "number" || p.type === "filler";
}

const GOOD: readonly MatchQuality[] = ["exact", "unnumbered", "extended"];

/** `exactOnly`: a join of several words must be a whole label, not a label with something after it. */
function isGoodLabel(indexes: readonly LabelIndex[], text: string, exactOnly = false): boolean {
  for (const idx of indexes) {
    const m = matchLabel(idx, text, { fuzzy: false });
    if (m && (exactOnly ? m.quality === "exact" || m.quality === "unnumbered" : GOOD.includes(m.quality))) return true;
  }
  return false;
}

/** Words between values: each label found by the longest join of consecutive words; other words one cell each, joined. */
function groupWords(words: readonly string[], indexes: readonly LabelIndex[]): string[] {
  if (words.length === 1) return [words[0]!];
  const out: string[] = [];
  let loose: string[] = [];
  const flushLoose = () => {
    if (loose.length) out.push(loose.join(" "));
    loose = [];
  };
  let i = 0;
  while (i < words.length) {
    let taken = 0;
    for (let j = Math.min(words.length, i + MAX_JOIN); j > i; j--) {
      if (isGoodLabel(indexes, words.slice(i, j).join(" "), j - i > 1)) {
        taken = j - i;
        break;
      }
    }
    if (taken === 0) {
      loose.push(words[i]!);
      i++;
      continue;
    }
    flushLoose();
    out.push(words.slice(i, i + taken).join(" "));
    i += taken;
  }
  flushLoose();
  return out;
}

/**
 * The cells of one printed piece of text: values separated by spaces become cells of their own,
 * the words between them labels. A sentence (「。」) stays one cell.
 */
export function splitCellText(text: string, indexes: readonly LabelIndex[]): string[] {
  const t = text.trim();
  if (t === "" || /[。；;]/u.test(t)) return [t];
  const words = t.split(/[\s\u3000]+/u);
  if (words.length === 1 || words.length > MAX_WORDS) return [t];
  if (!words.some(isValueToken)) {
    // Only labels (a header row 「结果维持 结果纠正 …」): split when every part is a label.
    const parts = groupWords(words, indexes);
    return parts.every((p) => isGoodLabel(indexes, p)) ? parts : [t];
  }
  const out: string[] = [];
  let run: string[] = [];
  for (const w of words) {
    if (isValueToken(w)) {
      if (run.length) out.push(...groupWords(run, indexes));
      run = [];
      out.push(w);
    } else run.push(w);
  }
  if (run.length) out.push(...groupWords(run, indexes));
  return out;
}

interface Line {
  cells: string[];
  loc: SourceLocation;
}

/**
 * A label split over two lines by a PDF conversion (「1.申请人无正当理由逾期不补正、行政机关不再处理其」 /
 * 「政府信息公开申请」): two consecutive one-cell lines whose join is a label, when the first alone is not.
 */
function joinSplitLabels(lines: Line[], indexes: readonly LabelIndex[]): Line[] {
  const out: Line[] = [];
  for (const line of lines) {
    const prev = out.at(-1);
    if (prev && prev.cells.length === 1 && line.cells.length === 1) {
      const a = prev.cells[0]!;
      const b = line.cells[0]!;
      if (a !== "" && b !== "" && !isValueToken(a) && !isValueToken(b) && !isGoodLabel(indexes, a) && isGoodLabel(indexes, `${a}${b}`)) {
        prev.cells = [`${a}${b}`];
        continue;
      }
    }
    out.push({ cells: [...line.cells], loc: line.loc });
  }
  return out;
}

/** 「单位：件」「（单位：万元）」: a note on the table's unit, not one of its cells. */
function isUnitNote(text: string): boolean {
  return /^[(（]?单位[:：]/u.test(text.trim());
}

/**
 * The blocks of a section as one text table of `key` (undefined when they hold no cell at all),
 * and the paragraphs it took (the others — a unit note — stay text of the section).
 */
/** A sentence of prose (ends with a full stop), never a table's label or value. */
function isSentence(text: string): boolean {
  const t = text.trim();
  return [...t].length >= 12 && /[。！？]$/.test(t);
}

export function sectionStream(blocks: readonly Block[], key: TableKey, index: number): { table: SourceTable; used: Set<Block> } | undefined {
  const indexes = allEditionIndexes(key);
  const lines: Line[] = [];
  const used = new Set<Block>();
  // Sentences after the table are not table cells: the text of the section whose heading was
  // lost (「五、存在的主要问题…」 after 表四), or a remark — left to the caller.
  let end = blocks.length;
  while (end > 0 && blocks[end - 1]!.type === "paragraph" && isSentence((blocks[end - 1] as Extract<Block, { type: "paragraph" }>).text)) end--;
  for (const b of blocks.slice(0, end)) {
    if (b.type === "paragraph") {
      if (isUnitNote(b.text)) continue;
      used.add(b);
      if (isPageNumberLine(b.text) || b.text.trim() === "") continue;
      lines.push({ cells: splitCellText(b.text, indexes), loc: b.loc });
      continue;
    }
    for (const row of b.table.rows) {
      const loc = row[0]?.loc ?? b.loc;
      const cells = row.flatMap((c) => (c.text.trim() === "" ? [""] : splitCellText(c.text, indexes)));
      lines.push({ cells, loc });
    }
  }
  const joined = joinSplitLabels(lines, indexes);
  if (joined.length === 0) return undefined;
  const rows: SourceCell[][] = joined.map((l, r) => l.cells.map((text, col) => ({ text, row: r, col, rowSpan: 1, colSpan: 1, loc: l.loc })));
  return { table: { index, rows, grid: false, loc: joined[0]!.loc }, used };
}
