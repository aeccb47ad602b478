// POST { key: "rule|cell", reason }: the reviewer verifies a warning as correct.
import { z } from "zod";
import { requireApiUser } from "@/app/_server/guard";
import { apiRoute, jsonError, jsonResponse, readJsonBody } from "@/app/_server/http";
import { getDb } from "@/db/client";
import { withStorage } from "@/db/health";
import { confirmWarning } from "@/db/workflow";

export const dynamic = "force-dynamic";

const body = z.object({ key: z.string().max(300), reason: z.string().max(1000) });

// A busy database answers 503 + Retry-After (app/_server/http.ts), never an empty 500.
export const POST = apiRoute(async function postHandler(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const guard = await requireApiUser({ roles: ["reviewer"] });
  if (!guard.ok) return guard.response;
  const id = Number((await ctx.params).id);
  if (!Number.isSafeInteger(id) || id <= 0) return jsonError(404, "not_found", "年报不存在");
  const raw = await readJsonBody(req, 20_000);
  if (!raw.ok) return raw.response;
  const parsed = body.safeParse(raw.value);
  if (!parsed.success) return jsonError(400, "bad_request", "请求格式不正确");
  const stored = withStorage(() => confirmWarning(getDb(), guard.user, id, parsed.data.key, parsed.data.reason));
  if (!stored.ok) return jsonError(503, "storage", stored.reason);
  const out = stored.value;
  return out.ok ? jsonResponse(200, { ok: true }) : jsonError(out.status, "refused", out.reason);
});
