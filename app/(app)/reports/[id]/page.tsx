import type { Metadata } from "next";
import { headers } from "next/headers";
import { forbidden, notFound } from "next/navigation";
import { requireUser } from "@/app/_server/guard";
import { originFrom } from "@/app/_server/origin";
import { reportPageTitle } from "@/app/_server/titles";
import { PublishedLink } from "@/components/office/published-link";
import { qrDataUrl } from "@/lib/office/qr";
import { publicUrl } from "@/lib/office/portal";
import { ReportEditor } from "@/components/editor/report-editor";
import { WorkflowPanel } from "@/components/workflow/workflow-panel";
import { isoDateFromText } from "@/lib/workflow/backfill-date";
import { loadHierarchy } from "@/db/agencies";
import { lastChanges, listAcknowledgements, listComments, warningStandings } from "@/db/workflow";
import { anchorLabel as namedAnchor, cellPathLabel } from "@/lib/rules/completeness";
import { availableActions } from "@/lib/workflow/transitions";
import { allCells } from "@/lib/template";
import { getDb } from "@/db/client";
import { findReference, validateWithReferences } from "@/db/reference";
import { findPreviousReport, firstPublishedAt, getReportForActor, hasBeenPublished, isStoredDataReadable, readReportData, wasImported } from "@/db/reports";
import { getAgency } from "@/db/agencies";
import { formatDateTime } from "@/lib/format-date";
import { editionName, getEdition, isEditionId } from "@/lib/template";
import { daysUntilDeadline, deadlineStanding, legalDeadline } from "@/lib/workflow/deadline";
import { canEditContent } from "@/lib/workflow/editing";
import { REPORT_STATUS_LABELS } from "@/lib/workflow/status";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return { title: await reportPageTitle((await params).id, null) };
}

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
  const readable = isStoredDataReadable(r);
  const edit = readable ? canEditContent(user, r) : { ok: false as const, reason: "已保存的年报数据无法读取（可能已损坏），为避免覆盖原数据，暂不能编辑。请联系系统管理员从备份恢复" };
  const db = getDb();
  const previous = findPreviousReport(db, r.agencyId, r.year);
  // Last year: the statutory report, or else the archived old-style report (narrative only).
  const reference = findReference(db, r.agencyId, r.year, previous);
  const archive = reference?.kind === "archive" ? { ...reference.reference, archiveId: reference.archiveId } : null;
  const validation = validateWithReferences(db, r.agencyId, data, previous);
  const acks = listAcknowledgements(db, r.id);
  const days = daysUntilDeadline(r.year);
  // A past year's report imported from its published file is a back-fill (补录), not an overdue one;
  // its reviewer may record it as published without a new review.
  const backfill = days < 0 && wasImported(db, r.id);
  const standing = deadlineStanding(r.year, firstPublishedAt(db, r.id));
  const actions = availableActions(user, r, loadHierarchy(db))
    .filter((t) => t.action !== "backfillPublish" || backfill)
    .map((t) => ({ action: t.action, label: t.label, needsComment: t.needsComment === true }));
  const warnings = warningStandings(data, validation.issues, acks).map(({ key, message, cell, reason, confirmed }) => ({ key, message, cell, reason, confirmed }));
  const edition = isEditionId(r.edition) ? getEdition(r.edition) : null;
  // Anchors name the full path of a cell (表三「（三）不予公开 / 3.危及…」行「自然人」列), never a bare leaf.
  const anchorLabel = (a: string) => (edition ? namedAnchor(edition, a) : a);
  const anchors = [
    { value: "report", label: "整份报告" },
    ...(edition?.sections.map((s) => ({ value: s.narrativeKey ? `narrative.${s.narrativeKey}` : s.key, label: s.heading })) ?? []),
    ...(edition ? allCells(edition).map((c) => ({ value: c.ref, label: cellPathLabel(edition, c.ref) })) : []),
  ];
  const last = lastChanges(db, [r.id]).get(r.id);
  const rawComments = listComments(db, r.id);
  const openComments: Record<string, string[]> = {};
  for (const c of rawComments) if (!c.resolvedAt) (openComments[c.anchor] ??= []).push(c.body);
  const comments = rawComments.map((c) => ({
    id: c.id,
    anchor: c.anchor,
    anchorLabel: anchorLabel(c.anchor),
    body: c.body,
    authorName: c.authorName,
    createdAt: formatDateTime(c.createdAt),
    resolved: c.resolvedAt != null,
  }));
  const deadline = legalDeadline(r.year);
  // After 发布: the public address with a QR code, and where the agency put it on its portal.
  const published = hasBeenPublished(db, r.id);
  const agencyCode = published ? (getAgency(db, r.agencyId)?.code ?? null) : null;
  const publicAddress = agencyCode ? publicUrl(originFrom(await headers()), agencyCode, r.year) : null;
  const qr = publicAddress ? await qrDataUrl(publicAddress) : null;
  const canRecordPortal = user.role === "admin" || ((user.role === "drafter" || user.role === "reviewer") && user.agencyId === r.agencyId);
  return (
    <>
      <h1>
        {r.agencyName}
        {r.year}年政府信息公开工作年度报告
      </h1>
      <div className={`deadline-banner ${backfill ? "" : standing.tone === "ok" ? "" : standing.tone}`} data-testid="deadline-banner">
        {backfill ? "补录：由已发布文件导入的往年年报" : `法定发布期限：${r.year + 1}年1月31日（${standing.text}）`}　状态：<strong>{REPORT_STATUS_LABELS[r.status]}</strong>　格式：
        {isEditionId(r.edition) ? editionName(getEdition(r.edition)) : r.edition}　最后修改：{formatDateTime(last?.at ?? r.updatedAt)}
        {last?.actorName ? (
          <span data-testid="last-change">
            （{last.actorName}
            {last.what}）
          </span>
        ) : null}
        <span className="visually-hidden">{deadline.toISOString()}</span>
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
      {publicAddress && qr ? <PublishedLink reportId={r.id} publicUrl={publicAddress} qrDataUrl={qr} portalUrl={r.portalUrl} canRecord={canRecordPortal} /> : null}
      <WorkflowPanel
        reportId={r.id}
        version={r.version}
        actions={actions}
        warnings={warnings}
        comments={comments}
        anchors={anchors}
        canResolve={(user.role === "drafter" || user.role === "reviewer") && user.agencyId === r.agencyId}
        canConfirm={user.role === "reviewer" && user.agencyId === r.agencyId && r.status === "submitted"}
        suggestedPublishedOn={actions.some((a) => a.action === "backfillPublish") ? isoDateFromText(data.meta?.date) : null}
      />
      {archive ? (
        <p className="alert warn" data-testid="archive-reference">
          上年参考：<a href={`/archives/${archive.archiveId}`}>{archive.year} 年度归档的旧式年报</a>
          。其叙述按内容显示在对应章节旁，并参与内容雷同检查；旧式年报没有法定统计表格，上年结转、现行有效件数等跨年度表格核对不适用。
        </p>
      ) : null}
      {!readable ? (
        <p className="alert error" role="alert">
          已保存的年报数据无法读取（可能已损坏）。为避免覆盖原数据，本页只读显示空白表格；请联系系统管理员从备份恢复。
        </p>
      ) : null}
      {isEditionId(r.edition) ? (
        <ReportEditor
          reportId={r.id}
          edition={r.edition}
          initial={{ data, version: r.version, validation }}
          readOnly={!edit.ok}
          readOnlyReason={edit.ok ? undefined : edit.reason}
          comments={openComments}
          previous={previous}
          archive={archive}
        />
      ) : (
        <p className="alert error">该年报的格式版本（{r.edition}）无法识别。</p>
      )}
    </>
  );
}
