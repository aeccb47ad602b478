import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { requireUser } from "@/app/_server/guard";
import { mailConfigured } from "@/app/_server/mailer";
import { originFrom } from "@/app/_server/origin";
import { UrgeForm, URGE_FORM_ID } from "@/components/office/urge-form";
import { latestUrges } from "@/db/notices";
import { portalUrlsOfYear } from "@/db/reports";
import { run } from "@/db/store";
import { publicPath } from "@/lib/office/portal";
import { YearSelect } from "@/components/oversight/year-select";
import { dashboardAgencyRows, oversightScope } from "@/db/oversight";
import { formatDateTime } from "@/lib/format-date";
import { classify, DASHBOARD_SORTS, DASHBOARD_STATE_LABELS, DASHBOARD_STATES, filterRows, pageOf, progress, type DashboardRow } from "@/lib/oversight/dashboard";
import { parseDashboardFilter, parseYear, type SearchParams } from "@/lib/oversight/query";
import { currentReportYear, daysUntilDeadline } from "@/lib/workflow/deadline";
import s from "@/components/oversight/oversight.module.css";
import { ApplicationTrend } from "./quality/_components/application-trend";
import { rolesFor } from "@/lib/workflow/permissions";

export const metadata: Metadata = { title: "下级单位" };

const chinaDate = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "long", day: "numeric" });

function Standing({ row }: { row: DashboardRow }) {
  const st = row.standing;
  if (st.kind === "published")
    return st.onTime ? (
      <span className={s.ontime}>按期发布（{chinaDate.format(st.at)}）</span>
    ) : (
      <span className={s.late}>逾期发布（{chinaDate.format(st.at)}）</span>
    );
  if (st.kind === "overdue") return <span className={s.overdue}>已逾期 {st.daysOverdue} 天</span>;
  return <span>还剩 {st.daysLeft} 天</span>;
}

/** The link to another page of the list, keeping the year, filters and sort of this one. */
function pageHref(sp: SearchParams, page: number): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) if (k !== "page" && v !== undefined) for (const x of Array.isArray(v) ? v : [v]) q.append(k, x);
  if (page > 1) q.set("page", String(page));
  const s = q.toString();
  return s ? `/oversight?${s}` : "/oversight";
}

/** 上一页 / 下一页 and the page numbers near this one (first and last always), for a long list. */
function Pages({ sp, page, pages, from, to, total }: { sp: SearchParams; page: number; pages: number; from: number; to: number; total: number }) {
  const near = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  return (
    <nav className={s.pages} aria-label="列表分页" data-testid="oversight-pages">
      <span className="muted small">
        第 {from}–{to} 个，共 {total} 个单位
      </span>
      {page > 1 ? <Link href={pageHref(sp, page - 1)}>上一页</Link> : null}
      {near.map((n, i) => (
        <span key={n}>
          {i > 0 && n - near[i - 1]! > 1 ? <span className="muted">…</span> : null}
          {n === page ? (
            <strong aria-current="page">{n}</strong>
          ) : (
            <Link href={pageHref(sp, n)} aria-label={`第 ${n} 页`}>
              {n}
            </Link>
          )}
        </span>
      ))}
      {page < pages ? <Link href={pageHref(sp, page + 1)}>下一页</Link> : null}
    </nav>
  );
}

