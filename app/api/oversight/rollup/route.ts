// The supervising office's roll-up (汇总) as a download: .docx and .html through the report
// renderers (tables only), .xlsx with the per-agency detail. Same scope and query as the page.
import { defineRoute, fail } from "@/app/_server/edge";
import { attachment } from "@/app/_server/http";
import { loadRollup } from "@/db/oversight";
import { run } from "@/db/store";
import { parseRollupStates, parseYear } from "@/lib/oversight/query";
import { DOCX_MIME, renderDocx, renderHtml, reportFileName } from "@/lib/render";
import { rollupDocument } from "@/lib/rollup";
import { renderRollupXlsx, XLSX_MIME } from "@/lib/rollup/xlsx";
import { currentReportYear } from "@/lib/workflow/deadline";
import { rolesFor } from "@/lib/workflow/permissions";

export const dynamic = "force-dynamic";

const FORMATS = ["docx", "html", "xlsx"] as const;

export const GET = defineRoute({ roles: rolesFor("oversee") }, async ({ req, user }) => {
  const url = new URL(req.url);
  const format = url.searchParams.get("format") ?? "xlsx";
  if (!(FORMATS as readonly string[]).includes(format)) return fail("bad_request", "格式只能是 docx、html 或 xlsx", { code: "bad_format" });
  const sp = { year: url.searchParams.get("year") ?? undefined, states: url.searchParams.getAll("states") };
  const year = parseYear(sp, currentReportYear());
  const states = parseRollupStates(sp);
  const { scope, sources, result, validation } = await run(loadRollup(user, year, states));
  const officeName = scope.office?.name ?? "全部单位";
  const doc = rollupDocument(result, { officeName, states, generatedAt: new Date() });
  const fileName = reportFileName(doc, format);
  const headers = { "content-disposition": attachment(fileName, "rollup"), "cache-control": "private, no-store" };
  if (format === "html") return new Response(renderHtml(doc, { tablesOnly: true }), { headers: { ...headers, "content-type": "text/html; charset=utf-8" } });
  if (format === "docx") return new Response((await renderDocx(doc, { tablesOnly: true })) as BodyInit, { headers: { ...headers, "content-type": DOCX_MIME } });
  const bytes = await renderRollupXlsx(result, sources, validation, { officeName, preamble: doc.meta?.preamble ?? "" });
  return new Response(bytes as BodyInit, { headers: { ...headers, "content-type": XLSX_MIME } });
});
