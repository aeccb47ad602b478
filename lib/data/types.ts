// The interchange format `nianbao/report@1` as TypeScript types (docs/interchange.md).
// Row and column keys are not spelled out here: they come from the edition's template data.

import type { EditionId, NarrativeKey, TableKey } from "../template";

export const REPORT_FORMAT = "nianbao/report@1";

/** A number, or null for a blank cell ("not filled" — different from 0). */
export type CellValue = number | null;

/** row key → column key → value. After `parseReport` every row and column of the edition is present. */
export type TableData = Record<string, Record<string, CellValue>>;

export type ReportTables = Record<TableKey, TableData>;

/** Plain text, paragraphs separated by "\n". */
export type ReportNarrative = Record<NarrativeKey, string>;

export interface ReportAgency {
  name: string;
  /** Extra fields (code, region, …) are allowed and kept. */
  [extra: string]: unknown;
}

export interface ReportMeta {
  title?: string;
  /** The unnumbered opening paragraph. */
  preamble?: string;
  signature?: string;
  date?: string;
  /** 单位负责人 (optional header field, lib/data/header-fields.ts). */
  principal?: string;
  /** 联系人 (optional header field). */
  contact?: string;
  /** 联系电话 (optional header field). */
  phone?: string;
  [extra: string]: unknown;
}

export interface ReportDoc {
  format: typeof REPORT_FORMAT;
  edition: EditionId;
  /** Report year; the statistics period is 1 Jan – 31 Dec of it. */
  year: number;
  agency: ReportAgency;
  meta?: ReportMeta;
  narrative: ReportNarrative;
  tables: ReportTables;
}

/** Why an input is not a usable report: the JSON path of the bad value and a Chinese message naming it. */
export interface InputError {
  /** JSON path, e.g. "tables.applications.received.natural"; "" for the document itself. */
  path: string;
  /** Chinese, starting with the path, e.g. `tables.applications.received.natural：应为数字或 null，实际为字符串 "abc"`. */
  message: string;
}

export type ParseResult = { ok: true; report: ReportDoc } | { ok: false; errors: InputError[] };
