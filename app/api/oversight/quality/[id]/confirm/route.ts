// POST { itemId, agencyId }: the office confirms which agency an uploaded file belongs to (for
// unmatched or doubtful matches); the run is checked again with it.
import { z } from "zod";
import { requireApiUser } from "@/app/_server/guard";
import { apiRoute, jsonError, jsonResponse, readJsonBody } from "@/app/_server/http";
import { getDb } from "@/db/client";
import { confirmItemAgency } from "@/db/quality";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ itemId: z.number().int().positive(), agencyId: z.number().int().positive() }).strict();

export const POST = apiRoute(async function confirmQualityItem(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const guard = await requireApiUser({ roles: ["supervisor", "admin"] });
  if (!guard.ok) return guard.response;
  const id = Number((await ctx.params).id);
  const body = await readJsonBody(req, 10_000);
  if (!body.ok) return body.response;
  const parsed = bodySchema.safeParse(body.value);
  if (!parsed.success || !Number.isSafeInteger(id)) return jsonError(422, "invalid", "请选择文件所属的单位");
  const r = confirmItemAgency(getDb(), guard.user, id, parsed.data.itemId, parsed.data.agencyId);
  if (!r.ok) return jsonError(r.error === "检查不存在" ? 404 : 409, "refused", r.error);
  return jsonResponse(200, { ok: true });
});
