// The editor's own findings for the document it opens with, computed while the page is rendered on
// the server — the same live check the browser runs (live-rules.ts: totals recomputed from the
// typed cells, then the rule engine), so the first load does not need the engine's code. Null when
// they are the server's stored validation already (a document whose totals add up: nearly always);
// an imported report keeps its printed totals, and there the editor's findings differ.
import { toFormValues } from "@/lib/data/form-values";
import type { ReportDoc } from "@/lib/data/types";
import type { ValidateOptions } from "@/lib/rules/engine";
import type { ValidationResult } from "@/lib/rules/types";
import { readForm } from "./live-check";
import { checkReading } from "./live-rules";
import { serverOnlyIssues } from "./server-issues";

export function initialCheck(doc: ReportDoc, server: ValidationResult, opts: ValidateOptions): ValidationResult | null {
  const r = checkReading(readForm(doc, toFormValues(doc)), opts, serverOnlyIssues(server));
  return JSON.stringify(r.v) === JSON.stringify(server) ? null : r.v;
}
