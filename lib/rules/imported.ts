// What an import recorded in the document about its source (`meta.imported`, written by lib/import):
// - unknownCells: template cells the published file did not give (rows lost in extraction, values
//   that could not be placed). Blank there means unknown, not 0: the rules do not blame printed
//   totals for them (issue 15 §7).
// - amountsAsPrinted: amount cells the file printed with more than 4 decimals (issue 15 §8); the
//   precision warning is not raised while the cell still holds that value.
// Editing a cell makes it known again: an unknown cell that is filled is an ordinary cell.
import type { ReportDoc } from "../data";

export interface ImportedMeta {
  unknownCells?: string[];
  amountsAsPrinted?: Record<string, string>;
}

/** The `meta.imported` of a document, read defensively (meta accepts any extra field). */
export function importedMeta(report: ReportDoc): { unknown: Set<string>; asPrinted: Map<string, number> } {
  const raw = report.meta?.imported as ImportedMeta | undefined;
  const unknown = new Set<string>();
  const asPrinted = new Map<string, number>();
  if (raw && typeof raw === "object") {
    if (Array.isArray(raw.unknownCells)) for (const r of raw.unknownCells.slice(0, 10_000)) if (typeof r === "string") unknown.add(r);
    if (raw.amountsAsPrinted && typeof raw.amountsAsPrinted === "object") {
      for (const [ref, v] of Object.entries(raw.amountsAsPrinted).slice(0, 1000)) {
        const n = typeof v === "string" ? Number(v) : NaN;
        if (Number.isFinite(n)) asPrinted.set(ref, n);
      }
    }
  }
  return { unknown, asPrinted };
}
