// Who may change a report's content, and when: the permission table's `edit` (./permissions.ts),
// with the Chinese reason for a refusal. The server's save path and the editor's read-only switch
// both ask this one function.
import type { Actor } from "../auth/access";
import { check, relationTo } from "./permissions";
import type { ReportStatusId } from "./status";

export type EditRefusal = { ok: false; reason: string; /** The right person at the wrong time (locked), not the wrong person. */ locked: boolean };

export function canEditContent(actor: Actor, report: { agencyId: number; status: ReportStatusId }): { ok: true } | EditRefusal {
  // Only the agency's own staff may edit: the hierarchy (supervised agencies) never matters.
  const c = check("edit", { role: actor.role, relation: relationTo(actor, report.agencyId, new Map()), status: report.status });
  if (c.ok) return { ok: true };
  if (c.why !== "state") return { ok: false, locked: false, reason: "只有本单位的填报人可以修改年报内容" };
  const why: Record<string, string> = {
    submitted: "年报已提交审核，审核期间不能修改",
    approved: "年报已审核通过，不能再修改",
    published: "年报已发布，不能修改；如需更正请创建更正版本",
  };
  return { ok: false, locked: true, reason: why[report.status] ?? "当前状态下不能修改" };
}
