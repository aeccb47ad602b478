import type { Metadata } from "next";
import { headers } from "next/headers";
import { forbidden, notFound } from "next/navigation";
import { requireUser } from "@/app/_server/guard";
import { originFrom } from "@/app/_server/origin";
import { reportPageTitle } from "@/app/_server/titles";
import { LazyPublishedLink } from "@/components/office/published-link-lazy";
import { ReportEditor } from "@/components/editor/report-editor";
import { WorkflowPanel } from "@/components/workflow/workflow-panel";
import { getStore } from "@/db/store";
import { loadReportPage } from "@/db/views/report-page";
import { formatDateTime } from "@/lib/format-date";
import { isEditionId } from "@/lib/template";
import { REPORT_STATUS_LABELS } from "@/lib/workflow/status";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return { title: await reportPageTitle((await params).id, null) };
}

export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser({}, `/reports/${id}`);
  const loaded = await loadReportPage(getStore(), user, id, { origin: originFrom(await headers()) });
  if (loaded.kind === "forbidden") forbidden();
  if (loaded.kind === "not_found") notFound();
  const v = loaded.view;
  const r = v.report;
  return (
    <>
      <h1>
        {r.agencyName}
        {r.year}年政府信息公开工作年度报告
      </h1>
      <div className={`deadline-banner ${v.backfill ? "" : v.standing.tone === "ok" ? "" : v.standing.tone}`} data-testid="deadline-banner">
        {v.backfill ? "补录：由已发布文件导入的往年年报" : `法定发布期限：${r.year + 1}年1月31日（${v.standing.text}）`}　状态：<strong>{REPORT_STATUS_LABELS[r.status]}</strong>　格式：
        {v.editionLabel}　最后修改：{formatDateTime(v.last?.at ?? r.updatedAt)}
        {v.last?.actorName ? (
          <span data-testid="last-change">
            （{v.last.actorName}
            {v.last.what}）
          </span>
        ) : null}
        <span className="visually-hidden">{v.deadline.toISOString()}</span>
      </div>
      <p className="downloads">
        下载当前已保存版本：
        <a href={`/api/reports/${r.id}/download?format=docx`} download data-testid="download-docx">
          Word 文档（.docx）
        </a>
        {"（"}
        <a href={`/api/reports/${r.id}/download?format=docx&seal=1`} download data-testid="download-docx-sealed">
          盖章版
        </a>
        {"）"}
        {" · "}
        <a href={`/api/reports/${r.id}/download?format=html`} download data-testid="download-html">
          网页（.html）
        </a>
        {" · "}
        <a href={`/reports/${r.id}/history`}>版本与记录</a>
        {" · "}
        <a href={`/reports/${r.id}/print`} data-testid="print-link">
          打印送审稿
        </a>
      </p>
      {v.published ? <LazyPublishedLink reportId={r.id} publicUrl={v.published.publicAddress} qrDataUrl={v.published.qr} portalUrl={r.portalUrl} canRecord={v.canRecordPortal} /> : null}
      <WorkflowPanel
        reportId={r.id}
        version={r.version}
        actions={v.actions}
        warnings={v.warnings}
        comments={v.comments}
        edition={r.edition}
        canResolve={v.canResolve}
        canConfirm={v.canConfirm}
        suggestedPublishedOn={v.suggestedPublishedOn}
      />
      {v.archive ? (
        <p className="alert warn" data-testid="archive-reference">
          上年参考：<a href={`/archives/${v.archive.archiveId}`}>{v.archive.year} 年度归档的旧式年报</a>
          。其叙述按内容显示在对应章节旁，并参与内容雷同检查；旧式年报没有法定统计表格，上年结转、现行有效件数等跨年度表格核对不适用。
        </p>
      ) : null}
      {!v.readable ? (
        <p className="alert error" role="alert">
          已保存的年报数据无法读取（可能已损坏）。为避免覆盖原数据，本页只读显示空白表格；请联系系统管理员从备份恢复。
        </p>
      ) : null}
      {isEditionId(r.edition) ? (
        <ReportEditor
          reportId={r.id}
          edition={r.edition}
          initial={{ data: v.data, version: r.version, validation: v.validation }}
          readOnly={!v.edit.ok}
          readOnlyReason={v.edit.ok ? undefined : v.edit.reason}
          comments={v.openComments}
          previous={v.previous}
          archive={v.archive}
        />
      ) : (
        <p className="alert error">该年报的格式版本（{r.edition}）无法识别。</p>
      )}
    </>
  );
}
