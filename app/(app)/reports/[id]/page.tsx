import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { requireUser } from "@/app/_server/guard";
import { ReportEditor } from "@/components/editor/report-editor";
import { getDb } from "@/db/client";
import { getReportForActor, readReportData } from "@/db/reports";
import { formatDateTime } from "@/lib/format-date";
import { validateReport } from "@/lib/rules";
import { editionName, getEdition, isEditionId } from "@/lib/template";
import { daysUntilDeadline, legalDeadline } from "@/lib/workflow/deadline";
import { canEditContent } from "@/lib/workflow/editing";
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
  const data = readReportData(r, r.agencyName);
  const edit = canEditContent(user, r);
  const days = daysUntilDeadline(r.year);
  const deadline = legalDeadline(r.year);
  return (
    <>
      <h1>
        {r.agencyName}
        {r.year}年政府信息公开工作年度报告
      </h1>
      <div className={`deadline-banner ${days < 0 ? "overdue" : days <= 14 ? "soon" : ""}`} data-testid="deadline-banner">
        法定发布期限：{r.year + 1}年1月31日（
        {days >= 0 ? `还剩 ${days} 天` : `已逾期 ${-days} 天`}）　状态：<strong>{REPORT_STATUS_LABELS[r.status]}</strong>　格式：
        {isEditionId(r.edition) ? editionName(getEdition(r.edition)) : r.edition}　最后修改：{formatDateTime(r.updatedAt)}
        <span className="visually-hidden">{deadline.toISOString()}</span>
      </div>
      <p className="downloads">
        下载当前已保存版本：
        <a href={`/api/reports/${r.id}/download?format=docx`} download data-testid="download-docx">
          Word 文档（.docx）
        </a>
        {" · "}
        <a href={`/api/reports/${r.id}/download?format=html`} download data-testid="download-html">
          网页（.html）
        </a>
      </p>
      {isEditionId(r.edition) ? (
        <ReportEditor
          reportId={r.id}
          edition={r.edition}
          initial={{ data, version: r.version, validation: validateReport(data) }}
          readOnly={!edit.ok}
          readOnlyReason={edit.ok ? undefined : edit.reason}
        />
      ) : (
        <p className="alert error">该年报的格式版本（{r.edition}）无法识别。</p>
      )}
    </>
  );
}
