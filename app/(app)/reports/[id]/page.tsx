import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { requireUser } from "@/app/_server/guard";
import { getDb } from "@/db/client";
import { getReportForActor } from "@/db/reports";
import { formatDateTime } from "@/lib/format-date";
import { REPORT_STATUS_LABELS } from "@/lib/workflow/status";

export const metadata: Metadata = { title: "年报" };

export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser({}, `/reports/${id}`);
  const reportId = Number(id);
  if (!Number.isSafeInteger(reportId) || reportId <= 0) notFound();
  const access = getReportForActor(getDb(), user, reportId);
  if (!access.ok) {
    if (access.reason === "forbidden") forbidden();
    notFound();
  }
  const r = access.report;
  return (
    <>
      <h1>
        {r.agencyName}
        {r.year}年政府信息公开工作年度报告
      </h1>
      <div className="card">
        <p>
          状态：<span className="badge">{REPORT_STATUS_LABELS[r.status]}</span>　格式版本：{r.edition}版　最后修改：
          {formatDateTime(r.updatedAt)}
        </p>
      </div>
    </>
  );
}
