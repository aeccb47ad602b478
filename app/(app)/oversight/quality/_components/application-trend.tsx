// The supervisor dashboard's chart of the jurisdiction's 依申请公开 year over year (issue 18 §5):
// a server component that loads the roll-ups and hands the numbers to the chart (ECharts + table).
import { BarChart } from "@/components/charts/bar-chart";
import type { Actor } from "@/lib/auth/access";
import { applicationTrendFor } from "@/db/quality";
import { run } from "@/db/store";
import { currentReportYear } from "@/lib/workflow/deadline";

export async function ApplicationTrend({ actor }: { actor: Actor }) {
  const trend = await run(applicationTrendFor(actor, currentReportYear()));
  return (
    <section className="card" aria-labelledby="trend-h">
      <h2 id="trend-h" style={{ marginTop: 0, fontSize: "1.05rem" }}>
        依申请公开历年情况
      </h2>
      {trend.categories.length ? (
        <BarChart title="各年度收到申请数与办理结果（已发布年报汇总）" unit="件" categories={trend.categories} series={trend.series} height={300} />
      ) : (
        <p className="muted">近年还没有已发布的年报。</p>
      )}
    </section>
  );
}
