// The audit log as stored (JSON), for admins only: what the readable pages are made from.
import { defineRoute } from "@/app/_server/edge";
import { attachment } from "@/app/_server/http";
import { EXPORT_ROWS, loadAdminTrail } from "../load";
import { rolesFor } from "@/lib/workflow/permissions";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ roles: rolesFor("downloadRawAudit") }, async ({ req }) => {
  const { rows, reportId } = await loadAdminTrail(Object.fromEntries(new URL(req.url).searchParams), EXPORT_ROWS);
  const body = rows.map((r) => ({ id: r.id, at: r.at.toISOString(), actorId: r.actorId, actorLogin: r.actorLogin, action: r.action, entityType: r.entityType, entityId: r.entityId, agencyId: r.agencyId, before: r.before, after: r.after }));
  const name = reportId ? `操作记录-年报${reportId}-原始数据.json` : "操作记录-原始数据.json";
  return new Response(JSON.stringify({ format: "nianbao/audit-log@1", truncated: rows.length === EXPORT_ROWS, entries: body }, null, 1), {
    headers: { "content-type": "application/json; charset=utf-8", "content-disposition": attachment(name, "audit-raw"), "cache-control": "private, no-store" },
  });
});
