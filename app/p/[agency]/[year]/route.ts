// The public page of a published report: no sign-in, published snapshots only (404 otherwise),
// rendered by the same HTML renderer as the downloadable page (lib/render/html/public-page.ts).
//
// A route handler rather than a React page (issue 14): a published snapshot never changes, so the
// rendered page is cached per (snapshot, list of revisions) in a bounded in-memory cache, and the
// answer carries an ETag — a browser or proxy revalidating gets a 304 without a body. Only the
// small revision list is read from the database per request. The ETag covers everything the page
// shows: the snapshot's content hash and id, and the list of published revisions (a correction
// adds one, so the older page's links and notes change and so does its tag).
import { run } from "@/db/store";
import { AGENCY_CODE_RE } from "@/lib/data/codes";
import { isPlausibleYear } from "@/lib/data/limits";
import { findPublicRevisions, publishedSnapshotDoc } from "@/db/public";
import { renderPublicNotFound, renderPublicPage } from "@/lib/render/html/public-page";
import { completenessGaps, summarizeGaps } from "@/lib/rules/completeness";

export const dynamic = "force-dynamic";

type Params = { agency: string; year: string };

/** Rendered pages kept (a page is ~30–100 KB: at most a few MB). Oldest entry out first. */
const MAX_CACHED = 200;
const cache = new Map<string, string>();

function remember(key: string, html: string): void {
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, html);
}

function html(status: number, body: string | null, etag?: string): Response {
  const headers: Record<string, string> = { "content-type": "text/html; charset=utf-8", "cache-control": "public, no-cache" };
  if (etag) headers.etag = etag;
  return new Response(body, { status, headers });
}

const notFound = () => new Response(renderPublicNotFound(), { status: 404, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });

export async function GET(req: Request, ctx: { params: Promise<Params> }) {
  const p = await ctx.params;
  const year = Number(p.year);
  if (!AGENCY_CODE_RE.test(p.agency) || !isPlausibleYear(year)) return notFound();
  const rev = new URL(req.url).searchParams.get("rev");
  const revisionId = rev === null ? undefined : Number(rev);
  if (revisionId !== undefined && !Number.isSafeInteger(revisionId)) return notFound();
  const revisions = await run(findPublicRevisions(p.agency, year));
  if (!revisions) return notFound();
  const current = revisionId === undefined ? revisions[0] : revisions.find((r) => r.id === revisionId);
  if (!current) return notFound();
  // Revisions are append-only with growing ids: the newest id and the count identify the list.
  const etag = `"${current.contentHash.slice(0, 32)}-${current.id}-${revisions[0]!.id}-${revisions.length}"`;
  const key = `${p.agency}/${year}/${etag}`;
  const match = req.headers.get("if-none-match");
  if (match && match.split(",").some((t) => t.trim().replace(/^W\//, "") === etag)) return html(304, null, etag);
  let page = cache.get(key);
  if (page === undefined) {
    const doc = await run(publishedSnapshotDoc(current.id));
    if (!doc) return notFound();
    // Reports published before the completeness gate (or imported) may have blanks: say so.
    const gaps = completenessGaps(doc);
    const incompleteNotice = gaps.length ? `本报告未填写完整（${gaps.length} 处）：${summarizeGaps(gaps)}。表格中的空白表示未填报，不代表 0。` : undefined;
    page = renderPublicPage({ agencyCode: p.agency, year, doc, current, revisions, incompleteNotice });
    remember(key, page);
  }
  return html(200, page, etag);
}
