// The roll-up (汇总) for printing: the three statutory tables as summed, with the scope note, laid
// out by the report renderer (tables only) on A4; the app around it is hidden on paper.
import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/guard";
import { PrintButton } from "@/components/office/print-button";
import p from "@/components/office/print.module.css";
import { loadRollup } from "@/db/oversight";
import { run } from "@/db/store";
import { parseRollupStates, parseYear, rollupQuery, type SearchParams } from "@/lib/oversight/query";
import { REPORT_CSS, renderReportBody } from "@/lib/render";
import { rollupDocument, rollupTitle } from "@/lib/rollup";
import { currentReportYear } from "@/lib/workflow/deadline";
import { rolesFor } from "@/lib/workflow/permissions";

export async function generateMetadata({ searchParams }: { searchParams: Promise<SearchParams> }): Promise<Metadata> {
  const year = parseYear(await searchParams, currentReportYear());
  return { title: `打印 · ${year} 年度统计数据汇总` };
}

export default async function RollupPrintPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser({ roles: rolesFor("oversee") }, "/oversight/rollup");
  const sp = await searchParams;
  const year = parseYear(sp, currentReportYear());
  const states = parseRollupStates(sp);
  const { scope, result } = await run(loadRollup(user, year, states));
  const officeName = scope.office?.name ?? "全部单位";
  const doc = rollupDocument(result, { officeName, states, generatedAt: new Date() });
  const body = renderReportBody(doc, { tablesOnly: true, idPrefix: "rollup" });
  return (
    <>
      <div className={p.toolbar}>
        <h1 className="visually-hidden">打印：{rollupTitle(officeName, year)}</h1>
        <PrintButton />
        <Link href={`/oversight/rollup?${rollupQuery(year, states)}`}>返回汇总</Link>
        <span className="small muted">计入 {result.included.length} 个单位。打印时只输出下方内容（A4）。</span>
      </div>
      <div className={p.sheet} data-testid="print-sheet">
        <style dangerouslySetInnerHTML={{ __html: REPORT_CSS }} />
        <div dangerouslySetInnerHTML={{ __html: body }} />
      </div>
    </>
  );
}
