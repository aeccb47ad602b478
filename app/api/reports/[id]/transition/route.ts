// POST { action, comment?, anchor?, comments?, acknowledgements?, version? }: moves the report
// through the review workflow. With { action, preview: true } it changes nothing and answers what the
// step needs (gaps in the content, errors, every warning with its reasons) — the dialogs open with it. The guard re-reads the user; the pure transition table and the content checks in
// db/workflow.ts decide; every refusal is a Chinese message with the right status code.
import { z } from "zod";
import { requireApiUser } from "@/app/_server/guard";
import { apiRoute, jsonError, jsonResponse, readJsonBody } from "@/app/_server/http";
import { getDb } from "@/db/client";
import { withStorage } from "@/db/health";
import { applyTransition, previewTransition } from "@/db/workflow";
import { ACTIONS } from "@/lib/workflow/transitions";

export const dynamic = "force-dynamic";

const body = z.object({
  action: z.enum(ACTIONS),
  comment: z.string().max(5000).optional(),
  anchor: z.string().max(200).optional(),
  comments: z.array(z.object({ anchor: z.string().max(200), body: z.string().max(5000) })).max(100).optional(),
  acknowledgements: z.record(z.string().max(300), z.string().max(1000)).optional(),
  /** approve/publish: the report version the reviewer read. */
  version: z.number().int().positive().optional(),
  /** backfillPublish: the day the report was really published elsewhere (checked in db/workflow.ts). */
  publishedOn: z.string().max(40).optional(),
  preview: z.boolean().optional(),
});

// A busy database answers 503 + Retry-After (app/_server/http.ts), never an empty 500.
export const POST = apiRoute(async function postHandler(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const guard = await requireApiUser();
  if (!guard.ok) return guard.response;
  const id = Number((await ctx.params).id);
  if (!Number.isSafeInteger(id) || id <= 0) return jsonError(404, "not_found", "年报不存在");
  const raw = await readJsonBody(req, 200_000);
  if (!raw.ok) return raw.response;
  const parsed = body.safeParse(raw.value);
  if (!parsed.success) return jsonError(400, "bad_request", "请求格式不正确");
  if (parsed.data.preview) {
    const p = previewTransition(getDb(), guard.user, id, parsed.data.action);
    return p.ok ? jsonResponse(200, p) : jsonError(p.status, "refused", p.reason);
  }
  const stored = withStorage(() => applyTransition(getDb(), guard.user, id, parsed.data));
  if (!stored.ok) return jsonError(503, "storage", stored.reason);
  const outcome = stored.value;
  if (!outcome.ok) {
    const { ok: _ok, status, reason, ...details } = outcome;
    return jsonError(status, "refused", reason, details);
  }
  return jsonResponse(200, { ok: true, status: outcome.status, snapshotId: outcome.snapshotId, contentHash: outcome.contentHash });
});
