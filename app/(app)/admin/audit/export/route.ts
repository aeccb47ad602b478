// 操作记录 as .xlsx (admin): the selection of the page's filters, in words.
import { defineRoute } from "@/app/_server/edge";
import { attachment } from "@/app/_server/http";
import { trailEntries } from "@/lib/audit/view";
import { renderAuditXlsx } from "@/lib/audit/xlsx";
import { XLSX_MIME } from "@/lib/rollup/xlsx";
import { EXPORT_ROWS, loadAdminTrail } from "../load";
import { rolesFor } from "@/lib/workflow/permissions";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ roles: rolesFor("administer") }, async ({ req }) => {
  const { rows, filter } = await loadAdminTrail(Object.fromEntries(new URL(req.url).searchParams), EXPORT_ROWS);
  const notes = rows.length === EXPORT_ROWS ? [`仅导出最近的 ${EXPORT_ROWS} 条记录，请用筛选条件缩小范围。`] : [];
  const bytes = await renderAuditXlsx("操作记录", trailEntries(rows, filter.actorId != null || filter.action != null), notes);
  return new Response(bytes as BodyInit, { headers: { "content-type": XLSX_MIME, "content-disposition": attachment("操作记录.xlsx", "audit"), "cache-control": "private, no-store" } });
});
