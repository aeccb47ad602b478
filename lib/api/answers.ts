// The answers of the JSON API that pages read — autosave, workflow transition, import — as checks
// shared by the browser (which reads every answer through them instead of casting) and the server
// (whose routes type what they send with these types). The request bodies are in ./requests.ts.
// Browser code: this module and ./check.ts only, no zod (see check.ts).
//
// Deep structures the server has already checked (the report document, its issues, import notes)
// are checked for their outline; their TypeScript types come from lib/.
import type { ImportNote } from "@/lib/import/types";
import type { CompletenessGap } from "@/lib/rules/completeness";
import { ACTIONS } from "@/lib/workflow/actions";
import { arrayOf, either, isRecord, lit, nullable, num, object, oneOf, optional, outline, positiveInt, str, type Checked } from "./check";

// The autosave's answers and the shared reading live in ./save-answers.ts (the editor's first load takes only them).
export { apiError, MALFORMED_ANSWER, readAnswer, saveConflict, saveResponse, type SaveConflict, type SaveResponse } from "./save-answers";

// ——— POST /api/reports/[id]/transition ———

const gap = outline<CompletenessGap>(object({ kind: oneOf(["narrative", "cell"] as const), ref: str, section: str, message: str }));
const warningStanding = object({ key: str, rule: str, cell: str, message: str, reason: str, confirmed: str });

/** preview: true — what the step needs. */
export const transitionPreview = object({ ok: lit(true), action: oneOf(ACTIONS), version: positiveInt, incomplete: arrayOf(gap), errors: num, warnings: arrayOf(warningStanding) });

export const transitionDone = object({ ok: lit(true), status: str, snapshotId: nullable(num), contentHash: nullable(str) });

/** A refused step: what is missing, which warnings lack a reason or a confirmation, what changed since the version read. */
export const transitionRefusal = object({
  ok: lit(false),
  code: optional(str),
  error: str,
  incomplete: optional(arrayOf(gap)),
  unacknowledged: optional(arrayOf(object({ rule: str, cell: str, message: str }))),
  changes: optional(arrayOf(str)),
  currentVersion: optional(num),
});

// ——— POST /api/reports/import (multipart { file, year?, replace?, archive?, confirmAgency? }) ———

const notes = arrayOf(outline<ImportNote>((v) => isRecord(v) && str(v.message)));

/** A new report, or a read-only archive of an old-style one. Extra fields (the importer may add some) are kept. */
export const importResponse = either(
  object({ ok: lit(true), type: lit("report"), id: positiveInt, year: num, edition: str, warnings: notes, unrecognized: notes }),
  object({ ok: lit(true), type: lit("archive"), id: positiveInt, year: num, replaced: nullable(num), statutoryReportId: nullable(num), legacyReason: str, warnings: notes, unrecognized: notes }),
);

/** A refused import: the form offers a choice by `code` ("exists", "archive_exists", "other_agency"); `notes` when unreadable. */
export const importRefusal = object({ ok: lit(false), code: optional(str), error: str, notes: optional(notes) });

export type TransitionPreview = Checked<typeof transitionPreview>;
export type ImportResponse = Checked<typeof importResponse>;
