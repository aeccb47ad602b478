import type { Metadata } from "next";
import { roleMay, seesOwnAgencyOnly } from "@/lib/workflow/permissions";
import Link from "next/link";
import { requireUser } from "@/app/_server/guard";
import { run } from "@/db/store";
import { listReportsForActor } from "@/db/reports";
import { lastChanges } from "@/db/workflow";
import { ActionForm } from "@/components/action-form";
import { ImportForm } from "@/components/import-form";
import { formatDateTime } from "@/lib/format-date";
import { currentReportYear, daysUntilDeadline } from "@/lib/workflow/deadline";
import { createReportAction } from "./actions";
import { REPORT_STATUS_LABELS } from "@/lib/workflow/status";

export const metadata: Metadata = { title: "年报列表" };

export default async function ReportsPage() {
  const user = await requireUser({}, "/reports");
  const rows = await run(listReportsForActor(user));
  // 「最后修改」: whoever changed the report last — a save, or a step such as a return or a publication.
  const last = await run(lastChanges(rows.map((r) => r.id)));
  const thisYear = currentReportYear();
  const years = Array.from({ length: thisYear - 2019 + 1 }, (_, i) => thisYear - i);
  const days = daysUntilDeadline(thisYear);
  return (
    <>
      <h1>{seesOwnAgencyOnly(user.role) ? `${user.agencyName ?? ""}年报` : "年报列表"}</h1>
      {roleMay("draft", user.role) ? (
        <section className="card" aria-labelledby="new-report">
          <h2 id="new-report" style={{ marginTop: 0 }}>
            新建或打开年报
          </h2>
          <p className="muted">
            {thisYear} 年度报告的法定发布期限为 {thisYear + 1} 年 1 月 31 日（{days >= 0 ? `还剩 ${days} 天` : `已逾期 ${-days} 天`}）。每个单位每年只有一份年报；所选年度已有年报时将直接打开。
          </p>
          <ActionForm action={createReportAction}>
            <label>
              报告年度
              <select name="year" defaultValue={thisYear}>
                {years.map((y) => (
                  <option key={y} value={y}>
                    {y} 年度
                  </option>
                ))}
              </select>
            </label>
            <label className="checkbox">
              <input type="checkbox" name="rollForward" defaultChecked /> 从上年报告结转（“二、上年结转”取上年“四、结转下年度继续办理”；上年只有旧式归档时没有可结转的表格数据，只显示其叙述作为参考）
            </label>
            <button type="submit">新建 / 打开</button>
          </ActionForm>
        </section>
      ) : null}
      {roleMay("draft", user.role) ? (
        <details className="card">
          <summary>导入已发布的年报（Word、PDF、网页或文本）</summary>
          <p className="muted small">
            用于补录往年已发布的年报，作为上年数据和对比参考。只导入到尚无年报的年度，不会覆盖已有内容。2019 年度统一格式以前的旧式年报（没有法定统计表格）存为只读的<Link href="/archives">往年归档</Link>，作为下一年度的上年参考。
          </p>
          <ImportForm />
        </details>
      ) : null}
      <p className="small">
        <Link href="/archives">往年归档（旧式年报）</Link>：2019 年以前格式的已发布年报，只读保存，作为下一年度的上年参考。
      </p>
      {rows.length === 0 ? (
        <p className="card muted">暂无年报。</p>
      ) : (
        <table className="list" data-testid="report-list">
          <thead>
            <tr>
              <th scope="col">年度</th>
              <th scope="col">单位</th>
              <th scope="col">状态</th>
              <th scope="col">格式版本</th>
              <th scope="col">最后修改</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link href={`/reports/${r.id}`}>{r.year}年度</Link>
                </td>
                <td>{r.agencyName}</td>
                <td>
                  <span className="badge">{REPORT_STATUS_LABELS[r.status]}</span>
                </td>
                <td>{r.edition}版</td>
                <td>
                  {formatDateTime(last.get(r.id)?.at ?? r.updatedAt)}
                  {last.get(r.id)?.actorName ? (
                    <span className="muted">
                      {" "}
                      · {last.get(r.id)!.actorName}
                      {last.get(r.id)!.what}
                    </span>
                  ) : r.updatedByName ? (
                    <span className="muted"> · {r.updatedByName}</span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
