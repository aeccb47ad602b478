import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/guard";
import { getDb } from "@/db/client";
import { listReportsForActor } from "@/db/reports";
import { formatDateTime } from "@/lib/format-date";
import { REPORT_STATUS_LABELS } from "@/lib/workflow/status";

export const metadata: Metadata = { title: "年报列表" };

export default async function ReportsPage() {
  const user = await requireUser({}, "/reports");
  const rows = listReportsForActor(getDb(), user);
  return (
    <>
      <h1>{user.role === "drafter" || user.role === "reviewer" ? `${user.agencyName ?? ""}年报` : "年报列表"}</h1>
      {rows.length === 0 ? (
        <p className="card muted">暂无年报。</p>
      ) : (
        <table className="list" data-testid="report-list">
          <thead>
            <tr>
              <th scope="col">年度</th>
              <th scope="col">单位</th>
              <th scope="col">状态</th>
              <th scope="col">格式版本</th>
              <th scope="col">最后修改</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link href={`/reports/${r.id}`}>{r.year}年度</Link>
                </td>
                <td>{r.agencyName}</td>
                <td>
                  <span className="badge">{REPORT_STATUS_LABELS[r.status]}</span>
                </td>
                <td>{r.edition}版</td>
                <td>
                  {formatDateTime(r.updatedAt)}
                  {r.updatedByName ? <span className="muted"> · {r.updatedByName}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
