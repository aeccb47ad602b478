// Downloads of a report as the publishable .docx or the self-contained HTML page: the current saved
// version, or any snapshot (?snapshot=<id>). Same access rule as reading the report.
import { attachment } from "@/app/_server/http";
import { defineRoute, fail, readableReport, reportById } from "@/app/_server/edge";
import { run } from "@/db/store";
import { getSnapshotData, readReportData } from "@/db/reports";
import { DOCX_MIME, renderDocx, renderHtml, reportFileName } from "@/lib/render";

export const dynamic = "force-dynamic";

export const GET = defineRoute(reportById, async ({ req, user, params }) => {
  const url = new URL(req.url);
  const format = url.searchParams.get("format") ?? "docx";
  if (format !== "docx" && format !== "html") return fail("bad_request", "格式只能是 docx 或 html", { code: "bad_format" });
  const r = await readableReport(user, params.id);
  let doc = readReportData(r, r.agencyName);
  const snapshot = url.searchParams.get("snapshot");
  if (snapshot !== null) {
    const data = await run(getSnapshotData(params.id, Number(snapshot)));
    if (!data) return fail("not_found", "该历史版本不存在");
    doc = data;
  }
  const fileName = reportFileName(doc, format);
  const headers = { "content-disposition": attachment(fileName, "report"), "cache-control": "private, no-store" };
  if (format === "html") {
    return new Response(renderHtml(doc), { headers: { ...headers, "content-type": "text/html; charset=utf-8" } });
  }
  // seal=1: 盖章版, the sign-off laid out for the agency's seal (GB/T 9704 §7.3.5.1).
  const bytes = await renderDocx(doc, { sealed: url.searchParams.get("seal") === "1" });
  return new Response(bytes as BodyInit, { headers: { ...headers, "content-type": DOCX_MIME } });
});
