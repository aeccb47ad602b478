// The editor's first state for the document it opens with, computed while the page is rendered on
// the server — the same live check the browser runs (live-rules.ts: totals recomputed from the
// typed cells, then the rule engine), so the first load needs neither the engine's code nor the
// code that reads the form back, sums the totals or measures the progress.
// `check` is null when the findings are the server's stored validation already (a document whose
// totals add up: nearly always); an imported report keeps its printed totals, and there the
// editor's findings differ.
import { toFormValues } from "@/lib/data/form-reading";
import type { ReportDoc } from "@/lib/data/types";
import type { ValidateOptions } from "@/lib/rules/engine";
import type { ValidationResult } from "@/lib/rules/types";
import type { FirstState } from "./editor-session";
import { readForm } from "./live-check";
import { checkReading, findings } from "./live-rules";
import { serverOnlyIssues } from "./server-issues";
import type { EditorSnapshot } from "./store";

export function initialCheck(doc: ReportDoc, server: ValidationResult, opts: ValidateOptions): { check: ValidationResult | null; first: FirstState; snapshot: EditorSnapshot } {
  const form = toFormValues(doc);
  const r = checkReading(readForm(doc, form), opts, serverOnlyIssues(server));
  const check = JSON.stringify(r.v) === JSON.stringify(server) ? null : r.v;
  const found = findings({ full: r.full, v: check ?? server, inputErrors: r.inputErrors });
  return {
    check,
    first: { values: { meta: form.meta, cells: form.cells }, inputErrors: [...found.inputErrors], progress: found.progress, completion: found.completion, totals: [...r.totals] },
    snapshot: { ...found, server: { validation: server, at: null } },
  };
}
