// Who may change a report's content, and when. Pure: the server's save path and the editor's
// read-only switch both ask this one function.
import type { Actor } from "../auth/access";
import { canDraftForAgency } from "../auth/access";
import type { ReportStatusId } from "./status";

/** States in which the content is a working draft. */
export const EDITABLE_STATUSES: readonly ReportStatusId[] = ["draft", "returned"];

export type EditRefusal = { ok: false; reason: string };

export function canEditContent(actor: Actor, report: { agencyId: number; status: ReportStatusId }): { ok: true } | EditRefusal {
  if (!canDraftForAgency(actor, report.agencyId)) return { ok: false, reason: "只有本单位的填报人可以修改年报内容" };
  if (!EDITABLE_STATUSES.includes(report.status)) {
    const why: Record<string, string> = {
      submitted: "年报已提交审核，审核期间不能修改",
      approved: "年报已审核通过，不能再修改",
      published: "年报已发布，不能修改；如需更正请创建更正版本",
    };
    return { ok: false, reason: why[report.status] ?? "当前状态下不能修改" };
  }
  return { ok: true };
}
