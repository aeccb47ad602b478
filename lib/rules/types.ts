// The validation result of docs/interchange.md ("Validation result") — a public contract.

export type Severity = "error" | "warning" | "info";

export interface Issue {
  /** Stable rule id, e.g. "applications.rowTotal" (see RULES). */
  rule: string;
  severity: Severity;
  /**
   * The cell the issue is about ("table.row.column"); for issues that are not about a table cell,
   * the JSON path of the document field instead ("narrative.other", "edition", "year", "agency.name").
   */
  cell: string;
  /** Every cell of this report involved (empty for document-level issues). */
  cells: string[];
  /** Where the rule compares numbers: the value as reported … */
  reported?: number;
  /** … and the value it should be according to the rule. */
  computed?: number;
  /** Chinese, with the official labels. */
  message: string;
  /** 内容雷同 with another agency's report: the passages of THIS report's text that repeat it, to highlight. */
  passages?: string[];
  /** 内容雷同 with another agency's report: whose report. */
  peer?: { agency: string; year: number; kind: "report" | "archive"; href?: string };
}

export interface ValidationResult {
  /** True when there is no issue of severity "error". */
  ok: boolean;
  errors: number;
  warnings: number;
  /** In document order: document-level, section 一, tables 二/三/四 (row, then column), sections 五/六. */
  issues: Issue[];
}
