import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/guard";
import { NewRunForm } from "@/components/quality/new-run-form";
import { listRunsForActor, resumeInterruptedRuns } from "@/db/quality";
import { getStore, run } from "@/db/store";
import { formatDateTime } from "@/lib/format-date";
import { reportYears } from "@/lib/oversight/query";
import { describeScheme, DEFAULT_SCHEME } from "@/lib/quality/score";
import { currentReportYear } from "@/lib/workflow/deadline";
import { rolesFor } from "@/lib/workflow/permissions";

export const metadata: Metadata = { title: "年报质量检查" };
export const dynamic = "force-dynamic";

const STATUS = { running: "正在检查", done: "已完成", failed: "失败", cancelled: "已取消" } as const;

export default async function QualityPage() {
  const user = await requireUser({ roles: rolesFor("oversee") }, "/oversight/quality");
  await resumeInterruptedRuns(getStore());
  const runs = await run(listRunsForActor(user));
  const current = currentReportYear();
  return (
    <>
      <h1>年报质量检查</h1>
      <p className="muted">
        检查下级单位已发布的年度报告：本系统中发布的年报自动纳入；在其他渠道发布的年报，请上传文件（可一次选择多个文件或一个 .zip 压缩包），系统按单位名称对应到单位，无法确定的请在结果中确认。
      </p>
      <section className="card" aria-labelledby="new-h">
        <h2 id="new-h" style={{ marginTop: 0, fontSize: "1.05rem" }}>
          新建检查
        </h2>
        <NewRunForm years={reportYears(current)} year={current} />
        <details className="small">
          <summary>默认评分办法</summary>
          <p>{DEFAULT_SCHEME.description}</p>
          <ul>
            {describeScheme().map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </details>
      </section>
      <section className="card" aria-labelledby="runs-h">
        <h2 id="runs-h" style={{ marginTop: 0, fontSize: "1.05rem" }}>
          检查记录
        </h2>
        {runs.length ? (
          <table className="report-table">
            <thead>
              <tr>
                <th scope="col">年度</th>
                <th scope="col">开始时间</th>
                <th scope="col">状态</th>
                <th scope="col">进度</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link href={`/oversight/quality/${r.id}`}>{r.year} 年度（第 {r.id} 次检查）</Link>
                  </td>
                  <td>{formatDateTime(r.createdAt)}</td>
                  <td>{STATUS[r.status]}</td>
                  <td>
                    {r.done} / {r.total}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">还没有检查记录。</p>
        )}
      </section>
    </>
  );
}
