// The autosave's answers (PUT /api/reports/[id]) and what every page's answer reading shares: in a
// module of their own, so the editor's first load (components/editor/use-autosave.ts) takes only
// these checks, not the workflow transition's or the import's (./answers.ts, which re-exports this
// module for every other reader). Browser code: this module and ./check.ts only, no zod (see check.ts).
import type { ReportDoc } from "@/lib/data/types";
import type { ValidationResult } from "@/lib/rules/types";
import { arrayOf, bool, isRecord, lit, nullable, num, object, oneOf, optional, outline, positiveInt, str, type Check, type Checked } from "./check";

/** Every refusal of the API: { ok: false, code, error } (a sign-in refusal has no code), plus the route's own fields. */
export const apiError = object({ ok: lit(false), code: optional(str), error: str });

// ——— the report document and its validation, in outline ———

const reportDoc = outline<ReportDoc>((v) => isRecord(v) && num(v.year) && str(v.edition) && isRecord(v.tables) && isRecord(v.narrative));
const issue = object({ rule: str, severity: oneOf(["error", "warning", "info"] as const), cell: str, cells: arrayOf(str), message: str });
const validationResult = outline<ValidationResult>(object({ ok: bool, errors: num, warnings: num, issues: arrayOf(issue) }));

// ——— PUT /api/reports/[id]: autosave ———

export const saveResponse = object({ ok: lit(true), version: positiveInt, updatedAt: str, unchanged: bool, validation: validationResult });

/** 409: someone (or the same user elsewhere) saved a newer version; nothing was overwritten. */
export const saveConflict = object({
  ok: lit(false),
  code: lit("conflict"),
  error: str,
  current: object({ version: positiveInt, updatedAt: str, updatedByName: nullable(str), byYou: bool, data: reportDoc }),
});

export type SaveResponse = Checked<typeof saveResponse>;
export type SaveConflict = Checked<typeof saveConflict>;

/** The body typed by its contract, or null when the server's answer is not what the contract says. */
export function readAnswer<T>(check: Check<T>, body: unknown): T | null {
  return check(body) ? body : null;
}

/** What a page says when an answer does not match its contract (an old page against a new server, a proxy's error page). */
export const MALFORMED_ANSWER = "服务器的应答格式有误，请稍后重试";
