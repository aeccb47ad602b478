// What a rendered report says, independent of the output format. The .docx and the HTML renderer
// both walk this structure, so the two documents cannot drift apart: same title, same preamble,
// same headings, same table cells, same signature and date.
//
// Every label, heading and merge comes from the template (`getEdition`, `tableLayout`); nothing
// about the official format is written here.

import type { ReportDoc } from "../data";
import { HEADER_FIELDS, headerFields } from "../data/header-fields";
import {
  getEdition,
  tableLayout,
  type CellKind,
  type CellRef,
  type Edition,
  type LayoutCell,
  type SectionKey,
  type SectionNumber,
  type TableKey,
} from "../template";
import { formatReportDate, type PrintedDate } from "./dates";
import { placeCells } from "./grid";
import { classifyLine, type NarrativeBlock } from "./narrative";
import { cleanLine, splitParagraphs } from "./text";
import { reportTitle } from "./title";
import { formatCellValue, printedValues } from "./values";

export interface ContentCell {
  type: LayoutCell["type"];
  /** Printed text: the label, or the formatted value ("" for a blank cell). */
  text: string;
  /** The in-cell note at the end of `text` (e.g. 「（单位：万元）」), for styling. */
  note?: string;
  /** Value cells: "table.row.column". */
  cell?: CellRef;
  kind?: CellKind;
  derived?: boolean;
  /** Grid position (rows counted over header then body) and spans (1 when not merged). */
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

export interface TableContent {
  key: TableKey;
  /** 「表三」 */
  name: string;
  /** 「收到和处理政府信息公开申请情况」 */
  title: string;
  /** Grid columns used by row labels (see TableDef.labelColumns). */
  labelColumns: number;
  gridColumns: number;
  /** Rows printed once at the top and repeated on every page. */
  header: ContentCell[][];
  body: ContentCell[][];
}

interface SectionBase {
  key: SectionKey;
  number: SectionNumber;
  /** Exact heading, e.g. 「一、总体情况」. */
  heading: string;
}

export type SectionContent =
  | (SectionBase & { kind: "narrative"; blocks: NarrativeBlock[] })
  | (SectionBase & { kind: "table"; table: TableContent });

export interface ReportContent {
  edition: Edition;
  year: number;
  title: string;
  /** The unnumbered opening paragraph(s). */
  preamble: string[];
  /** True when `preamble` is our default sentence rather than meta.preamble. */
  defaultPreamble: boolean;
  sections: SectionContent[];
  signature: string;
  date?: PrintedDate;
  /** Sign-off laid out for a seal (ContentOptions.sealed). */
  sealed?: boolean;
  /**
   * 附注 (GB/T 9704 §7.3.6): the report's header fields (单位负责人、联系人、联系电话) when given,
   * e.g. 「（联系人：王敏；联系电话：0517-83601234）」, printed under the date.
   */
  note?: string;
}

/**
 * The opening paragraph used when meta.preamble is absent or blank: the legal basis and the
 * statistics period (1 January – 31 December of the report year), as real reports state them.
 */
export function defaultPreamble(edition: Edition, year: number): string {
  return `本报告根据《中华人民共和国政府信息公开条例》和《${edition.formatTitle}》编制，统计期限为${year}年1月1日至12月31日。`;
}

export function tableContent(report: ReportDoc, key: TableKey, value = printedValues(report)): TableContent {
  const edition = getEdition(report.edition);
  const def = edition.tables[key];
  const layout = tableLayout(edition, key);
  const placed = placeCells([...layout.header, ...layout.body], layout.gridColumns);
  const rows = placed.map((cells) =>
    cells.map(({ layout: l, row, col, rowSpan, colSpan }): ContentCell => {
      const text = l.type === "value" ? formatCellValue(l.cell ? value(l.cell) : null) : (l.text ?? "");
      const c: ContentCell = { type: l.type, text, row, col, rowSpan, colSpan };
      if (l.note) c.note = l.note;
      if (l.cell) c.cell = l.cell;
      if (l.kind) c.kind = l.kind;
      if (l.derived) c.derived = true;
      return c;
    }),
  );
  return {
    key,
    name: def.name,
    title: def.title,
    labelColumns: def.labelColumns,
    gridColumns: layout.gridColumns,
    header: rows.slice(0, layout.header.length),
    body: rows.slice(layout.header.length),
  };
}

export interface ContentOptions {
  /**
   * Only the statutory tables (二、三、四), no narrative sections: a supervising office's roll-up
   * (汇总) of its agencies' figures, which has no text of its own.
   */
  tablesOnly?: boolean;
  /**
   * Lay the sign-off out for a seal (盖章版, GB/T 9704 §7.3.5.1): space for the seal above the
   * agency name and date, the date 右空四字. Default: the unsealed layout of a web publication.
   */
  sealed?: boolean;
}

export function reportContent(report: ReportDoc, opts: ContentOptions = {}): ReportContent {
  const edition = getEdition(report.edition);
  const value = printedValues(report);
  const printed = opts.tablesOnly ? edition.sections.filter((s) => s.kind === "table") : edition.sections;
  const sections = printed.map((s): SectionContent => {
    const base: SectionBase = { key: s.key, number: s.number, heading: s.heading };
    if (s.kind === "table" && s.tableKey) return { ...base, kind: "table", table: tableContent(report, s.tableKey, value) };
    const text = s.narrativeKey ? report.narrative[s.narrativeKey] : "";
    return { ...base, kind: "narrative", blocks: splitParagraphs(text).map(classifyLine) };
  });

  const givenPreamble = splitParagraphs(typeof report.meta?.preamble === "string" ? report.meta.preamble : undefined);
  const signature =
    (typeof report.meta?.signature === "string" ? cleanLine(report.meta.signature) : "") || cleanLine(report.agency.name);
  const dateText = typeof report.meta?.date === "string" ? cleanLine(report.meta.date) : "";

  const content: ReportContent = {
    edition,
    year: report.year,
    title: reportTitle(report),
    preamble: givenPreamble.length ? givenPreamble : [defaultPreamble(edition, report.year)],
    defaultPreamble: givenPreamble.length === 0,
    sections,
    signature,
  };
  if (opts.sealed) content.sealed = true;
  const head = headerFields(report);
  const noteParts = HEADER_FIELDS.filter((f) => head[f.key]).map((f) => `${f.label}：${head[f.key]}`);
  if (noteParts.length && !opts.tablesOnly) content.note = `（${noteParts.join("；")}）`;
  // No meta.date → no date line: GB/T 9704 has no "blank date" form, and inventing today's date
  // would misstate when the report was made.
  if (dateText) content.date = formatReportDate(dateText);
  return content;
}
