// Importing published annual reports (plain text as scraped, HTML pages, Word .docx) into
// `nianbao/report@1`, or legacy reports into `nianbao/legacy-report@1`. Pure TypeScript: no file
// system, no Next.js — the CLI (lib/cli/commands/import.ts) reads the files.

export { importReport } from "./import-report";
export { detectKind, decodeBytes, looksLikeHtml, type KindDetection, type DecodeResult } from "./detect";
export {
  LEGACY_FORMAT,
  legacyReportSchema,
  legacyStatisticsSchema,
  parseLegacyReport,
  type LegacyReport,
  type LegacySection,
  type LegacyStatistics,
  type LegacyStatisticsRow,
  type LegacyParseResult,
} from "./legacy";
export { describeLocation } from "./notes";
export { normalizeLabel, isFiller } from "./normalize";
export { parseCellValue, type ParsedValue } from "./values";
export type { CellEvidence, ImportEvidence, ImportFindings, ImportInput, ImportKind, ImportNote, ImportResult, NoteCode, SourceLocation } from "./types";
