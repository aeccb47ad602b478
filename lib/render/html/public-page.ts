// The public page of a published report (/p/<agency>/<year>) as one complete HTML document: the
// report body of the HTML renderer, a note when an earlier (corrected) revision is shown, and the
// footer with the content hash and every published revision. A pure function of immutable inputs
// (a published snapshot and the list of revisions), so the route can cache it and answer
// conditional requests (ETag / 304).
import type { ReportDoc } from "../../data";
import { formatDateTime } from "../../format-date";
import { reportTitle } from "../title";
import { PAGE_CSS, REPORT_CSS } from "./css";
import { formatIsoDay } from "../../workflow/backfill-date";
import { htmlPage, renderReportBody } from "./document";
import { escapeAttr, escapeHtml } from "./escape";

export interface PublicRevision {
  id: number;
  publishedAt: Date;
  contentHash: string;
  /** A back-filled (补录) publication: published elsewhere on `publishedOn` (null: not known). */
  backfill?: boolean;
  publishedOn?: string | null;
}

/** When a revision was published, as the public reads it: a back-fill names its real date, not the day it was recorded here. */
function publishedWhen(r: PublicRevision): string {
  if (!r.backfill) return formatDateTime(r.publishedAt);
  return r.publishedOn ? `${formatIsoDay(r.publishedOn)}（补录，由原发布文件导入）` : "原发布日期不详（补录，由原发布文件导入）";
}

export interface PublicPageInput {
  /** The agency's public code and the year, as in the URL. */
  agencyCode: string;
  year: number;
  doc: ReportDoc;
  current: PublicRevision;
  /** Every published revision, newest first (the current one included). */
  revisions: readonly PublicRevision[];
  /**
   * Said above the report when it is not filled in completely (a report published before the
   * completeness gate, or imported): a blank must never read as a clean 0.
   */
  incompleteNotice?: string;
}

const PUBLIC_CSS = `
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #1f2328; }
.public-report { max-width: 900px; margin: 0 auto; padding: 1.5rem; background: #fff; }
.public-footer { border-top: 1px solid #d0d7de; margin-top: 2rem; padding-top: 1rem; font-size: 0.9rem; color: #59636e; }
.public-footer h2 { font-size: 1rem; }
.alert.warn { background: #fff8c5; border: 1px solid #d4a72c; padding: 0.5rem 0.75rem; border-radius: 4px; }
`;

function page(title: string, main: string): string {
  return htmlPage(title, `${PAGE_CSS}${REPORT_CSS}${PUBLIC_CSS}`, main);
}

export function renderPublicPage(input: PublicPageInput): string {
  const { agencyCode, year, doc, current, revisions } = input;
  const base = `/p/${encodeURIComponent(agencyCode)}/${year}`;
  const latest = revisions[0] ?? current;
  const parts: string[] = [`<main class="public-report">`];
  if (current.id !== latest.id) {
    parts.push(`<p class="alert warn">这是 ${escapeHtml(publishedWhen(current))} 发布的早期版本，已被更正。<a href="${escapeAttr(base)}">查看最新版本</a></p>`);
  }
  if (input.incompleteNotice) parts.push(`<p class="alert warn" data-testid="public-incomplete">${escapeHtml(input.incompleteNotice)}</p>`);
  parts.push(`<div>${renderReportBody(doc)}</div>`);
  parts.push(`<footer class="public-footer">`);
  parts.push(`<p>发布时间：${escapeHtml(publishedWhen(current))}　内容校验码（SHA-256）：<code>${escapeHtml(current.contentHash.slice(0, 16))}</code></p>`);
  if (revisions.length > 1) {
    parts.push(`<nav aria-label="发布版本">`, `<h2>全部发布版本</h2>`, `<ol>`);
    revisions.forEach((r, i) => {
      const href = i === 0 ? base : `${base}?rev=${r.id}`;
      const currentAttr = r.id === current.id ? ` aria-current="page"` : "";
      parts.push(`<li><a href="${escapeAttr(href)}"${currentAttr}>${escapeHtml(publishedWhen(r))} 发布${i === 0 ? "（最新）" : "（已更正）"}</a></li>`);
    });
    parts.push(`</ol>`, `</nav>`);
  }
  parts.push(`</footer>`, `</main>`);
  return page(`${reportTitle(doc)} · 年报`, parts.join("\n"));
}

/** The page for an address with no published report (404). */
export function renderPublicNotFound(): string {
  return page("未找到 · 年报", `<main class="public-report"><h1>页面不存在（404）</h1><p>该单位该年度没有已发布的年报，或地址有误。</p><p><a href="/">返回首页</a></p></main>`);
}
