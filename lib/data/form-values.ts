// The editor's form model: what the person typed, as text, mirroring the report's structure
// (cells.<table>.<row>.<column>). Text, not numbers, because an input may hold something that is
// not (yet) a number — it must survive a reload and be explained, not silently dropped. Reading
// the form back into a report is in form-reading.ts: the editor's first load does not need it.
import { allCells, getEdition, narrativeRecord, TABLE_KEYS, type NarrativeKey, type TableKey } from "../template";
import { formatCellInput } from "./cell-input";
import type { ReportDoc } from "./types";
import { HEADER_FIELD_KEYS, type HeaderFieldKey } from "./header-fields";

/** The meta fields the editor shows: 引言与落款 and the header fields (单位负责人, 联系人, 联系电话). */
export const META_FORM_KEYS = ["preamble", "signature", "date", ...HEADER_FIELD_KEYS] as const;

export interface FormValues {
  narrative: Record<NarrativeKey, string>;
  meta: { preamble: string; signature: string; date: string } & Partial<Record<HeaderFieldKey, string>>;
  cells: Record<TableKey, Record<string, Record<string, string>>>;
}

/** The form field name of a cell: "cells.applications.received.natural". */
export function cellField(ref: string): `cells.${string}` {
  return `cells.${ref}`;
}

export function toFormValues(doc: ReportDoc): FormValues {
  const cells = Object.fromEntries(TABLE_KEYS.map((t) => [t, {}])) as FormValues["cells"];
  for (const c of allCells(getEdition(doc.edition))) {
    if (c.derived) continue;
    const row = (cells[c.table][c.row] ??= {});
    // The cell read directly (not report.ts's getCell): the editor's first load needs nothing else of report.ts.
    const v = doc.tables[c.table]?.[c.row]?.[c.column];
    row[c.column] = formatCellInput(typeof v === "number" ? v : null, c.kind);
  }
  return {
    narrative: narrativeRecord((k) => doc.narrative[k] ?? ""),
    meta: Object.fromEntries(META_FORM_KEYS.map((k) => [k, String(doc.meta?.[k] ?? "")])) as FormValues["meta"],
    cells,
  };
}
