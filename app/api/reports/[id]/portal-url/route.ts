// PUT { url }: 回填发布地址 — where the agency published the report on its own portal (blank clears it).
import { z } from "zod";
import { requireApiUser } from "@/app/_server/guard";
import { apiRoute, jsonError, jsonResponse, readJsonBody } from "@/app/_server/http";
import { getDb } from "@/db/client";
import { setPortalUrl } from "@/db/reports";
import { checkPortalUrl } from "@/lib/office/portal";

export const dynamic = "force-dynamic";

const body = z.object({ url: z.string().max(2000) });

export const PUT = apiRoute(async function portalHandler(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const guard = await requireApiUser();
  if (!guard.ok) return guard.response;
  const id = Number((await ctx.params).id);
  if (!Number.isSafeInteger(id) || id <= 0) return jsonError(404, "not_found", "年报不存在");
  const raw = await readJsonBody(req, 4000);
  if (!raw.ok) return raw.response;
  const parsed = body.safeParse(raw.value);
  if (!parsed.success) return jsonError(400, "bad_request", "请求格式不正确");
  const checked = checkPortalUrl(parsed.data.url);
  if (!checked.ok) return jsonError(422, "invalid", checked.error);
  const out = setPortalUrl(getDb(), guard.user, id, checked.url);
  if (!out.ok) return jsonError(out.status, "refused", out.reason);
  return jsonResponse(200, { ok: true, url: out.url });
});
