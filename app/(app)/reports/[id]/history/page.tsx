// Version history of a report: every snapshot (submit, return, approve, publish), any two versions
// compared (changed cells old → new, narrative paragraphs added/removed), and — for reviewers,
// supervisors and admins — the report's audit trail.
import type { Metadata } from "next";
import { reportPageTitle } from "@/app/_server/titles";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { requireUser } from "@/app/_server/guard";
import { AuditFilters, AuditTrailTable } from "@/components/audit/audit-trail";
import { auditActors, queryAuditTrail } from "@/db/audit";
import { knownEvents } from "@/lib/audit/describe";
import { filterQuery, parseAuditFilter } from "@/lib/audit/filter";
import { trailEntries } from "@/lib/audit/view";
import { getDb } from "@/db/client";
import { getReportForActor, readReportData } from "@/db/reports";
import { listSnapshots } from "@/db/workflow";
import { diffParagraphs, diffReports, parseReport, type ReportDoc } from "@/lib/data";
import { formatDateTime } from "@/lib/format-date";
import { REPORT_STATUS_LABELS, type ReportStatusId } from "@/lib/workflow/status";
import { TRANSITIONS } from "@/lib/workflow/transitions";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return { title: await reportPageTitle((await params).id, "版本与记录") };
}

const KIND_LABEL: Record<string, string> = Object.fromEntries(TRANSITIONS.map((t) => [t.action, t.label]));

function parse(data: string): ReportDoc | null {
  try {
    const r = parseReport(JSON.parse(data), { textLimits: false });
    return r.ok ? r.report : null;
  } catch {
    return null;
  }
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

/** Audit rows shown (and exported) at most; the filters narrow a longer trail. */
const HISTORY_ROWS = 2000;

const show = (v: number | null) => (v === null ? "未填写" : String(v));

export default async function HistoryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  const q = await searchParams;
  const user = await requireUser({}, `/reports/${id}/history`);
  const reportId = Number(id);
  if (!Number.isSafeInteger(reportId) || reportId <= 0) notFound();
  const db = getDb();
  const access = getReportForActor(db, user, reportId);
  if (!access.ok) {
    if (access.reason === "forbidden") forbidden();
    notFound();
  }
  const r = access.report;
  const snaps = listSnapshots(db, r.id);
  const options = [
    ...snaps.map((s) => ({ value: String(s.id), label: `${formatDateTime(s.createdAt)} ${KIND_LABEL[s.kind] ?? s.kind}（${s.authorName ?? "—"}）`, doc: () => parse(s.data) })),
    { value: "current", label: `当前已保存版本（第 ${r.version} 版）`, doc: () => readReportData(r, r.agencyName) as ReportDoc | null },
  ];
  const pick = (v: string | string[] | undefined, fallback: number) => options.find((o) => o.value === v) ?? options[Math.max(0, options.length + fallback)]!;
  const a = pick(q.a, -2);
  const b = pick(q.b, -1);
  const docA = a.doc();
  const docB = b.doc();
  const diff = docA && docB ? diffReports(docA, docB) : null;
  const canSeeAudit = user.role === "reviewer" || user.role === "supervisor" || user.role === "admin";
  // One user's consecutive autosaves are shown as one entry (each is still its own audit row).
  const filter = parseAuditFilter(q);
  const trailRows = canSeeAudit ? queryAuditTrail(db, { entityType: "report", entityId: r.id, actorId: filter.actorId, action: filter.action, fromMs: filter.fromMs, toMs: filter.toMs, limit: HISTORY_ROWS }) : [];
  const audit = trailEntries(trailRows, filter.actorId != null || filter.action != null);
  const compareParams: Record<string, string> = Object.fromEntries(([["a", q.a], ["b", q.b]] as const).filter((e): e is ["a" | "b", string] => typeof e[1] === "string").map(([k, v]) => [k, v.slice(0, 20)]));

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
      {snaps.length === 0 ? (
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
            {snaps.map((s) => (
              <tr key={s.id}>
                <td>{formatDateTime(s.createdAt)}</td>
                <td>{KIND_LABEL[s.kind] ?? s.kind}</td>
                <td>{s.authorName ?? "—"}</td>
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
        <VersionSelect label="原版本" name="a" value={a.value} options={options} />
        <VersionSelect label="新版本" name="b" value={b.value} options={options} />
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
      {canSeeAudit ? (
        <section aria-labelledby="trail-heading">
          <h2 id="trail-heading">操作记录</h2>
          <AuditFilters actors={auditActors(db, { entityType: "report", entityId: r.id })} events={knownEvents()} form={filter.form} notes={filter.notes} hidden={compareParams} />
          <p>
            <a href={`/reports/${r.id}/history/export${filterQuery(filter)}`} download>
              导出 Excel（.xlsx）
            </a>
            {user.role === "admin" ? (
              <>
                　
                <a href={`/admin/audit/raw${filterQuery(filter, { report: String(r.id) })}`} download>
                  下载原始数据（JSON，仅管理员）
                </a>
              </>
            ) : null}
          </p>
          <AuditTrailTable entries={audit} showSubject={false} caption={`${r.agencyName}${r.year}年度报告的操作记录`} />
          {audit.length && trailRows.length === HISTORY_ROWS ? <p className="muted">仅显示最近的 {HISTORY_ROWS} 条记录，请用筛选条件缩小范围或导出 Excel。</p> : null}
        </section>
      ) : null}
    </>
  );
}
