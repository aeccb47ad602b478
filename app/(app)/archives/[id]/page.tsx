// One archived old-style report, read-only, as published: its sections and, when it had one, the
// 2014–2018 《政府信息公开情况统计表》. Each section says which statutory section it stands beside
// when the archive serves as last year's reference.
import type { Metadata } from "next";
import Link from "next/link";
import { fail, idParams, loadPage } from "@/app/_server/edge";
import { getArchiveForActor } from "@/db/archives";
import { run } from "@/db/store";
import { formatDateTime } from "@/lib/format-date";
import { narrativeKeyOfLegacyHeading } from "@/lib/import/legacy-reference";
import { NARRATIVE_HEADINGS, type NarrativeKey } from "@/lib/template";

export const metadata: Metadata = { title: "归档的旧式年报" };

const HEADING: Readonly<Record<NarrativeKey, string>> = NARRATIVE_HEADINGS;

/** Heading rows of the statistics table print 「——」 as their unit. */
const isHeadingRow = (unit: string) => /^[—\-－–]+$/.test(unit.trim());

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split("\n")
        .filter((p) => p.trim())
        .map((p, i) => (
          <p key={i}>{p}</p>
        ))}
    </>
  );
}

export default async function ArchivePage({ params }: { params: Promise<{ id: string }> }) {
  const { data: a } = await loadPage({ params: idParams, returnTo: ({ id }) => `/archives/${id}` }, params, async ({ user, params }) => {
    const access = await run(getArchiveForActor(user, params.id));
    return access.ok ? access.archive : fail(access.reason);
  });
  const legacy = a.legacy;
  const title = legacy?.title ?? `${a.agencyName}${a.year}年政府信息公开工作年度报告`;
  return (
    <>
      <p className="small">
        <Link href="/archives">← 往年归档</Link>
      </p>
      <h1>{title}</h1>
      <div className="deadline-banner" data-testid="archive-meta">
        只读归档（旧式年报）　单位：{a.agencyName}　年度：{a.year}　上传：{formatDateTime(a.createdAt)}
        {a.createdByName ? `（${a.createdByName}）` : ""}　文件：{a.fileName}　内容校验码（SHA-256）：<code>{a.contentHash.slice(0, 16)}</code>
      </div>
      {a.supersededBy ? (
        <p className="alert warn">
          此归档已被同一年度的新上传替换，不再作为参考。<Link href={`/archives/${a.supersededBy}`}>查看现行归档</Link>
        </p>
      ) : a.statutoryReportId ? (
        <p className="alert warn">
          本单位 {a.year} 年度另有法定格式年报，作为 {a.year + 1} 年度年报的上年参考时以<Link href={`/reports/${a.statutoryReportId}`}>法定格式年报</Link>为准。
        </p>
      ) : (
        <p className="alert ok" data-testid="archive-reference-note">
          此归档是 {a.year + 1} 年度年报的上年参考：各部分叙述显示在对应章节旁，并参与内容雷同检查。旧式年报没有法定统计表格，上年结转、现行有效件数等跨年度表格核对不适用。
        </p>
      )}
      {!legacy ? (
        <p className="alert error">归档内容无法读取。</p>
      ) : (
        <article className="card" data-testid="archive-body">
          {legacy.preamble ? <Paragraphs text={legacy.preamble} /> : null}
          {legacy.sections.map((s, i) => {
            const key = narrativeKeyOfLegacyHeading(s.heading);
            return (
              <section key={i} aria-labelledby={`archive-s${i}`}>
                <h2 id={`archive-s${i}`}>{s.heading}</h2>
                <p className="muted small">{key ? `作为参考时显示在「${HEADING[key]}」旁` : "附件，不作为叙述参考"}</p>
                <Paragraphs text={s.text} />
              </section>
            );
          })}
          {legacy.signature || legacy.date ? (
            <p style={{ textAlign: "right" }}>
              {legacy.signature}
              {legacy.signature && legacy.date ? <br /> : null}
              {legacy.date}
            </p>
          ) : null}
          {legacy.statistics && legacy.statistics.rows.length ? (
            <section aria-labelledby="archive-stats">
              <h2 id="archive-stats">统计表</h2>
              <div className="table-scroll" role="region" aria-labelledby="archive-stats-caption" tabIndex={0}>
                <table className="report-table" data-testid="archive-statistics">
                  <caption id="archive-stats-caption">{legacy.statistics.title ?? "政府信息公开情况统计表"}</caption>
                  <thead>
                    <tr>
                      <th scope="col">统计指标</th>
                      <th scope="col">单位</th>
                      <th scope="col">{legacy.statistics.valueLabel ?? "数值"}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {legacy.statistics.rows.map((r, i) => (
                      <tr key={i}>
                        <th scope="row" className="th-label" style={isHeadingRow(r.unit) ? { fontWeight: 600 } : undefined}>
                          {r.indicator}
                        </th>
                        <td style={{ textAlign: "center", padding: "0.2rem 0.3rem" }}>{r.unit}</td>
                        <td style={{ textAlign: "right", padding: "0.2rem 0.3rem" }}>{r.value ?? ""}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p className="muted small">数值按原文保留；旧式统计表与现行表格不能一一对应，不参与跨年度核对。</p>
            </section>
          ) : null}
        </article>
      )}
    </>
  );
}
