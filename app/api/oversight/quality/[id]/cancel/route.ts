// POST: cancels a running quality check (no further file is checked; what was checked stays).
import { defineRoute, fail } from "@/app/_server/edge";
import { cancelRun, getRunForActor } from "@/db/quality";
import { run } from "@/db/store";
import { runById } from "../run";

export const dynamic = "force-dynamic";

export const POST = defineRoute(runById, async ({ user, params }) => {
  if (!(await run(getRunForActor(user, params.id)))) return fail("not_found");
  if (!(await run(cancelRun(user, params.id)))) return fail("conflict", "检查已结束，无法取消", { code: "not_running" });
  return { ok: true };
});
