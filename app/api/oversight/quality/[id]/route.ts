// GET: a quality run's progress (the page polls it). Any visit also resumes runs that a restart
// interrupted (db/quality.ts resumeInterruptedRuns).
import { defineRoute, fail } from "@/app/_server/edge";
import { getRunForActor, resumeInterruptedRuns } from "@/db/quality";
import { getStore, run as runData } from "@/db/store";
import { runById } from "./run";

export const dynamic = "force-dynamic";

export const GET = defineRoute(runById, async ({ user, params }) => {
  await resumeInterruptedRuns(getStore());
  const run = await runData(getRunForActor(user, params.id));
  if (!run) return fail("not_found");
  return { ok: true, status: run.status, total: run.total, done: run.done, message: run.message };
});
