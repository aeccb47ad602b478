// POST: marks a review comment resolved (db/workflow.ts decides who may).
import { z } from "zod";
import { defineRoute, refused, safeInteger } from "@/app/_server/edge";
import { run } from "@/db/store";
import { resolveComment } from "@/db/workflow";

export const dynamic = "force-dynamic";

const params = z.object({ id: safeInteger, commentId: safeInteger });

export const POST = defineRoute({ params, wording: { not_found: "意见不存在" } }, async ({ user, params, write }) => {
  const out = await write(() => run(resolveComment(user, params.id, params.commentId)));
  return out.ok ? { ok: true } : refused(out);
});
