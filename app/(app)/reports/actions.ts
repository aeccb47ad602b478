"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { withUser } from "@/app/_server/guard";
import type { FormResult } from "@/components/action-form";
import { getDb } from "@/db/client";
import { createReport } from "@/db/reports";

const createSchema = z.object({ year: z.coerce.number().int().min(2019, "年度不能早于 2019 年").max(2100, "年度有误") });

/** Opens the agency's report for the year — creating it only when there is none. */
export async function createReportAction(_prev: FormResult, form: FormData): Promise<FormResult> {
  let target: number | null = null;
  const result = await withUser({ roles: ["drafter"] }, (user) => {
    const parsed = createSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "年度有误" };
    const outcome = createReport(getDb(), user, parsed.data.year, { rollForward: form.get("rollForward") === "on" });
    if (!outcome.ok) return { ok: false, error: outcome.error };
    target = outcome.id;
    return { ok: true };
  });
  // redirect() throws by design: call it outside any try/catch.
  if (result.ok && target != null) redirect(`/reports/${target}`);
  return result.ok ? null : result;
}
