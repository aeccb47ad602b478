import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/app/_server/guard";
import q from "@/components/quality/quality.module.css";
import { getRunForActor, itemReport, itemYearOverYear } from "@/db/quality";
import { run as runData } from "@/db/store";
import { KIND_LABELS, ruleTitle } from "@/lib/quality/kinds";
import { highlightFindings } from "@/lib/quality/highlight";
import { REPORT_CSS, renderReportBody } from "@/lib/render";
import { rolesFor } from "@/lib/workflow/permissions";

export const metadata: Metadata = { title: "年报检查详情" };
export const dynamic = "force-dynamic";

const SEVERITY = { error: "错误", warning: "警告", info: "提示" } as const;

export default async function QualityItemPage({ params }: { params: Promise<{ id: string; itemId: string }> }) {
  const user = await requireUser({ roles: rolesFor("oversee") }, "/oversight/quality");
  const p = await params;
  const run = Number.isSafeInteger(Number(p.id)) ? await runData(getRunForActor(user, Number(p.id))) : undefined;
  if (!run) notFound();
  const item = await runData(itemReport(run, Number(p.itemId)));
  if (!item) notFound();
  const yoy = await runData(itemYearOverYear(run, Number(p.itemId)));
  const html = highlightFindings(renderReportBody(item.doc, { idPrefix: "qc" }), item.findings);
  return (
    <>
      <p className="small">
        <Link href={`/oversight/quality/${run.id}`}>← 返回检查结果</Link>
      </p>
      <h1>{item.doc.agency.name} 年报检查详情</h1>
      <p className="muted">{item.fileName ? `文件：${item.fileName}` : "本系统中发布的年报"}</p>
      <section className="card" aria-labelledby="findings-h">
        <h2 id="findings-h" style={{ marginTop: 0, fontSize: "1.05rem" }}>
          发现的问题（{item.findings.length}）
        </h2>
        {item.findings.length ? (
          <ol className={q.findingList} data-testid="item-findings">
            {item.findings.map((f, k) => (
              <li key={k} className={q.finding} data-rule={f.rule}>
                <strong className={`sev-text-${f.severity}`}>{SEVERITY[f.severity]}</strong>〔{KIND_LABELS[f.kind]}·{ruleTitle(f.rule)}〕{f.message}
                {f.text ? <span className={q.evidence}>{f.kind === "rollup" ? "下级单位：" : "原文："}{f.text}</span> : null}
                {f.cell && /^(proactive|applications|appeals)\./.test(f.cell) ? <span className={q.evidence}>位置：表中红框单元格</span> : null}
              </li>
            ))}
          </ol>
        ) : (
          <p>未发现问题。</p>
        )}
      </section>
      {yoy ? (
        <section className="card" aria-labelledby="yoy-h" data-testid="item-year-over-year">
          <h2 id="yoy-h" style={{ marginTop: 0, fontSize: "1.05rem" }}>
            与{yoy.year}年度检查相比
          </h2>
          <p>
            上年得分 {yoy.previousScore} 分，本年 {Math.round((yoy.previousScore + yoy.delta) * 10) / 10} 分（{yoy.delta > 0 ? `提高 ${yoy.delta} 分` : yoy.delta < 0 ? `降低 ${-yoy.delta} 分` : "持平"}）；新增问题 {yoy.new.length} 个，已整改 {yoy.fixed.length} 个，仍存在 {yoy.persisting.length} 个。
          </p>
          {(
            [
              ["新增问题", yoy.new],
              ["已整改", yoy.fixed],
              ["仍存在", yoy.persisting],
            ] as const
          ).map(([title, list]) =>
            list.length ? (
              <div key={title}>
                <h3 style={{ fontSize: "1rem" }}>{title}</h3>
                <ul>
                  {list.map((f, k) => (
                    <li key={k} data-rule={f.rule}>
                      〔{ruleTitle(f.rule)}〕{f.message}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null,
          )}
        </section>
      ) : null}
      <section className="card" aria-label="年报原文（问题已标出）">
        <style>{REPORT_CSS}</style>
        <div className={q.report} dangerouslySetInnerHTML={{ __html: html }} />
      </section>
    </>
  );
}
