// Test helper (not app code): a report written out in the text shapes in which published reports
// circulate (issue 15 §2, §4, §9) — PDF-converted text, crawled portal text, hand-typed lists.
// Each shape is generated from a known report, so that an import can be compared cell by cell
// with the truth (measureCells). The documents are our own: no published report is copied.

import { getCell, type ReportDoc } from "../../data";
import { TABLE_KEYS, getEdition, plainLabel, type BlockDef, type TableKey } from "../../template";
import { cellsOf } from "../fixtures/from-layout";

export type TableWriter = (report: ReportDoc, key: TableKey) => string[];

const v = (report: ReportDoc, key: TableKey, row: string, col: string): string => {
  const x = getCell(report, `${key}.${row}.${col}`);
  return x === null ? "" : String(x);
};

/** Group labels printed before a row when its group starts (「三、本年度办理结果」「（三）不予公开」). */
function groupLines(block: BlockDef, i: number): string[] {
  const row = block.rows[i]!;
  const prev = block.rows[i - 1];
  return (row.groups ?? []).filter((g) => !prev?.groups?.some((p) => p.key === g.key)).map((g) => g.label);
}

/** A long label split as a PDF converter splits it: at about 18 characters. */
function splitLong(label: string): string[] {
  const chars = [...label];
  if (chars.length <= 20) return [label];
  return [chars.slice(0, 18).join(""), chars.slice(18).join("")];
}

function header(block: BlockDef): string[] {
  return block.columns.map((c) => plainLabel(c));
}

/** Shape A: PDF-converted — a row label on lines of its own (long ones split), then a bare value row. */
export const labelThenValueRow: TableWriter = (r, key) => {
  const t = getEdition(r.edition).tables[key];
  const out: string[] = [`${t.name}　${t.title}`];
  for (const b of t.blocks) {
    if (b.title) out.push(b.title);
    out.push(`| ${header(b).join(" | ")} |`);
    b.rows.forEach((row, i) => {
      out.push(...groupLines(b, i));
      out.push(...splitLong(plainLabel(row)));
      out.push(`| ${b.columns.map((c) => v(r, key, row.key, c.key)).join(" | ")} |`);
    });
  }
  return out;
};

/** Shape B: one row per line outside any table, 「行政许可 0」, values separated by spaces. */
export const spacedRows: TableWriter = (r, key) => {
  const t = getEdition(r.edition).tables[key];
  const out: string[] = [`${t.name}　${t.title}`];
  for (const b of t.blocks) {
    if (b.title) out.push(b.title);
    out.push(header(b).join(" "));
    b.rows.forEach((row, i) => {
      out.push(...groupLines(b, i));
      out.push(`${plainLabel(row)} ${b.columns.map((c) => v(r, key, row.key, c.key) || "0").join(" ")}`);
    });
  }
  return out;
};

/** Shape C: one cell per line between 「|」 lines, a bare 「|」 for a blank cell. */
export const cellPerLine: TableWriter = (r, key) => {
  const t = getEdition(r.edition).tables[key];
  const out: string[] = [`${t.name}　${t.title}`];
  for (const b of t.blocks) {
    if (b.title) out.push(`${b.title} |`);
    for (const h of header(b)) out.push(`${h} |`);
    b.rows.forEach((row, i) => {
      for (const g of groupLines(b, i)) out.push(`${g} |`);
      out.push(`${plainLabel(row)} |`);
      for (const c of b.columns) {
        const x = v(r, key, row.key, c.key);
        out.push(x === "" ? "|" : `${x} |`);
      }
    });
  }
  return out;
};

/** Shape D: crawled text — the whole table's cells run together on one line, separated by spaces. */
export const runTogether: TableWriter = (r, key) => {
  const t = getEdition(r.edition).tables[key];
  const parts: string[] = [`${t.name}　${t.title}`];
  const cells: string[] = [];
  for (const b of t.blocks) {
    if (b.title) cells.push(b.title);
    cells.push(...header(b));
    b.rows.forEach((row, i) => {
      cells.push(...groupLines(b, i));
      cells.push(plainLabel(row), ...b.columns.map((c) => v(r, key, row.key, c.key) || "0"));
    });
  }
  parts.push(cells.join(" "));
  return parts;
};

/** Shape E: 表四 as three 5-column tables named 行政复议 / 未经复议直接起诉 / 复议后起诉. */
export const appealsAsThree: TableWriter = (r, key) => {
  if (key !== "appeals") return labelThenValueRow(r, key);
  const t = getEdition(r.edition).tables[key];
  const b = t.blocks[0]!;
  const out: string[] = [`${t.name}　${t.title}`];
  for (const row of b.rows) {
    out.push(plainLabel(row));
    out.push(`| ${header(b).join(" | ")} |`);
    out.push(`| ${b.columns.map((c) => v(r, key, row.key, c.key) || "0").join(" | ")} |`);
  }
  return out;
};

