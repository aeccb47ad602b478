// Version history of a report: every snapshot (submit, return, approve, publish), any two versions
// compared (changed cells old → new, narrative paragraphs added/removed), and — for reviewers,
// supervisors and admins — the report's audit trail.
import type { Metadata } from "next";
import { reportPageTitle } from "@/app/_server/titles";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { requireUser } from "@/app/_server/guard";
import { AuditFilters, AuditTrailTable } from "@/components/audit/audit-trail";
import { run } from "@/db/store";
import { HISTORY_ROWS, loadReportHistory } from "@/db/views/report-history";
import { knownEvents } from "@/lib/audit/describe";
import { diffParagraphs } from "@/lib/data";
import { REPORT_STATUS_LABELS, type ReportStatusId } from "@/lib/workflow/status";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return { title: await reportPageTitle((await params).id, "版本与记录") };
}

function VersionSelect({ label, name, value, options }: { label: string; name: string; value: string; options: { value: string; label: string }[] }) {
  return (
    <label>
      {label}
      <select name={name} defaultValue={value}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Changed paragraphs shown per text. A real revision changes a few dozen; the cap keeps the page
 * small for texts stored before the size cap (a 25,000-line narrative is a 175 KB text).
 */
const MAX_SHOWN_LINES = 2000;

function DiffLines({ before, after }: { before: string; after: string }) {
  const changed = diffParagraphs(before, after).filter((l) => l.type !== "same");
  const shown = changed.slice(0, MAX_SHOWN_LINES);
  return (
    <>
      {shown.map((l, i) =>
        l.type === "added" ? (
          <ins key={i} className="diff-add">
            {l.text}
          </ins>
        ) : (
          <del key={i} className="diff-del">
            {l.text}
          </del>
        ),
      )}
      {changed.length > shown.length ? <p className="muted">另有 {changed.length - shown.length} 段变化未显示。</p> : null}
    </>
  );
}

const show = (v: number | null) => (v === null ? "未填写" : String(v));

export default async function HistoryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  const user = await requireUser({}, `/reports/${id}/history`);
  const loaded = await run(loadReportHistory(user, id, await searchParams));
  if (loaded.kind === "forbidden") forbidden();
  if (loaded.kind === "not_found") notFound();
  const { report: r, snapshots, options, diff, audit } = loaded.view;

  return (
    <>
      <h1>
        {r.agencyName}
        {r.year}年度报告 · 版本与记录
      </h1>
      <p>
        <Link href={`/reports/${r.id}`}>返回年报</Link>　当前状态：{REPORT_STATUS_LABELS[r.status as ReportStatusId]}
      </p>
      <h2>版本快照</h2>
      {snapshots.length === 0 ? (
        <p className="muted">尚无快照（提交审核、退回、审核通过和发布时自动生成）。</p>
      ) : (
        <table className="list" data-testid="snapshots">
          <thead>
            <tr>
              <th scope="col">时间</th>
              <th scope="col">环节</th>
              <th scope="col">操作人</th>
              <th scope="col">状态</th>
              <th scope="col">内容校验码</th>
              <th scope="col">下载</th>
            </tr>
          </thead>
          <tbody>
            {snapshots.map((s) => (
              <tr key={s.id}>
                <td>{s.at}</td>
                <td>{s.step}</td>
                <td>{s.authorName}</td>
                <td>{REPORT_STATUS_LABELS[s.status as ReportStatusId] ?? s.status}</td>
                <td>
                  <code title={s.contentHash}>{s.contentHash.slice(0, 12)}</code>
                </td>
                <td>
                  <a href={`/api/reports/${r.id}/download?format=docx&snapshot=${s.id}`}>.docx</a> · <a href={`/api/reports/${r.id}/download?format=html&snapshot=${s.id}`}>.html</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>版本对比</h2>
      <form method="get" className="inline card">
        <VersionSelect label="原版本" name="a" value={loaded.view.a} options={options} />
        <VersionSelect label="新版本" name="b" value={loaded.view.b} options={options} />
        <button type="submit">对比</button>
      </form>
      {diff ? (
        <section data-testid="compare">
          <h3>数据变化（{diff.cells.length} 处）</h3>
          {diff.cells.length ? (
            <table className="list">
              <thead>
                <tr>
                  <th scope="col">单元格</th>
                  <th scope="col">原值</th>
                  <th scope="col">新值</th>
                </tr>
              </thead>
              <tbody>
                {diff.cells.map((c) => (
                  <tr key={c.ref}>
                    <td>{c.label}</td>
                    <td>{show(c.before)}</td>
                    <td>{show(c.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">表格数据没有变化。</p>
          )}
          <h3>文字变化（{diff.texts.length} 处）</h3>
          {diff.texts.map((t) => (
            <div key={t.path} className="card">
              <h4 style={{ marginTop: 0 }}>{t.label}</h4>
              <DiffLines before={t.before} after={t.after} />
            </div>
          ))}
        </section>
      ) : (
        <p className="muted">所选版本无法读取。</p>
      )}
      {audit ? (
        <section aria-labelledby="trail-heading">
          <h2 id="trail-heading">操作记录</h2>
          <AuditFilters actors={audit.actors} events={knownEvents()} form={audit.filter.form} notes={audit.filter.notes} hidden={audit.compareParams} />
          <p>
            <a href={audit.exportHref} download>
              导出 Excel（.xlsx）
            </a>
            {audit.rawHref ? (
              <>
                　
                <a href={audit.rawHref} download>
                  下载原始数据（JSON，仅管理员）
                </a>
              </>
            ) : null}
          </p>
          <AuditTrailTable entries={audit.entries} showSubject={false} caption={`${r.agencyName}${r.year}年度报告的操作记录`} />
          {audit.truncated ? <p className="muted">仅显示最近的 {HISTORY_ROWS} 条记录，请用筛选条件缩小范围或导出 Excel。</p> : null}
        </section>
      ) : null}
    </>
  );
}
