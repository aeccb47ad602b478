// The editor's form model: what the person typed, as text, mirroring the report's structure
// (cells.<table>.<row>.<column>). Text, not numbers, because an input may hold something that is
// not (yet) a number — it must survive a reload and be explained, not silently dropped.
import { allCells, getEdition, narrativeRecord, TABLE_KEYS, type NarrativeKey, type TableKey } from "../template";
import { formatCellInput, parseCellInput } from "./cell-input";
import { getCell } from "./report";
import type { ReportDoc, ReportTables } from "./types";
import { HEADER_FIELD_KEYS, type HeaderFieldKey } from "./header-fields";

/** The meta fields the editor shows: 引言与落款 and the header fields (单位负责人, 联系人, 联系电话). */
const META_FORM_KEYS = ["preamble", "signature", "date", ...HEADER_FIELD_KEYS] as const;

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
    row[c.column] = formatCellInput(getCell(doc, c.ref), c.kind);
  }
  return {
    narrative: narrativeRecord((k) => doc.narrative[k] ?? ""),
    meta: Object.fromEntries(META_FORM_KEYS.map((k) => [k, String(doc.meta?.[k] ?? "")])) as FormValues["meta"],
    cells,
  };
}

export interface FormReading {
  /** The report as typed: input cells parsed (unparseable ones blank), derived cells left as in `base`. */
  doc: ReportDoc;
  /** Cells whose text is not a valid number, with the Chinese reason. */
  inputErrors: Map<string, string>;
}

/** Reads the form back into a report, on top of `base` (which supplies year, edition, agency …). */
export function fromFormValues(base: ReportDoc, values: FormValues): FormReading {
  const inputErrors = new Map<string, string>();
  const tables = {} as ReportTables;
  for (const t of Object.keys(base.tables) as TableKey[]) {
    tables[t] = {};
    for (const [row, cols] of Object.entries(base.tables[t])) tables[t][row] = { ...cols };
  }
  for (const c of allCells(getEdition(base.edition))) {
    if (c.derived) continue;
    const text = values.cells?.[c.table]?.[c.row]?.[c.column] ?? "";
    const parsed = parseCellInput(String(text), c.kind);
    const row = (tables[c.table][c.row] ??= {});
    if (parsed.ok) row[c.column] = parsed.value;
    else {
      row[c.column] = null;
      inputErrors.set(c.ref, parsed.error);
    }
  }
  const meta = { ...base.meta };
  for (const key of META_FORM_KEYS) {
    const v = (values.meta?.[key] ?? "").trim();
    if (v) meta[key] = v;
    else delete meta[key];
  }
  const doc: ReportDoc = {
    ...base,
    narrative: narrativeRecord((k) => values.narrative?.[k] ?? ""),
    tables,
  };
  if (Object.keys(meta).length) doc.meta = meta;
  else delete doc.meta;
  return { doc, inputErrors };
}
