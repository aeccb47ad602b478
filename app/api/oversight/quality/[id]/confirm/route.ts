// POST { itemId, agencyId }: the office confirms which agency an uploaded file belongs to (for
// unmatched or doubtful matches); the run is checked again with it.
import { z } from "zod";
import { defineRoute, fail, refused, safeInteger } from "@/app/_server/edge";
import { confirmItemAgency } from "@/db/quality";
import { getStore } from "@/db/store";
import { runById } from "../run";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ itemId: z.number().int().positive(), agencyId: z.number().int().positive() }).strict();
/** A bad id or body: the form's one question was not answered. */
const unanswered = fail("invalid", "请选择文件所属的单位");

// Any integer id goes to the data layer (0 or a negative id: 「检查不存在」, 404), as before.
export const POST = defineRoute({ ...runById, params: z.object({ id: safeInteger }), badParams: unanswered, body: bodySchema, bodyLimit: 10_000, badBody: unanswered }, async ({ user, params, body }) => {
  const r = await confirmItemAgency(getStore(), user, params.id, body.itemId, body.agencyId);
  if (!r.ok) return refused({ status: r.error === "检查不存在" ? 404 : 409, reason: r.error });
  return { ok: true };
});