export default async function OversightPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser({ roles: rolesFor("oversee") }, "/oversight");
  const sp = await searchParams;
  const current = currentReportYear();
  const year = parseYear(sp, current);
  const filter = parseDashboardFilter(sp);
  const scope = await run(oversightScope(user));
  const now = new Date();
  const all = (await run(dashboardAgencyRows(scope, year))).map((r) => classify(r, year, now));
  const rows = filterRows(all, filter);
  const shown = pageOf(rows, filter.page);
  const p = progress(all);
  const days = daysUntilDeadline(year, now);
  const filtered = rows.length !== all.length;
  const urged = await run(latestUrges(scope.agencies.map((a) => a.id), year));
  const portals = await run(portalUrlsOfYear(year));
  const codes = new Map(scope.agencies.map((a) => [a.id, a.code]));
  const origin = originFrom(await headers());
  const canUrge = scope.agencies.length > 0;
  return (
    <>
      <h1>
        {scope.office ? `${scope.office.name}下级单位` : "全部单位"} {year} 年度报告进度
      </h1>
      <p className="muted">
        法定发布期限：{year + 1}年1月31日（{days >= 0 ? `还剩 ${days} 天` : `已过期限 ${-days} 天`}）。
        <Link href={`/oversight/rollup?year=${year}`}>查看 {year} 年度统计数据汇总</Link>
      </p>

      <section className="card" aria-labelledby="progress-h">
        <h2 id="progress-h" style={{ marginTop: 0, fontSize: "1.05rem" }}>
          进度
        </h2>
        <p data-testid="progress-summary">
          共 {p.total} 个单位，已发布 {p.published} 个
          {p.overdue ? (
            <>
              ，<span className={s.overdue}>逾期 {p.overdue} 个</span>
            </>
          ) : null}
          。
        </p>
        {p.total ? (
          <div className={s.chart} role="img" aria-label={DASHBOARD_STATES.map((st) => `${DASHBOARD_STATE_LABELS[st]} ${p.counts[st]} 个`).join("，")}>
            {DASHBOARD_STATES.filter((st) => p.counts[st]).map((st) => (
              <span key={st} className={s[`s-${st}`]} style={{ width: `${(100 * p.counts[st]) / p.total}%` }} title={`${DASHBOARD_STATE_LABELS[st]}：${p.counts[st]}`} />
            ))}
          </div>
        ) : null}
        <ul className={s.legend} data-testid="progress-counts">
          {DASHBOARD_STATES.map((st) => (
            <li key={st} data-state={st}>
              <span className={`${s.swatch} ${s[`s-${st}`]}`} aria-hidden="true" />
              {DASHBOARD_STATE_LABELS[st]} <strong>{p.counts[st]}</strong>
            </li>
          ))}
        </ul>
        {(() => {
          const reviewed = all.filter((r) => r.report?.gaps && (r.state === "submitted" || r.state === "approved" || r.state === "published"));
          return reviewed.length ? (
            <p className="alert warn small" data-testid="incomplete-summary">
              其中 {reviewed.length} 份已提交、通过或发布的年报未填写完整：{reviewed.map((r) => r.agencyName).join("、")}
            </p>
          ) : null;
        })()}
      </section>
      <ApplicationTrend actor={user} />

      <form className={`card ${s.filters}`} method="get" role="search" aria-label="筛选下级单位">
        <YearSelect year={year} current={current} />
        <fieldset>
          <legend>状态</legend>
          {DASHBOARD_STATES.map((st) => (
            <label key={st} className={s.inline}>
              <input type="checkbox" name="state" value={st} defaultChecked={filter.states?.includes(st)} />
              {DASHBOARD_STATE_LABELS[st]}
            </label>
          ))}
        </fieldset>
        <label className={s.inline}>
          <input type="checkbox" name="overdue" value="1" defaultChecked={filter.overdueOnly} />
          只看逾期
        </label>
        <label>
          单位名称
          <input type="search" name="q" defaultValue={filter.query} maxLength={50} />
        </label>
        <label>
          排序
          <select name="sort" defaultValue={filter.sort}>
            {Object.entries(DASHBOARD_SORTS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">筛选</button>
        {filtered ? <Link href={`/oversight?year=${year}`}>清除筛选</Link> : null}
      </form>

      {canUrge ? <UrgeForm year={year} mailOn={mailConfigured()} /> : null}

      {scope.agencies.length === 0 ? (
        <p className="card muted">没有下级单位。</p>
      ) : (
        <table className="list" data-testid="oversight-list">
          <caption className="visually-hidden">
            {year} 年度各单位年报状态{filtered ? `（筛选后 ${rows.length} / ${all.length}）` : ""}
            {shown.pages > 1 ? `，第 ${shown.page} / ${shown.pages} 页` : ""}
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">选择催办</span>
              </th>
              <th scope="col">单位</th>
              <th scope="col">状态</th>
              <th scope="col">最后修改</th>
              <th scope="col">发布期限</th>
              <th scope="col">发布地址</th>
              <th scope="col">最近催办</th>
            </tr>
          </thead>
          <tbody>
            {shown.rows.map((r) => (
              <tr key={r.agencyId} data-agency={r.agencyName} data-state={r.state} data-complete={r.report ? (r.report.gaps ? "no" : "yes") : undefined}>
                <td>
                  <input type="checkbox" name="agency" value={r.agencyId} form={URGE_FORM_ID} data-overdue={r.overdue ? "1" : "0"} aria-label={`选择${r.agencyName}`} />
                </td>
                <td style={{ paddingLeft: `${0.6 + (r.depth - 1) * 1.25}rem` }}>
                  {r.report ? (
                    <Link href={`/reports/${r.report.id}`} data-testid="agency-link">
                      {r.agencyName}
                    </Link>
                  ) : (
                    r.agencyName
                  )}
                  {r.path.length ? <span className={s.path}>{r.path.join(" › ")}</span> : null}
                </td>
                <td>
                  {r.report ? (
                    <>
                      <Link href={`/reports/${r.report.id}`} className="badge">
                        {DASHBOARD_STATE_LABELS[r.state]}
                      </Link>
                      {r.report.gaps ? (
                        <span className="badge sev-warning" data-testid="incomplete-badge" title="空白单元格或没有内容的章节">
                          {" "}
                          未填写完整（{r.report.gaps} 处）
                        </span>
                      ) : null}
                    </>
                  ) : (
                    <span className="badge muted">未创建</span>
                  )}
                </td>
                <td>
                  {r.report ? (
                    <>
                      {formatDateTime(r.report.updatedAt)}
                      <span className="muted small">
                        {" "}
                        {r.report.updatedByName ? `${r.report.updatedByName}${r.report.lastAction ?? "保存"} · ` : ""}第 {r.report.version} 版
                      </span>
                    </>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td>
                  <Standing row={r} />
                </td>
                <td className="small" data-testid="published-links">
                  {r.report?.firstPublishedAt ? (
                    <>
                      <a href={publicPath(codes.get(r.agencyId) ?? "", year)} title={`${origin}${publicPath(codes.get(r.agencyId) ?? "", year)}`}>
                        公开页面
                      </a>
                      {portals.get(r.agencyId) ? (
                        <>
                          {" · "}
                          <a href={portals.get(r.agencyId)} rel="noopener noreferrer" title={portals.get(r.agencyId)} data-testid="dashboard-portal-url">
                            门户网站
                          </a>
                        </>
                      ) : (
                        <span className="muted"> · 未回填门户地址</span>
                      )}
                    </>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="small" data-testid="last-urge">
                  {(() => {
                    const u = urged.get(r.agencyId);
                    if (!u) return <span className="muted">—</span>;
                    return (
                      <>
                        {formatDateTime(u.at)}
                        <span className="muted">
                          {" "}
                          {u.senderName ?? ""}
                          {u.count > 1 ? `，共 ${u.count} 次` : ""}
                          {u.recipients === 0 ? "，该单位无填报人或审核人账号" : ""}
                          {u.mailed != null ? `，邮件 ${u.mailed} 封` : ""}
                          {u.mailError ? `（${u.mailError}）` : ""}
                        </span>
                      </>
                    );
                  })()}
                </td>
              </tr>
            ))}
            {rows.length === 0 ? (
              <tr>
                <td colSpan={7} className="muted">
                  没有符合筛选条件的单位。
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      )}
      {shown.pages > 1 ? <Pages sp={sp} page={shown.page} pages={shown.pages} from={shown.from} to={shown.to} total={rows.length} /> : null}
      <p className="muted small">退回整改：打开单位的年报，在“审核流程”中选择“退回整改”并填写理由；单位填报人会在编辑页看到退回意见。</p>
    </>
  );
}
