import { requireApiUser } from "@/app/_server/guard";
import { apiRoute, jsonError, jsonResponse } from "@/app/_server/http";
import { getDb } from "@/db/client";
import { withStorage } from "@/db/health";
import { resolveComment } from "@/db/workflow";

export const dynamic = "force-dynamic";

// A busy database answers 503 + Retry-After (app/_server/http.ts), never an empty 500.
export const POST = apiRoute(async function postHandler(_req: Request, ctx: { params: Promise<{ id: string; commentId: string }> }) {
  const guard = await requireApiUser();
  if (!guard.ok) return guard.response;
  const p = await ctx.params;
  const id = Number(p.id);
  const commentId = Number(p.commentId);
  if (!Number.isSafeInteger(id) || !Number.isSafeInteger(commentId)) return jsonError(404, "not_found", "意见不存在");
  const stored = withStorage(() => resolveComment(getDb(), guard.user, id, commentId));
  if (!stored.ok) return jsonError(503, "storage", stored.reason);
  const out = stored.value;
  return out.ok ? jsonResponse(200, { ok: true }) : jsonError(out.status, "refused", out.reason);
});
