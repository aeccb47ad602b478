// The JSON API's request and response bodies, as zod schemas shared by the server (which parses
// requests with them) and the browser (which parses the server's answers with them instead of
// casting). Written with zod/mini — the same zod package, tree-shakable — because the editor's page
// ships these to the browser; import this module itself, never through a barrel.
//
// Answers are read loosely (extra fields allowed): a newer server may add fields without breaking
// an open page. Deep structures the server has already checked (the report document, its issues)
// are checked here only for their outline; their TypeScript types come from lib/.
import * as z from "zod/mini";
import type { ReportDoc } from "@/lib/data/types";
import type { ImportNote } from "@/lib/import/types";
import type { CompletenessGap } from "@/lib/rules/completeness";
import type { ValidationResult } from "@/lib/rules/types";
import { ACTIONS } from "@/lib/workflow/transitions";

const positiveInt = z.int().check(z.positive());
const text = (max: number) => z.string().check(z.maxLength(max));
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every refusal of the API: { ok: false, code, error } (a sign-in refusal has no code), plus the route's own fields. */
export const apiError = z.looseObject({ ok: z.literal(false), code: z.optional(z.string()), error: z.string() });

// ——— the report document and its validation, in outline ———

const reportDoc = z.custom<ReportDoc>((v) => isRecord(v) && typeof v.year === "number" && typeof v.edition === "string" && isRecord(v.tables) && isRecord(v.narrative));

const issueOutline = z.looseObject({ rule: z.string(), severity: z.enum(["error", "warning", "info"]), cell: z.string(), cells: z.array(z.string()), message: z.string() });
const validationOutline = z.looseObject({ ok: z.boolean(), errors: z.number(), warnings: z.number(), issues: z.array(issueOutline) });
const validationResult = z.custom<ValidationResult>((v) => z.safeParse(validationOutline, v).success);

// ——— PUT /api/reports/[id]: autosave with optimistic concurrency ———

/** `version`: the version the client edited; `data`: the document (checked by lib/data's parseReport on the server). */
export const saveRequest = z.object({ version: positiveInt, data: z.unknown() });

export const saveResponse = z.looseObject({ ok: z.literal(true), version: positiveInt, updatedAt: z.string(), unchanged: z.boolean(), validation: validationResult });

/** 409: someone (or the same user elsewhere) saved a newer version; nothing was overwritten. */
export const saveConflict = z.looseObject({
  ok: z.literal(false),
  code: z.literal("conflict"),
  error: z.string(),
  current: z.object({ version: positiveInt, updatedAt: z.string(), updatedByName: z.nullable(z.string()), byYou: z.boolean(), data: reportDoc }),
});

// ——— POST /api/reports/[id]/transition: a workflow step, or (preview: true) what it needs ———

export const transitionRequest = z.object({
  action: z.enum(ACTIONS),
  comment: z.optional(text(5000)),
  anchor: z.optional(text(200)),
  comments: z.optional(z.array(z.object({ anchor: text(200), body: text(5000) })).check(z.maxLength(100))),
  acknowledgements: z.optional(z.record(text(300), text(1000))),
  /** approve/publish: the report version the reviewer read. */
  version: z.optional(positiveInt),
  /** backfillPublish: the day the report was really published elsewhere (checked in db/workflow.ts). */
  publishedOn: z.optional(text(40)),
  preview: z.optional(z.boolean()),
});

const gap = z.custom<CompletenessGap>((v) => isRecord(v) && typeof v.ref === "string" && typeof v.message === "string");
const warningStanding = z.looseObject({ key: z.string(), rule: z.string(), cell: z.string(), message: z.string(), reason: z.string(), confirmed: z.string() });

export const transitionPreview = z.looseObject({ ok: z.literal(true), action: z.enum(ACTIONS), version: positiveInt, incomplete: z.array(gap), errors: z.number(), warnings: z.array(warningStanding) });

export const transitionDone = z.looseObject({ ok: z.literal(true), status: z.string(), snapshotId: z.nullable(z.number()), contentHash: z.nullable(z.string()) });

/** A refused step: what is missing, which warnings lack a reason or a confirmation, what changed since the version read. */
export const transitionRefusal = z.looseObject({
  ok: z.literal(false),
  code: z.optional(z.string()),
  error: z.string(),
  incomplete: z.optional(z.array(gap)),
  unacknowledged: z.optional(z.array(z.looseObject({ rule: z.string(), cell: z.string(), message: z.string() }))),
  changes: z.optional(z.array(z.string())),
  currentVersion: z.optional(z.number()),
});

// ——— POST /api/reports/import (multipart { file, year?, replace?, archive?, confirmAgency? }) ———

const note = z.custom<ImportNote>((v) => isRecord(v) && typeof v.message === "string");
const notes = z.array(note);

export const importResponse = z.union([
  z.looseObject({ ok: z.literal(true), type: z.literal("report"), id: positiveInt, year: z.number(), edition: z.string(), warnings: notes, unrecognized: notes }),
  z.looseObject({
    ok: z.literal(true),
    type: z.literal("archive"),
    id: positiveInt,
    year: z.number(),
    replaced: z.nullable(z.number()),
    statutoryReportId: z.nullable(z.number()),
    legacyReason: z.string(),
    warnings: notes,
    unrecognized: notes,
  }),
]);

/** A refused import: the form offers a choice by `code` ("exists", "archive_exists", "other_agency"); `notes` when unreadable. */
export const importRefusal = z.looseObject({ ok: z.literal(false), code: z.optional(z.string()), error: z.string(), notes: z.optional(notes) });

export type SaveRequest = z.infer<typeof saveRequest>;
export type SaveResponse = z.infer<typeof saveResponse>;
export type SaveConflict = z.infer<typeof saveConflict>;
export type TransitionRequest = z.infer<typeof transitionRequest>;
export type TransitionPreview = z.infer<typeof transitionPreview>;
export type TransitionRefusal = z.infer<typeof transitionRefusal>;
export type ImportResponse = z.infer<typeof importResponse>;

/** Reads an answer with its schema: the typed body, or null when the server's answer is not what the contract says. */
export function readAnswer<S extends z.ZodMiniType>(schema: S, body: unknown): z.infer<S> | null {
  const r = z.safeParse(schema, body);
  return r.success ? r.data : null;
}

/** What the page says when an answer does not match its contract (an old page against a new server, a proxy's error page). */
export const MALFORMED_ANSWER = "服务器的应答格式有误，请稍后重试";
