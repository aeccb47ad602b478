// POST: cancels a running quality check (no further file is checked; what was checked stays).
import { requireApiUser } from "@/app/_server/guard";
import { apiRoute, jsonError, jsonResponse } from "@/app/_server/http";
import { getDb } from "@/db/client";
import { cancelRun, getRunForActor } from "@/db/quality";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async function cancelQualityRun(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  const guard = await requireApiUser({ roles: ["supervisor", "admin"] });
  if (!guard.ok) return guard.response;
  const id = Number((await ctx.params).id);
  const db = getDb();
  const run = Number.isSafeInteger(id) ? getRunForActor(db, guard.user, id) : undefined;
  if (!run) return jsonError(404, "not_found", "检查不存在");
  if (!cancelRun(db, guard.user, id)) return jsonError(409, "not_running", "检查已结束，无法取消");
  return jsonResponse(200, { ok: true });
});
