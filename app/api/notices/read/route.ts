// POST { id } or { all: true }: marks the signed-in user's own notice(s) read.
import { z } from "zod";
import { requireApiUser } from "@/app/_server/guard";
import { apiRoute, jsonError, jsonResponse, readJsonBody } from "@/app/_server/http";
import { getDb } from "@/db/client";
import { markNoticesRead } from "@/db/notices";

export const dynamic = "force-dynamic";

const body = z.union([z.object({ id: z.number().int().positive() }), z.object({ all: z.literal(true) })]);

export const POST = apiRoute(async function readHandler(req: Request) {
  const guard = await requireApiUser();
  if (!guard.ok) return guard.response;
  const raw = await readJsonBody(req, 1000);
  if (!raw.ok) return raw.response;
  const parsed = body.safeParse(raw.value);
  if (!parsed.success) return jsonError(400, "bad_request", "请求格式不正确");
  const changed = markNoticesRead(getDb(), guard.user.id, "id" in parsed.data ? parsed.data.id : "all");
  return jsonResponse(200, { ok: true, changed });
});
