// Version history of a report: every snapshot (submit, return, approve, publish), any two versions
// compared (changed cells old → new, narrative paragraphs added/removed), and — for reviewers,
// supervisors and admins — the report's audit trail.
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { requireUser } from "@/app/_server/guard";
import { listAudit } from "@/db/audit";
import { coalesceAudit } from "@/lib/audit/summary";
import { getDb } from "@/db/client";
import { getReportForActor, readReportData } from "@/db/reports";
import { listSnapshots } from "@/db/workflow";
import { diffParagraphs, diffReports, parseReport, type ReportDoc } from "@/lib/data";
import { formatDateTime } from "@/lib/format-date";
import { allCells, getEdition, type EditionId } from "@/lib/template";
import { REPORT_STATUS_LABELS, type ReportStatusId } from "@/lib/workflow/status";
import { TRANSITIONS } from "@/lib/workflow/transitions";

export const metadata: Metadata = { title: "版本与记录" };

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

const show = (v: number | null) => (v === null ? "未填写" : String(v));

export default async function HistoryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ a?: string; b?: string }> }) {
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
  const pick = (v: string | undefined, fallback: number) => options.find((o) => o.value === v) ?? options[Math.max(0, options.length + fallback)]!;
  const a = pick(q.a, -2);
  const b = pick(q.b, -1);
  const docA = a.doc();
  const docB = b.doc();
  const diff = docA && docB ? diffReports(docA, docB) : null;
  const canSeeAudit = user.role === "reviewer" || user.role === "supervisor" || user.role === "admin";
  // One user's consecutive autosaves are shown as one entry (each is still its own audit row).
  const audit = canSeeAudit ? coalesceAudit(listAudit(db, { entityType: "report", entityId: r.id, limit: 500 })) : [];
  const edition = getEdition(r.edition as EditionId);
  const cellLabels = new Map(allCells(edition).map((c) => [c.ref as string, c.label]));
  const textLabels = new Map<string, string>([
    ...edition.sections.filter((s) => s.narrativeKey).map((s) => [`narrative.${s.narrativeKey}`, s.heading] as [string, string]),
    ["meta.title", "标题"],
    ["meta.preamble", "引言"],
    ["meta.signature", "落款单位"],
    ["meta.date", "成文日期"],
  ]);

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
        <>
          <h2>操作记录</h2>
          <table className="list" data-testid="audit">
            <thead>
              <tr>
                <th scope="col">时间</th>
                <th scope="col">操作人</th>
                <th scope="col">操作</th>
                <th scope="col">变化</th>
              </tr>
            </thead>
            <tbody>
              {audit.map((d) =>
                d.kind === "entry" ? (
                  <tr key={d.row.id}>
                    <td>{formatDateTime(d.row.at)}</td>
                    <td>{d.row.actorName ?? "系统"}</td>
                    <td>
                      <code>{d.row.action}</code>
                    </td>
                    <td className="small">
                      {d.row.before ? <div>前：{d.row.before.slice(0, 200)}</div> : null}
                      {d.row.after ? <div>后：{d.row.after.slice(0, 200)}</div> : null}
                    </td>
                  </tr>
                ) : (
                  <tr key={d.last.id}>
                    <td>
                      {d.rows.length > 1 ? `${formatDateTime(d.first.at)} — ` : null}
                      {formatDateTime(d.last.at)}
                    </td>
                    <td>{d.last.actorName ?? "系统"}</td>
                    <td>
                      <code>{d.last.action}</code>
                      {d.rows.length > 1 ? <div className="small">连续自动保存 {d.rows.length} 次</div> : null}
                    </td>
                    <td className="small">
                      {d.summary.fromVersion != null && d.summary.toVersion != null ? (
                        <div>
                          第 {d.summary.fromVersion} 版 → 第 {d.summary.toVersion} 版
                        </div>
                      ) : null}
                      {d.summary.cells.slice(0, 20).map((c) => (
                        <div key={c.ref}>
                          {cellLabels.get(c.ref) ?? c.ref}：{show(c.before)} → {show(c.after)}
                        </div>
                      ))}
                      {d.summary.cells.length > 20 ? <div>……另有 {d.summary.cells.length - 20} 个单元格</div> : null}
                      {d.summary.texts.map((t) => (
                        <div key={t.path}>
                          「{textLabels.get(t.path) ?? t.path}」文字：+{t.inserted} 字，−{t.removed} 字{t.sample ? `（最近写入：${t.sample}）` : ""}
                        </div>
                      ))}
                      {d.summary.other ? <div>其他修改 {d.summary.other} 处</div> : null}
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </>
      ) : null}
    </>
  );
}