/** Shape F: 表三 as an unlabelled block of numbers (rows × columns, one line of spaces). */
export const bareNumbers: TableWriter = (r, key) => {
  if (key !== "applications") return spacedRows(r, key);
  const t = getEdition(r.edition).tables[key];
  const b = t.blocks[0]!;
  return [`${t.name}　${t.title}`, b.rows.flatMap((row) => b.columns.map((c) => v(r, key, row.key, c.key) || "0")).join(" ")];
};

/** Shape G: 表四 as one printed row of 15 numbers under its two header lines (peer checkers' case). */
export const appealsOneRow: TableWriter = (r, key) => {
  if (key !== "appeals") return spacedRows(r, key);
  const t = getEdition(r.edition).tables[key];
  const b = t.blocks[0]!;
  const groups = [...new Set(b.rows.map((row) => row.groups?.[0]?.label).filter((g): g is string => g !== undefined))];
  return [
    t.name,
    groups.join(" "),
    [...b.columns.map((c) => plainLabel(c)), ...b.rows.filter((row) => row.groups?.length).map((row) => plainLabel(row))].join(" "),
    b.rows.flatMap((row) => b.columns.map((c) => v(r, key, row.key, c.key) || "0")).join(" "),
  ];
};

export interface ShapeOptions {
  /** Page chrome around and inside the report: navigation, breadcrumbs, page numbers. */
  chrome?: boolean;
  /** Title lines (default: the report's title on one line). */
  title?: string[];
  /** The section 六 heading as printed (e.g. 「七、其他需要报告的事项」). */
  otherHeading?: string;
  /** Section headings lost in extraction (their content stays). */
  dropHeadings?: readonly string[];
}

/** The whole report as text, its tables written by `writer`. */
export function reportAsText(r: ReportDoc, writer: TableWriter, opts: ShapeOptions = {}): string {
  const e = getEdition(r.edition);
  const out: string[] = [];
  if (opts.chrome) out.push("首页", "政务公开", "政府信息公开年报", "当前位置：首页 > 政务公开 > 年报", "索引号：SF-001-2025 | 发布机构：示范市应急管理局 | 发布日期：2025-01-22");
  out.push(...(opts.title ?? [r.meta?.title ?? `${r.agency.name}${r.year}年政府信息公开工作年度报告`]));
  out.push(...(r.meta?.preamble ?? "").split("\n").filter(Boolean));
  let page = 1;
  for (const s of e.sections) {
    if (!opts.dropHeadings?.includes(s.number)) out.push(s.number === "六" && opts.otherHeading ? opts.otherHeading : s.heading);
    if (s.narrativeKey) out.push(...r.narrative[s.narrativeKey].split("\n").filter(Boolean));
    if (s.tableKey) out.push(...writer(r, s.tableKey));
    if (opts.chrome) out.push(`- ${page++} -`);
  }
  if (r.meta?.signature) out.push(r.meta.signature);
  if (r.meta?.date) {
    const [y, m, d] = r.meta.date.split("-").map(Number);
    out.push(`${y}年${m}月${d}日`);
  }
  if (opts.chrome) out.push("【打印本页】【关闭窗口】", "主办单位：示范市人民政府办公室", "网站地图 | 联系我们");
  return `${out.join("\n")}\n`;
}

export interface CellScore {
  right: number;
  wrong: number;
  lost: number;
  /** "table.row.column: expected → got" for every cell that is not right. */
  misses: string[];
}

/**
 * Cell by cell: right (same value), wrong (a different number — never acceptable), lost (the truth
 * has a number and the import left it blank). Cells blank in the truth count right when blank.
 */
export function measureCells(truth: ReportDoc, got: ReportDoc | undefined): CellScore {
  const want = cellsOf(truth);
  const have = got ? cellsOf(got) : {};
  const s: CellScore = { right: 0, wrong: 0, lost: 0, misses: [] };
  for (const [ref, w] of Object.entries(want)) {
    const h = have[ref] ?? null;
    if (h === w) s.right++;
    else if (h === null) {
      s.lost++;
      s.misses.push(`${ref}: ${w} → 空`);
    } else {
      s.wrong++;
      s.misses.push(`${ref}: ${w} → ${h}`);
    }
  }
  return s;
}

export const TABLES = TABLE_KEYS;
