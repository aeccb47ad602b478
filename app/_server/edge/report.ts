// The report a user asks for by id, or the failure that answers the request: not found (also for
// a report out of the user's reach in a way that must not be revealed — db/reports.ts decides) or
// forbidden, worded by the caller. Thrown, so a route handler or page loader reads
// `const r = await readableReport(user, id)` and goes on.
import "server-only";
import { FailureError, fail } from "@/lib/edge/outcome";
import type { Actor } from "@/lib/auth/access";
import { run } from "@/db/store";
import { getReportForActor } from "@/db/reports";

export async function readableReport(actor: Actor, id: number, forbiddenMessage = "无权查看该年报") {
  const access = await run(getReportForActor(actor, id));
  if (!access.ok) throw new FailureError(access.reason === "forbidden" ? fail("forbidden", forbiddenMessage) : fail("not_found", "年报不存在"));
  return access.report;
}
