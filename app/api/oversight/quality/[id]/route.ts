// GET: a quality run's progress (the page polls it). Any visit also resumes runs that a restart
// interrupted (db/quality.ts resumeInterruptedRuns).
import { requireApiUser } from "@/app/_server/guard";
import { apiRoute, jsonError, jsonResponse } from "@/app/_server/http";
import { getDb } from "@/db/client";
import { getRunForActor, resumeInterruptedRuns } from "@/db/quality";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async function qualityProgress(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  const guard = await requireApiUser({ roles: ["supervisor", "admin"] });
  if (!guard.ok) return guard.response;
  const id = Number((await ctx.params).id);
  const db = getDb();
  resumeInterruptedRuns(db);
  const run = Number.isSafeInteger(id) ? getRunForActor(db, guard.user, id) : undefined;
  if (!run) return jsonError(404, "not_found", "检查不存在");
  return jsonResponse(200, { ok: true, status: run.status, total: run.total, done: run.done, message: run.message });
});
