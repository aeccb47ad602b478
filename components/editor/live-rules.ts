// The rule engine's part of the editor's live check (see live-check.ts). Fetched by the browser
// when the editor is first used — a focus, a click or a keystroke in it — not with the page: until
// then the editor shows the findings the server computed on the same recomputed totals
// (initial-check.ts), which is what this module would compute.
import { computeDerived } from "@/lib/data/report";
import type { FormReading } from "@/lib/data/form-values";
import type { ReportDoc } from "@/lib/data/types";
import { validateReport, type ValidateOptions } from "@/lib/rules/engine";
import type { Issue, ValidationResult } from "@/lib/rules/types";
import { totalsOf, type LiveResult } from "./live-check";
import { withServerIssues } from "./server-issues";

export function checkReading(reading: FormReading, opts: ValidateOptions, serverOnly: readonly Issue[]): LiveResult {
  const full = computeDerived(reading.doc);
  const v = withServerIssues(validateReport(full, opts), serverOnly);
  return { full, v, inputErrors: reading.inputErrors, totals: totalsOf(full) };
}

/** A whole document as the server checks it (another version loaded after a conflict). */
export function validateDoc(doc: ReportDoc): ValidationResult {
  return validateReport(doc);
}
