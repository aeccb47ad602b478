// The interchange format `nianbao/report@1`: types, schema, parsing, and report transformations.

export * from "./types";
export { cellValueSchema, reportSchema, MAX_CELL_MAGNITUDE, MAX_NARRATIVE_CHARS, MAX_META_CHARS, MAX_TOTAL_MAGNITUDE, MIN_YEAR, MAX_YEAR, type ReportInputSchema } from "./schema";
export { parseReport, parseReportJson, parseStoredReport, formatInputErrors, formatPath, describeValue } from "./parse";
export { locateJsonError, type JsonSyntaxProblem } from "./json-error";
export { emptyReport, computeDerived, getCell, withCell, startNextYear } from "./report";
export { toHalfWidth, type CellInputResult } from "./cell-input";
export { formatCellInput, parseCellInput } from "./cell-parse";
export { diffReports, describeDiff, isEmptyDiff, type ReportDiff, type CellChange, type TextChange } from "./diff";
export { sectionProgress, overallCompletion, issueSection, type SectionProgress } from "./progress";
export { cellField, type FormValues } from "./form-values";
export { fromFormValues, toFormValues, type FormReading } from "./form-reading";
export { parseClipboardGrid, planPaste, describePaste, type GridSlot, type PastePlan } from "./paste";
export { diffParagraphs, type DiffLine } from "./text-diff";
export { MIN_ANY_YEAR, isReportYear, isPlausibleYear } from "./limits";
export { AGENCY_CODE_PATTERN, AGENCY_CODE_RE, AGENCY_CODE_RULE, LOGIN_PATTERN, LOGIN_RE, LOGIN_RULE } from "./codes";
export { HEADER_FIELDS, HEADER_FIELD_KEYS, headerFields, MAX_HEADER_FIELD_CHARS, type HeaderFieldKey } from "./header-fields";
