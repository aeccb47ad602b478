import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/app/_server/guard";
import { BarChart } from "@/components/charts/bar-chart";
import { ConfirmAgency } from "@/components/quality/confirm-agency";
import { ResultsTable, type ResultRow } from "@/components/quality/results-table";
import { RunProgress } from "@/components/quality/run-progress";
import { oversightScope } from "@/db/oversight";
import { getRunForActor, resumeInterruptedRuns, runResult } from "@/db/quality";
import { getStore, run as runData } from "@/db/store";
import { commonKinds, onTime, scoreDistribution } from "@/lib/quality/charts";
import { FINDING_KINDS, KIND_LABELS } from "@/lib/quality/kinds";
import { rolesFor } from "@/lib/workflow/permissions";

export const metadata: Metadata = { title: "年报质量检查结果" };
export const dynamic = "force-dynamic";

export default async function QualityRunPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser({ roles: rolesFor("oversee") }, "/oversight/quality");
  const id = Number((await params).id);
  await resumeInterruptedRuns(getStore());
  const run = Number.isSafeInteger(id) ? await runData(getRunForActor(user, id)) : undefined;
  if (!run) notFound();
  const { result } = await runData(runResult(run));
  const rows: ResultRow[] = result.items.map((i) => {
    const kinds: Record<string, number> = {};
    for (const f of i.findings) kinds[f.kind] = (kinds[f.kind] ?? 0) + 1;
    const row: ResultRow = {
      itemId: i.itemId,
      rank: i.rank,
      agency: i.agency,
      source: i.source,
      score: i.score,
      findings: i.findings.length,
      kinds,
      rules: [...new Set(i.findings.map((f) => f.rule))],
      needsConfirmation: i.matchConfidence === "doubtful" || i.matchConfidence === "none",
    };
    if (i.fileName) row.fileName = i.fileName;
    if (i.date) row.date = i.date;
    if (i.previous) row.previous = { score: i.previous.previousScore, delta: i.previous.delta, new: i.previous.new.length, fixed: i.previous.fixed.length, persisting: i.previous.persisting.length };
    return row;
  });
  const pending = result.items.filter((i) => i.matchConfidence === "doubtful" || i.matchConfidence === "none");
  const scope = (await runData(oversightScope(user))).agencies.map((a) => ({ id: a.id, name: a.name }));
  const done = run.status === "done";
  const scores = scoreDistribution(result.items);
  const kinds = commonKinds(result.items);
  const timely = onTime(result.items);
  return (
    <>
      <p className="small">
        <Link href="/oversight/quality">← 年报质量检查</Link>
      </p>
      <h1>
        {run.year} 年度年报质量检查（第 {run.id} 次）
      </h1>
      <RunProgress runId={run.id} initial={{ status: run.status, total: run.total, done: run.done, message: run.message }} />
      {done ? (
        <p>
          下载：<a href={`/api/oversight/quality/${run.id}/download?format=xlsx`}>检查结果（.xlsx）</a>　
          <a href={`/api/oversight/quality/${run.id}/download?format=docx`}>通报草稿（.docx）</a>　
          <a href={`/api/oversight/quality/${run.id}/download?format=json`}>检查结果（JSON）</a>
        </p>
      ) : null}
      {done && pending.length ? (
        <section className="card" aria-labelledby="confirm-h">
          <h2 id="confirm-h" style={{ marginTop: 0, fontSize: "1.05rem" }}>
            待确认所属单位的文件
          </h2>
          <ul>
            {pending.map((i) => (
              <li key={i.itemId}>
                {i.fileName}：{i.match?.reason}
                <ConfirmAgency runId={run.id} itemId={i.itemId} agencies={scope} {...(i.agencyId !== undefined ? { current: i.agencyId } : {})} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {done && result.items.length ? (
        <section className="card" aria-labelledby="charts-h">
          <h2 id="charts-h" style={{ marginTop: 0, fontSize: "1.05rem" }}>
            图表
          </h2>
          <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(300px, 1fr))", gap: "1rem" }}>
            <BarChart title="得分分布" unit="份" categories={scores.categories} series={[{ name: "年报数", values: scores.values }]} />
            <BarChart title="最常见的问题" unit="份" categories={kinds.categories} series={[{ name: "有此类问题的年报数", values: kinds.values }]} />
            <BarChart title="按期发布情况" unit="份" kind="pie" categories={timely.categories} series={[{ name: "年报数", values: timely.values }]} />
          </div>
        </section>
      ) : null}
      {result.items.length ? <ResultsTable runId={run.id} rows={rows} kinds={FINDING_KINDS.map((k) => ({ kind: k, label: KIND_LABELS[k] }))} /> : null}
    </>
  );
}
