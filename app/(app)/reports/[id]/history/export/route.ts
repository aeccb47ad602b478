// A report's 操作记录 as .xlsx, for those who see it on 版本与记录 (reviewers, supervisors, admins
// with access to the report), with the page's filters.
import { defineRoute, readableReport, reportById } from "@/app/_server/edge";
import { attachment } from "@/app/_server/http";
import { queryAuditTrail } from "@/db/audit";
import { run } from "@/db/store";
import { parseAuditFilter } from "@/lib/audit/filter";
import { trailEntries } from "@/lib/audit/view";
import { renderAuditXlsx } from "@/lib/audit/xlsx";
import { XLSX_MIME } from "@/lib/rollup/xlsx";
import { rolesFor } from "@/lib/workflow/permissions";

export const dynamic = "force-dynamic";

const MAX_ROWS = 20_000;

export const GET = defineRoute({ ...reportById, roles: rolesFor("seeAudit") }, async ({ req, user, params }) => {
  const r = await readableReport(user, params.id, "无权访问");
  const f = parseAuditFilter(Object.fromEntries(new URL(req.url).searchParams));
  const rows = await run(queryAuditTrail({ entityType: "report", entityId: r.id, actorId: f.actorId, action: f.action, fromMs: f.fromMs, toMs: f.toMs, limit: MAX_ROWS }));
  const title = `${r.agencyName}${r.year}年度报告 操作记录`;
  const bytes = await renderAuditXlsx(title, trailEntries(rows, f.actorId != null || f.action != null), rows.length === MAX_ROWS ? [`仅导出最近的 ${MAX_ROWS} 条记录。`] : []);
  return new Response(bytes as BodyInit, { headers: { "content-type": XLSX_MIME, "content-disposition": attachment(`${title}.xlsx`, `report-${r.id}-audit`), "cache-control": "private, no-store" } });
});
