// The editor's form model: what the person typed, as text, mirroring the report's structure
// (cells.<table>.<row>.<column>). Text, not numbers, because an input may hold something that is
// not (yet) a number — it must survive a reload and be explained, not silently dropped. The form
// from a report and back is in form-reading.ts: the editor's first load needs neither (the server
// gives it the form's first values).
import type { NarrativeKey, TableKey } from "../template";
import type { HeaderFieldKey } from "./header-fields";


export interface FormValues {
  narrative: Record<NarrativeKey, string>;
  meta: { preamble: string; signature: string; date: string } & Partial<Record<HeaderFieldKey, string>>;
  cells: Record<TableKey, Record<string, Record<string, string>>>;
}

/** The form field name of a cell: "cells.applications.received.natural". */
export function cellField(ref: string): `cells.${string}` {
  return `cells.${ref}`;
}
