// The archived old-style reports (before the statutory format) of every agency the user may view.
// Drafters archive their agency's reports here (or from the report list's import form).
import { roleMay } from "@/lib/workflow/permissions";
import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/guard";
import { listArchivesForActor } from "@/db/archives";
import { run } from "@/db/store";
import { ImportForm } from "@/components/import-form";
import { formatDateTime } from "@/lib/format-date";

export const metadata: Metadata = { title: "往年归档（旧式年报）" };

export default async function ArchivesPage() {
  const user = await requireUser({}, "/archives");
  const rows = await run(listArchivesForActor(user));
  return (
    <>
      <h1>往年归档（旧式年报）</h1>
      <p className="muted">
        2019 年度统一格式施行以前（以及仍按旧式编写）的已发布年报，按上传时的原文只读保存。某年度的归档作为下一年度年报的上年参考：叙述部分显示在对应章节旁，并参与内容雷同检查；旧式年报没有法定统计表格，不作上年结转等跨年度表格核对。同一年度已有法定格式年报时，以法定格式年报为准。
      </p>
      {roleMay("draft", user.role) ? (
        <details className="card">
          <summary>上传往年已发布的年报（Word、网页或文本）</summary>
          <p className="muted small">旧式年报存为本单位该年度的只读归档；按法定格式编写的年报则导入为可编辑的年报。</p>
          <ImportForm />
        </details>
      ) : null}
      {rows.length === 0 ? (
        <p className="card muted">暂无归档的旧式年报。</p>
      ) : (
        <table className="list" data-testid="archive-list">
          <caption className="visually-hidden">归档的旧式年报</caption>
          <thead>
            <tr>
              <th scope="col">年度</th>
              <th scope="col">单位</th>
              <th scope="col">标题</th>
              <th scope="col">上传</th>
              <th scope="col">状态</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link href={`/archives/${a.id}`}>{a.year}年度</Link>
                </td>
                <td>{a.agencyName}</td>
                <td>{a.title ?? <span className="muted">（无标题）</span>}</td>
                <td>
                  {formatDateTime(a.createdAt)}
                  {a.createdByName ? <span className="muted"> · {a.createdByName}</span> : null}
                  <div className="muted small">{a.fileName}</div>
                </td>
                <td>{a.current ? <span className="badge on">现行归档</span> : <span className="badge">已被替换</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
