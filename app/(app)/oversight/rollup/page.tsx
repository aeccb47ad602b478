import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/guard";
import { YearSelect } from "@/components/oversight/year-select";
import { RollupTable } from "@/components/oversight/rollup-table";
import { loadRollup } from "@/db/oversight";
import { run } from "@/db/store";
import { parseCell, parseRollupStates, parseYear, rollupQuery, type SearchParams } from "@/lib/oversight/query";
import { formatNumber, tableContent } from "@/lib/render";
import { contributionsTo, ROLLUP_STATE_LABELS, ROLLUP_STATES, rollupTitle, rollupVerdict } from "@/lib/rollup";
import { cellLabel, getEdition, TABLE_KEYS } from "@/lib/template";
import { currentReportYear } from "@/lib/workflow/deadline";
import s from "@/components/oversight/oversight.module.css";
import { rolesFor } from "@/lib/workflow/permissions";

export const metadata: Metadata = { title: "统计数据汇总" };

export default async function RollupPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser({ roles: rolesFor("oversee") }, "/oversight/rollup");
  const sp = await searchParams;
  const current = currentReportYear();
  const year = parseYear(sp, current);
  const states = parseRollupStates(sp);
  const cell = parseCell(sp);
  const { scope, sources, result, validation, missing } = await run(loadRollup(user, year, states));
  const edition = getEdition(result.edition);
  const officeName = scope.office?.name ?? "全部单位";
  const query = rollupQuery(year, states);
  const hrefFor = (ref: string) => `/oversight/rollup?${rollupQuery(year, states, { cell: ref })}#drill`;
  const drill = cell ? contributionsTo(cell, year, sources) : [];
  const drillTotal = drill.reduce((sum, c) => sum + c.value, 0);
  const verdict = rollupVerdict(result, validation);
  const blanks = new Map(result.incomplete.map((m) => [m.reportId, m.blankCells]));
  return (
    <>
      <h1>{rollupTitle(officeName, year)}</h1>
      <p className="muted">
        逐格汇总下级单位已审核年报的统计表（表二、表三、表四），并用与单个年报相同的规则校验。<Link href={`/oversight?year=${year}`}>返回进度</Link>
      </p>

      <form className={`card ${s.filters}`} method="get" aria-label="汇总范围">
        <YearSelect year={year} current={current} />
        <fieldset>
          <legend>计入的年报</legend>
          {ROLLUP_STATES.map((st) => (
            <label key={st} className={s.inline}>
              <input type="checkbox" name="states" value={st} defaultChecked={states.includes(st)} />
              {ROLLUP_STATE_LABELS[st]}
            </label>
          ))}
        </fieldset>
        <button type="submit">汇总</button>
      </form>

      <section className="card" aria-labelledby="scope-h">
        <h2 id="scope-h" style={{ marginTop: 0, fontSize: "1.05rem" }}>
          汇总范围
        </h2>
        <p data-testid="rollup-included">
          计入 {result.included.length} 个单位
          {result.included.length ? "：" : "。"}
          {result.included.map((m, i) => (
            <span key={m.reportId}>
              {i ? "、" : ""}
              <Link href={`/reports/${m.reportId}`}>{m.agencyName}</Link>
              <span className="muted small">（{ROLLUP_STATE_LABELS[m.state]}）</span>
              {blanks.has(m.reportId) ? (
                <span className="badge sev-warning" data-testid="rollup-incomplete-badge">
                  未填写完整：{blanks.get(m.reportId)} 个单元格空白
                </span>
              ) : null}
            </span>
          ))}
        </p>
        {result.excluded.length ? (
          <ul className="alert warn" data-testid="rollup-excluded">
            {result.excluded.map((e) => (
              <li key={e.reportId}>
                未计入 {e.agencyName}：{e.reason}
              </li>
            ))}
          </ul>
        ) : null}
        {missing.length ? (
          <p className="muted small" data-testid="rollup-missing">
            尚无可计入版本的单位（{missing.length} 个）：{missing.map((a) => a.name).join("、")}
          </p>
        ) : null}
        <p data-testid="rollup-verdict" data-clean={verdict.clean ? "yes" : "no"}>
          校验：
          <strong className={verdict.clean ? "ok-text" : validation.errors ? "sev-text-error" : "sev-text-warning"}>{verdict.text}</strong>
        </p>
        {validation.issues.length ? (
          <details>
            <summary>校验结果明细</summary>
            <ul className="issue-list">
              {validation.issues.map((i, k) => (
                <li key={k} className={`sev-${i.severity}`}>
                  <strong>{i.severity === "error" ? "错误" : i.severity === "warning" ? "警告" : "提示"}</strong> {i.message}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
        <p className="downloads">
          导出：
          <a href={`/api/oversight/rollup?${query}&format=docx`} download data-testid="rollup-docx">
            Word 文档（.docx）
          </a>
          {" · "}
          <a href={`/api/oversight/rollup?${query}&format=html`} download data-testid="rollup-html">
            网页（.html）
          </a>
          {" · "}
          <a href={`/api/oversight/rollup?${query}&format=xlsx`} download data-testid="rollup-xlsx">
            Excel 工作簿（.xlsx）
          </a>
          {" · "}
          <Link href={`/oversight/rollup/print?${query}`} data-testid="rollup-print">
            打印
          </Link>
        </p>
      </section>

      <p className="muted small">点击任一数字，查看由哪些单位的数字构成。</p>
      {TABLE_KEYS.map((key) => {
        const section = edition.sections.find((x) => x.tableKey === key);
        return (
          <section key={key} className="card">
            <RollupTable table={tableContent(result.doc, key)} heading={section?.heading ?? key} hrefFor={hrefFor} selected={cell} filled={result.filled} />
          </section>
        );
      })}

      {cell ? (
        <section id="drill" className={`card ${s.drill}`} aria-labelledby="drill-h" data-testid="drill-down">
          <h2 id="drill-h" style={{ marginTop: 0, fontSize: "1.05rem" }}>
            {cellLabel(edition, cell)}：构成
          </h2>
          {drill.length === 0 ? (
            <p className="muted">计入的单位在此格均未填报。</p>
          ) : (
            <table className="list">
              <thead>
                <tr>
                  <th scope="col">单位</th>
                  <th scope="col" className={s.num}>
                    数值
                  </th>
                  <th scope="col" className={s.num}>
                    占比
                  </th>
                </tr>
              </thead>
              <tbody>
                {drill.map((c) => (
                  <tr key={c.reportId} data-agency={c.agencyName}>
                    <td>
                      <Link href={`/reports/${c.reportId}`}>{c.agencyName}</Link> <span className="muted small">（{ROLLUP_STATE_LABELS[c.state]}）</span>
                    </td>
                    <td className={s.num}>{formatNumber(c.value)}</td>
                    <td className={s.num}>{drillTotal ? `${((100 * c.value) / drillTotal).toFixed(1)}%` : "—"}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">合计</th>
                  <td className={s.num} data-testid="drill-total">
                    {formatNumber(drillTotal)}
                  </td>
                  <td />
                </tr>
              </tfoot>
            </table>
          )}
          <p>
            <Link href={`/oversight/rollup?${query}`} scroll={false}>
              关闭
            </Link>
          </p>
        </section>
      ) : null}
    </>
  );
}
