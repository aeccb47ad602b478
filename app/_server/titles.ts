// Page titles that name the page and the report: 「打印送审稿 · 示范市应急管理局 2024 年度报告 · 年报」
// (the root layout appends 「 · 年报」). Access-checked: a report the user may not see is not named.
import "server-only";
import { run } from "@/db/store";
import { getReportForActor } from "@/db/reports";
import { reportTitle } from "@/lib/office/titles";
import { currentUser } from "./guard";

export async function reportPageTitle(id: string, page: string | null): Promise<string> {
  const user = await currentUser();
  const reportId = Number(id);
  if (!user || !Number.isSafeInteger(reportId) || reportId <= 0) return page ?? "年度报告";
  const access = await run(getReportForActor(user, reportId));
  if (!access.ok) return page ?? "年度报告";
  return reportTitle(access.report.agencyName, access.report.year, page);
}
