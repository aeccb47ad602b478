"use server";
import { z } from "zod";
import { defineAction, redirectTo } from "@/app/_server/edge";
import { getDb } from "@/db/client";
import { createReport } from "@/db/reports";

const createSchema = z.object({ year: z.coerce.number().int().min(2019, "年度不能早于 2019 年").max(2100, "年度有误"), rollForward: z.literal("on").optional().catch(undefined) });

/** Opens the agency's report for the year — creating it only when there is none. */
export const createReportAction = defineAction({ roles: ["drafter"], input: createSchema, invalid: "first-issue" }, ({ user, input }) => {
  const outcome = createReport(getDb(), user, input.year, { rollForward: input.rollForward === "on" });
  return outcome.ok ? redirectTo(`/reports/${outcome.id}`) : { ok: false, error: outcome.error };
});
