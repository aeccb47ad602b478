"use client";
// The results of a run: one row per report, sortable (rank, score, agency, number of findings) and
// filtered by finding kind; each agency links to its report with the findings in place.
import Link from "next/link";
import { useMemo, useState } from "react";
import q from "./quality.module.css";

export interface ResultRow {
  itemId: number;
  rank: number;
  agency: string;
  source: "nianbao" | "file";
  fileName?: string;
  date?: string;
  score: number;
  /** Against the office's run of the previous year: last year's score, the change, findings new/fixed/still there. */
  previous?: { score: number; delta: number; new: number; fixed: number; persisting: number };
  findings: number;
  /** Count per kind. */
  kinds: Record<string, number>;
  rules: string[];
  needsConfirmation: boolean;
}

type SortKey = "rank" | "score" | "agency" | "findings";

export function ResultsTable({ runId, rows, kinds }: { runId: number; rows: ResultRow[]; kinds: { kind: string; label: string }[] }) {
  const [kind, setKind] = useState("");
  const [sort, setSort] = useState<SortKey>("rank");
  const [desc, setDesc] = useState(false);
  const shown = useMemo(() => {
    const list = rows.filter((r) => !kind || (r.kinds[kind] ?? 0) > 0);
    const cmp: Record<SortKey, (a: ResultRow, b: ResultRow) => number> = {
      rank: (a, b) => a.rank - b.rank,
      score: (a, b) => a.score - b.score,
      agency: (a, b) => a.agency.localeCompare(b.agency, "zh-CN"),
      findings: (a, b) => a.findings - b.findings,
    };
    return list.sort((a, b) => (desc ? -1 : 1) * cmp[sort](a, b) || a.agency.localeCompare(b.agency, "zh-CN"));
  }, [rows, kind, sort, desc]);
  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort === key ? (desc ? "descending" : "ascending") : "none"}>
      <button
        type="button"
        className={q.sortButton}
        onClick={() => {
          if (sort === key) setDesc(!desc);
          else {
            setSort(key);
            setDesc(key === "score" || key === "findings");
          }
        }}
      >
        {label}
        {sort === key ? (desc ? " ▼" : " ▲") : ""}
      </button>
    </th>
  );
  return (
    <section className="card" aria-labelledby="results-h">
      <h2 id="results-h" style={{ marginTop: 0, fontSize: "1.05rem" }}>
        检查结果
      </h2>
      <label>
        按问题类别筛选{" "}
        <select value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="">全部单位</option>
          {kinds.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      <p className="muted small" role="status">
        显示 {shown.length} / {rows.length} 份年报
      </p>
      <div className="table-scroll">
        <table className="report-table" data-testid="results-table">
          <thead>
            <tr>
              {header("rank", "排名")}
              {header("agency", "单位")}
              <th scope="col">来源</th>
              <th scope="col">发布日期</th>
              {header("score", "得分")}
              <th scope="col">与上年相比</th>
              {header("findings", "问题数")}
              <th scope="col">问题</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.itemId} data-agency={r.agency}>
                <td>{r.rank}</td>
                <th scope="row" className="th-label">
                  <Link href={`/oversight/quality/${runId}/items/${r.itemId}`}>{r.agency}</Link>
                  {r.needsConfirmation ? <span className="badge">待确认单位</span> : null}
                </th>
                <td>{r.source === "nianbao" ? "本系统发布" : r.fileName}</td>
                <td>{r.date ?? "—"}</td>
                <td>{r.score}</td>
                <td className="small" data-testid="year-over-year">
                  {r.previous ? (
                    <>
                      上年 {r.previous.score} 分（{r.previous.delta > 0 ? `+${r.previous.delta}` : r.previous.delta === 0 ? "持平" : r.previous.delta}）
                      <br />
                      新增 {r.previous.new} · 已整改 {r.previous.fixed} · 仍存在 {r.previous.persisting}
                    </>
                  ) : (
                    "—"
                  )}
                </td>
                <td>{r.findings}</td>
                <td className="small" data-testid="rules">
                  {r.rules.join("、") || "未发现问题"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
