// The admin's 操作记录: the whole log, filtered by person, event and date (the page, the .xlsx
// export and the raw download read the same selection).
import "server-only";
import { queryAuditTrail, type AuditTrailRow } from "@/db/audit";
import { parseAuditFilter, type AuditFilter } from "@/lib/audit/filter";
import { run } from "@/db/store";

export const PAGE_ROWS = 300;
/** Most rows one export or raw download carries (the filters narrow a larger selection). */
export const EXPORT_ROWS = 20_000;

export type SearchParams = Record<string, string | string[] | undefined>;

export async function loadAdminTrail(q: SearchParams, limit: number): Promise<{ filter: AuditFilter; rows: AuditTrailRow[]; reportId?: number; beforeId?: number }> {
  const filter = parseAuditFilter(q);
  const report = typeof q.report === "string" ? Number(q.report) : NaN;
  const reportId = Number.isSafeInteger(report) && report > 0 ? report : undefined;
  const before = typeof q.before === "string" ? Number(q.before) : NaN;
  const beforeId = Number.isSafeInteger(before) && before > 0 ? before : undefined;
  const rows = await run(queryAuditTrail({
    actorId: filter.actorId,
    action: filter.action,
    fromMs: filter.fromMs,
    toMs: filter.toMs,
    beforeId,
    limit,
    ...(reportId ? { entityType: "report", entityId: reportId } : {}),
  }));
  return { filter, rows, reportId, beforeId };
}
