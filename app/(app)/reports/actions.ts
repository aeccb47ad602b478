"use server";
import { z } from "zod";
import { defineAction, redirectTo } from "@/app/_server/edge";
import { run } from "@/db/store";
import { createReport } from "@/db/reports";
import { MAX_YEAR, MIN_YEAR } from "@/lib/data/limits";
import { rolesFor } from "@/lib/workflow/permissions";

const createSchema = z.object({ year: z.coerce.number().int().min(MIN_YEAR, `年度不能早于 ${MIN_YEAR} 年`).max(MAX_YEAR, "年度有误"), rollForward: z.literal("on").optional().catch(undefined) });

/** Opens the agency's report for the year — creating it only when there is none. */
export const createReportAction = defineAction({ roles: rolesFor("draft"), input: createSchema, invalid: "first-issue" }, async ({ user, input }) => {
  const outcome = await run(createReport(user, input.year, { rollForward: input.rollForward === "on" }));
  return outcome.ok ? redirectTo(`/reports/${outcome.id}`) : { ok: false, error: outcome.error };
});
