// POST: cancels a running quality check (no further file is checked; what was checked stays).
import { defineRoute, fail } from "@/app/_server/edge";
import { getDb } from "@/db/client";
import { cancelRun, getRunForActor } from "@/db/quality";
import { runById } from "../run";

export const dynamic = "force-dynamic";

export const POST = defineRoute(runById, ({ user, params }) => {
  const db = getDb();
  if (!getRunForActor(db, user, params.id)) return fail("not_found");
  if (!cancelRun(db, user, params.id)) return fail("conflict", "检查已结束，无法取消", { code: "not_running" });
  return { ok: true };
});
