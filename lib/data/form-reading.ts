// The editor's form from a report, and read back into a report (see form-values.ts for the form
// model). A module of its own: the editor's browser code needs it only once the rule engine is here
// (components/editor/live-rules.ts); the page's first form values come from the server.
import { allCells, getEdition, narrativeRecord, TABLE_KEYS, type TableKey } from "../template";
import { formatCellInput, parseCellInput } from "./cell-parse";
import type { FormValues } from "./form-values";
import { HEADER_FIELD_KEYS } from "./header-fields";
import type { ReportDoc, ReportTables } from "./types";

/** The meta fields the editor shows: 引言与落款 and the header fields (单位负责人, 联系人, 联系电话). */
const META_FORM_KEYS = ["preamble", "signature", "date", ...HEADER_FIELD_KEYS] as const;

export function toFormValues(doc: ReportDoc): FormValues {
  const cells = Object.fromEntries(TABLE_KEYS.map((t) => [t, {}])) as FormValues["cells"];
  for (const c of allCells(getEdition(doc.edition))) {
    if (c.derived) continue;
    const row = (cells[c.table][c.row] ??= {});
    const v = doc.tables[c.table]?.[c.row]?.[c.column];
    row[c.column] = formatCellInput(typeof v === "number" ? v : null, c.kind);
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
