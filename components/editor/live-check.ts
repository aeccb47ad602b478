// The editor's live check, outside React: the form read back into a report, the totals, the rule
// engine's findings and the text of every total cell. A keystroke in a table cell re-reads only that
// cell (the other ~200 stay parsed); anything else (a narrative, the meta fields, a paste, a reload
// after a save) reads the whole form again.
import { parseCellInput } from "@/lib/data/cell-input";
import { fromFormValues, type FormReading, type FormValues } from "@/lib/data/form-values";
import { computeDerived } from "@/lib/data/report";
import type { ReportDoc } from "@/lib/data/types";
import { validateReport, type ValidateOptions } from "@/lib/rules/engine";
import type { Issue, ValidationResult } from "@/lib/rules/types";
import { allCells, cellInfo, getEdition, parseCellRef } from "@/lib/template";
import { withServerIssues } from "./server-issues";

/** The form field of a table cell ("cells.<table>.<row>.<column>") as its cell reference, or null. */
export function cellRefOfField(name: string | undefined): string | null {
  return name?.startsWith("cells.") ? name.slice("cells.".length) : null;
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
  let inputErrors = reading.inputErrors;
  if (!parsed.ok || inputErrors.has(ref)) {
    inputErrors = new Map(inputErrors);
    if (parsed.ok) inputErrors.delete(ref);
    else inputErrors.set(ref, parsed.error);
  }
  return { doc, inputErrors };
}

/** How a total cell shows its value: blank while all its addends are blank. */
function totalText(v: unknown): string {
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

export function checkReading(reading: FormReading, opts: ValidateOptions, serverOnly: readonly Issue[]): LiveResult {
  const full = computeDerived(reading.doc);
  const v = withServerIssues(validateReport(full, opts), serverOnly);
  const totals = new Map<string, string>();
  for (const c of allCells(getEdition(full.edition))) if (c.derived) totals.set(c.ref, totalText(full.tables[c.table]?.[c.row]?.[c.column]));
  return { full, v, inputErrors: reading.inputErrors, totals };
}

export function readForm(base: ReportDoc, values: FormValues): FormReading {
  return fromFormValues(base, values);
}
