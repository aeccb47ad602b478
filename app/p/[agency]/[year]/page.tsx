// The public page of a published report: no sign-in, published snapshots only (404 otherwise),
// rendered by the same HTML renderer as the downloadable page.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { findPublicReport } from "@/db/public";
import { formatDateTime } from "@/lib/format-date";
import { REPORT_CSS, renderReportBody } from "@/lib/render/html";
import { reportTitle } from "@/lib/render/title";
import { completenessGaps, summarizeGaps } from "@/lib/rules/completeness";

export const dynamic = "force-dynamic";

type Params = { agency: string; year: string };

function load(params: Params, rev?: string) {
  const year = Number(params.year);
  if (!/^[a-z0-9-]{1,32}$/.test(params.agency) || !Number.isInteger(year) || year < 2000 || year > 2100) return null;
  const revision = rev === undefined ? undefined : Number(rev);
  if (revision !== undefined && !Number.isSafeInteger(revision)) return null;
  return findPublicReport(getDb(), params.agency, year, revision);
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const found = load(await params);
  return { title: found ? reportTitle(found.current.doc) : "未找到" };
}

export default async function PublicReportPage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<{ rev?: string }> }) {
  const p = await params;
  const { rev } = await searchParams;
  const found = load(p, rev);
  if (!found) notFound();
  const latest = found.revisions[0]!;
  // Reports published before the completeness gate (or imported) may have blanks: say so, never
  // let a blank read as a clean 0 or a section as simply absent.
  const gaps = completenessGaps(found.current.doc);
  return (
    <main className="public-report">
      <style>{REPORT_CSS}</style>
      {found.current.id !== latest.id ? (
        <p className="alert warn">
          这是 {formatDateTime(found.current.publishedAt)} 发布的早期版本，已被更正。<a href={`/p/${p.agency}/${p.year}`}>查看最新版本</a>
        </p>
      ) : null}
      {gaps.length ? (
        <p className="alert warn" data-testid="public-incomplete">
          本报告未填写完整（{gaps.length} 处）：{summarizeGaps(gaps)}。表格中的空白表示未填报，不代表 0。
        </p>
      ) : null}
      {/* The renderer escapes every text it prints; the markup is its own. */}
      <div dangerouslySetInnerHTML={{ __html: renderReportBody(found.current.doc) }} />
      <footer className="public-footer">
        <p>
          发布时间：{formatDateTime(found.current.publishedAt)}　内容校验码（SHA-256）：<code>{found.current.contentHash.slice(0, 16)}</code>
        </p>
        {found.revisions.length > 1 ? (
          <nav aria-label="发布版本">
            <h2>全部发布版本</h2>
            <ol>
              {found.revisions.map((r, i) => (
                <li key={r.id}>
                  <a href={i === 0 ? `/p/${p.agency}/${p.year}` : `/p/${p.agency}/${p.year}?rev=${r.id}`} aria-current={r.id === found.current.id ? "page" : undefined}>
                    {formatDateTime(r.publishedAt)} 发布{i === 0 ? "（最新）" : "（已更正）"}
                  </a>
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
      </footer>
    </main>
  );
}
