// POST { action, comment?, anchor?, acknowledgements? }: moves the report through the review
// workflow. The guard re-reads the user; the pure transition table and the content checks in
// db/workflow.ts decide; every refusal is a Chinese message with the right status code.
import { z } from "zod";
import { requireApiUser } from "@/app/_server/guard";
import { jsonError, jsonResponse, readJsonBody } from "@/app/_server/http";
import { getDb } from "@/db/client";
import { withStorage } from "@/db/health";
import { applyTransition } from "@/db/workflow";
import { ACTIONS } from "@/lib/workflow/transitions";

export const dynamic = "force-dynamic";

const body = z.object({
  action: z.enum(ACTIONS),
  comment: z.string().max(5000).optional(),
  anchor: z.string().max(200).optional(),
  acknowledgements: z.record(z.string().max(300), z.string().max(1000)).optional(),
});

export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const guard = await requireApiUser();
  if (!guard.ok) return guard.response;
  const id = Number((await ctx.params).id);
  if (!Number.isSafeInteger(id) || id <= 0) return jsonError(404, "not_found", "年报不存在");
  const raw = await readJsonBody(req, 200_000);
  if (!raw.ok) return raw.response;
  const parsed = body.safeParse(raw.value);
  if (!parsed.success) return jsonError(400, "bad_request", "请求格式不正确");
  const stored = withStorage(() => applyTransition(getDb(), guard.user, id, parsed.data));
  if (!stored.ok) return jsonError(503, "storage", stored.reason);
  const outcome = stored.value;
  if (!outcome.ok) {
    return jsonError(outcome.status, "refused", outcome.reason, outcome.unacknowledged ? { unacknowledged: outcome.unacknowledged } : {});
  }
  return jsonResponse(200, { ok: true, status: outcome.status, snapshotId: outcome.snapshotId, contentHash: outcome.contentHash });
}
