// 送审稿: the report in its official layout with the 审签 block (签发人、审核人、拟稿人 and dates), for
// printing. The print style sheet hides the app around it; the body is the HTML renderer's.
import type { Metadata } from "next";
import Link from "next/link";
import { fail, idParams, loadPage } from "@/app/_server/edge";
import { reportPageTitle } from "@/app/_server/titles";
import { PrintButton } from "@/components/office/print-button";
import p from "@/components/office/print.module.css";
import { SignoffBlock } from "@/components/office/signoff-block";
import { run } from "@/db/store";
import { loadReportPrint } from "@/db/views/report-print";
import { REPORT_CSS } from "@/lib/render";
import { REPORT_STATUS_LABELS } from "@/lib/workflow/status";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return { title: await reportPageTitle((await params).id, "打印送审稿") };
}

export default async function PrintReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { data: view } = await loadPage({ params: idParams, returnTo: ({ id }) => `/reports/${id}/print` }, params, async ({ user, params }) => {
    const loaded = await run(loadReportPrint(user, params.id));
    return loaded.kind === "ok" ? loaded.view : fail(loaded.kind);
  });
  const { report: r, body } = view;
  return (
    <>
      <div className={p.toolbar}>
        <h1 className="visually-hidden">打印送审稿</h1>
        <PrintButton />
        <Link href={`/reports/${r.id}`}>返回年报</Link>
        <span className="small muted">
          当前状态：{REPORT_STATUS_LABELS[r.status]}，第 {r.version} 版。打印时只输出下方稿纸（A4，页边距按 GB/T 9704）。
        </span>
      </div>
      <div className={p.sheet} data-testid="print-sheet">
        <p className={p.mark}>送审稿</p>
        <SignoffBlock drafter={view.drafter} reviewer={view.reviewer} issuer={view.issuer} head={view.head} />
        {/* The renderer escapes every text of the report; its CSS is scoped under .nb-report. */}
        <style dangerouslySetInnerHTML={{ __html: REPORT_CSS }} />
        {body ? <div dangerouslySetInnerHTML={{ __html: body }} /> : <p className="alert error">该年报的格式版本（{r.edition}）无法识别，不能打印。</p>}
      </div>
    </>
  );
}
