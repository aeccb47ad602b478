// Public types of the quality check.
import type { ReportDoc } from "../data";
import type { SourceLocation } from "../import";
import type { Severity } from "../rules";
import type { FindingKind } from "./kinds";

/** One problem of one report, with its evidence. */
export interface Finding {
  /** Rule id: the consistency engine's (lib/rules/catalog.ts) or the check's own (QUALITY_RULES). */
  rule: string;
  kind: FindingKind;
  severity: Severity;
  /** Chinese, naming the cell, section or date concerned. */
  message: string;
  /** The template cell ("table.row.column") or document field ("narrative.overview", "meta.date"). */
  cell?: string;
  /** Every cell involved. */
  cells?: string[];
  reported?: number;
  computed?: number;
  /** The sentence, passage or printed text concerned. */
  text?: string;
  /** Passages of this report that repeat another text (内容雷同). */
  passages?: string[];
  /** Where in the uploaded file. */
  at?: SourceLocation;
  /** 本级与下级合计: the agencies whose reports were summed (or are missing from the sum). */
  agencies?: string[];
  /** 内容雷同: whose text. */
  peer?: { agency: string; year: number };
}

/** What one report of a run came to. */
export interface CheckedReport {
  /** The report as read (absent when the file could not be read as a statutory report). */
  report?: ReportDoc;
  findings: Finding[];
  /** Publication date used for the deadline check, ISO "2025-01-20". */
  date?: string;
  /** Where the date came from. */
  dateSource?: "entered" | "published" | "document";
  /** The edition whose tables the report uses. */
  edition?: string;
}
