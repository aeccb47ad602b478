import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/guard";
import { agencySubtree } from "@/db/agencies";
import { getDb } from "@/db/client";
import { listReportsForActor } from "@/db/reports";
import { daysUntilDeadline, currentReportYear } from "@/lib/workflow/deadline";
import { REPORT_STATUS_LABELS } from "@/lib/workflow/status";

export const metadata: Metadata = { title: "下级单位" };

export default async function OversightPage() {
  const user = await requireUser({ roles: ["supervisor", "admin"] }, "/oversight");
  const db = getDb();
  const year = currentReportYear();
  const scope = user.agencyId != null ? agencySubtree(db, user.agencyId).filter((a) => a.id !== user.agencyId) : [];
  const reports = new Map(listReportsForActor(db, user, { year }).map((r) => [r.agencyId, r]));
  const days = daysUntilDeadline(year);
  return (
    <>
      <h1>下级单位 {year} 年度报告</h1>
      <p className="muted">
        法定发布期限：{year + 1}年1月31日（{days >= 0 ? `还剩 ${days} 天` : `已逾期 ${-days} 天`}）
      </p>
      <table className="list" data-testid="oversight-list">
        <thead>
          <tr>
            <th scope="col">单位</th>
            <th scope="col">{year} 年度报告状态</th>
          </tr>
        </thead>
        <tbody>
          {scope.map((a) => {
            const r = reports.get(a.id);
            return (
              <tr key={a.id}>
                <td>{a.name}</td>
                <td>{r ? <Link href={`/reports/${r.id}`}>{REPORT_STATUS_LABELS[r.status]}</Link> : <span className="muted">未创建</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
