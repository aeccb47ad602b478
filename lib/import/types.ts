// Public types of the importer: its input, its result and the notes it writes about the source.

import type { ReportDoc } from "../data";
import type { EditionId, SectionNumber, TableKey } from "../template";
import type { LegacyReport } from "./legacy";

/** What the published report is: plain text as scraped, an HTML page, a Word .docx file or a PDF. */
export type ImportKind = "text" | "html" | "docx" | "pdf";

export interface ImportInput {
  kind: ImportKind;
  /** Text (text/html) or bytes (any kind; text and HTML bytes are decoded as UTF-8, UTF-16 or GB18030). */
  data: string | Uint8Array;
  /** The report year, when the caller knows it. Takes precedence over the document (a warning notes a disagreement). */
  yearHint?: number;
  /** The agency name, when the caller knows it. Takes precedence over the document (a warning notes a disagreement). */
  agencyHint?: string;
  /**
   * The caller accepts a report whose agency cannot be found (the CLI): it is imported with the
   * agency name left blank ("") and a `meta.agency.missing` warning instead of being refused.
   * The name must be filled in before the document is used (`nianbao/report@1` requires one).
   */
  agencyMayBeBlank?: boolean;
  /**
   * Read the document as an archive record (`nianbao/legacy-report@1`) whatever its format: an
   * office keeping the published file of a year that already has its statutory report in the app.
   */
  asArchive?: boolean;
}

/**
 * Where in the source a note points. Text: `line`. HTML: `line` of the HTML file and, for table
 * cells, `table`/`row`/`column`. Docx: `paragraph`, or `table`/`row`/`column`. All 1-based;
 * `table` counts the tables of the document in order, `row`/`column` are grid positions.
 */
export interface SourceLocation {
  /** PDF: 1-based page (with `line`, the line of text on that page; with `table`, a table cell). */
  page?: number;
  line?: number;
  paragraph?: number;
  table?: number;
  row?: number;
  column?: number;
}

/** Stable identifiers of the importer's notes (tests and tools may rely on them). */
export type NoteCode =
  // input
  | "input.empty"
  | "input.unreadable"
  | "input.encoding"
  | "internal"
  // document structure and metadata
  | "structure.none"
  | "section.missing"
  | "section.inferred"
  | "section.textOutsideTable"
  | "meta.year.missing"
  | "meta.year.inferred"
  | "meta.year.hintDiffers"
  | "meta.agency.missing"
  | "meta.agency.fromSignature"
  | "meta.agency.hintDiffers"
  | "furniture"
  // tables
  | "edition.differsFromYear"
  | "table.missing"
  | "table.unrecognized"
  | "table.unlabelled"
  | "row.missing"
  | "row.noValues"
  | "row.unknown"
  | "row.duplicate"
  | "row.unsplitGroup"
  | "row.subtotal"
  | "row.otherEdition"
  | "label.truncated"
  | "label.fuzzy"
  | "label.otherEdition"
  | "column.unknown"
  | "value.notNumeric"
  | "value.count"
  | "value.byMeaning"
  | "value.extra"
  | "value.conflict"
  | "text.stray"
  // legacy
  | "legacy.table";

/** One remark about the source, in Chinese; `message` starts with where it is (e.g. 「第 155 行：」). */
export interface ImportNote {
  code: NoteCode;
  message: string;
  at?: SourceLocation;
  /** The statutory table concerned. */
  table?: TableKey;
  /** The template cell concerned, "table.row.column". */
  cell?: string;
  /** The printed text concerned (shortened to 300 characters). */
  text?: string;
}

/** What the importer found, for the caller's summary. */
export interface ImportFindings {
  /** Statutory tables found in the source (in table order). */
  tables: TableKey[];
  /** Statutory section headings found (一…六). */
  sections: SectionNumber[];
  /** Where the edition came from: the printed table structure, or (no tables / undecided) the year. */
  editionBasis: "tables" | "year";
}

/** Where one imported template cell was printed (issue 15 §6). */
export interface CellEvidence {
  /** The template cell, "table.row.column". */
  cell: string;
  at: SourceLocation;
  /** `at` as the notes say it (「第 2 页第 5 行」, 「表格 2 第 4 行第 3 列」). */
  where: string;
  /** The cell as printed. */
  printed: string;
  /** The printed row (grid row or line of text) holding it, cells joined with 「 | 」 (≤ 300 characters). */
  source: string;
  sourceAt: SourceLocation;
  sourceWhere: string;
}

/** The evidence of an import: every imported cell's source, and why each unknown cell is blank. */
export interface ImportEvidence {
  cells: CellEvidence[];
  /** Template cells the file did not give (also `meta.imported.unknownCells`), with the reason. */
  unknown: { cell: string; why: string }[];
}

export type ImportResult =
  | {
      ok: true;
      type: "report";
      report: ReportDoc;
      /** The edition whose tables the report actually uses (may differ from the one its year requires). */
      edition: EditionId;
      findings: ImportFindings;
      /** Where every imported table cell came from; why the unknown ones are blank. Not stored with the report. */
      evidence: ImportEvidence;
      /** Imported, but worth checking (inferred year, truncated header, un-split row …). */
      warnings: ImportNote[];
      /** Not imported: unknown rows/columns, stray text, non-numeric values, page furniture … */
      unrecognized: ImportNote[];
    }
  | {
      ok: true;
      type: "legacy";
      legacy: LegacyReport;
      /** Why the report was read as a legacy (pre-2019 style) report, in Chinese. */
      legacyReason: string;
      warnings: ImportNote[];
      unrecognized: ImportNote[];
    }
  | {
      ok: false;
      /** Why nothing could be imported. */
      errors: ImportNote[];
      warnings: ImportNote[];
    };
