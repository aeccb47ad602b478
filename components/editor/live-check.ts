// The editor's live reading of the form, outside React: the form read back into a report and the
// text of every total cell. A keystroke in a table cell re-reads only that cell (the other ~200 stay
// parsed); anything else (a narrative, the meta fields, a paste, a reload after a save) reads the
// whole form again. The rule engine's part is in live-rules.ts, fetched when the editor is first
// used (the first load shows the findings the server computed the same way).
import { parseCellInput } from "@/lib/data/cell-parse";
import { fromFormValues, type FormReading } from "@/lib/data/form-reading";
import type { FormValues } from "@/lib/data/form-values";
import type { ReportDoc } from "@/lib/data/types";
import type { ValidateOptions } from "@/lib/rules/engine";
import type { ValidationResult } from "@/lib/rules/types";
import { allCells, cellInfo, getEdition, parseCellRef } from "@/lib/template";

/** Readings made by withCellText: the reading each came from and the one cell it changed. */
const cellEdits = new WeakMap<ReportDoc, { from: ReportDoc; ref: string; value: number | null }>();

/** For a report read by withCellText: the report it was made from and its one changed cell (its value). */
export function cellEditOf(doc: ReportDoc): { from: ReportDoc; ref: string; value: number | null } | undefined {
  return cellEdits.get(doc);
}

/**
 * The reading with one input cell's text replaced — the same result `fromFormValues` gives for the
 * whole form with that one text changed. Null when `ref` is not an input cell of the edition.
 */
export function withCellText(reading: FormReading, ref: string, text: string): FormReading | null {
  const info = cellInfo(getEdition(reading.doc.edition), ref);
  const p = parseCellRef(ref);
  if (!info || info.derived || !p) return null;
  const parsed = parseCellInput(text, info.kind);
  const table = reading.doc.tables[p.table] ?? {};
  const row = { ...table[p.row], [p.column]: parsed.ok ? parsed.value : null };
  const doc: ReportDoc = { ...reading.doc, tables: { ...reading.doc.tables, [p.table]: { ...table, [p.row]: row } } };
  cellEdits.set(doc, { from: reading.doc, ref, value: parsed.ok ? parsed.value : null });
  let inputErrors = reading.inputErrors;
  if (!parsed.ok || inputErrors.has(ref)) {
    inputErrors = new Map(inputErrors);
    if (parsed.ok) inputErrors.delete(ref);
    else inputErrors.set(ref, parsed.error);
  }
  return { doc, inputErrors };
}

/** How a total cell shows its value: blank while all its addends are blank. */
export function totalText(v: unknown): string {
  return typeof v === "number" ? String(Math.round(v * 1e6) / 1e6) : "";
}

export interface LiveResult {
  /** The report with its totals recomputed from the typed cells. */
  full: ReportDoc;
  v: ValidationResult;
  inputErrors: Map<string, string>;
  /** Every total cell's displayed text. */
  totals: Map<string, string>;
}

/** Every total cell's displayed text, from the report with its totals computed. */
export function totalsOf(full: ReportDoc): Map<string, string> {
  const totals = new Map<string, string>();
  for (const c of allCells(getEdition(full.edition))) if (c.derived) totals.set(c.ref, totalText(full.tables[c.table]?.[c.row]?.[c.column]));
  return totals;
}

export function readForm(base: ReportDoc, values: FormValues): FormReading {
  return fromFormValues(base, values);
}

/** The cross-year part of the check: last year's report, or else last year's archived narrative. */
export function validateOptions(previous: ReportDoc | null, archive: Pick<NonNullable<ValidateOptions["previousArchive"]>, "year" | "narrative"> | null): ValidateOptions {
  return previous ? { previous } : archive ? { previousArchive: { year: archive.year, narrative: archive.narrative } } : {};
}
