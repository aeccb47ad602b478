// Downloads of a report as the publishable .docx or the self-contained HTML page: the current saved
// version, or any snapshot (?snapshot=<id>). Same access rule as reading the report.
import { requireApiUser } from "@/app/_server/guard";
import { attachment, jsonError } from "@/app/_server/http";
import { getDb } from "@/db/client";
import { getReportForActor, getSnapshotData, readReportData } from "@/db/reports";
import { DOCX_MIME, renderDocx, renderHtml, reportFileName } from "@/lib/render";

export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const guard = await requireApiUser();
  if (!guard.ok) return guard.response;
  const id = Number((await ctx.params).id);
  if (!Number.isSafeInteger(id) || id <= 0) return jsonError(404, "not_found", "年报不存在");
  const url = new URL(req.url);
  const format = url.searchParams.get("format") ?? "docx";
  if (format !== "docx" && format !== "html") return jsonError(400, "bad_format", "格式只能是 docx 或 html");
  const db = getDb();
  const access = getReportForActor(db, guard.user, id);
  if (!access.ok) return access.reason === "forbidden" ? jsonError(403, "forbidden", "无权查看该年报") : jsonError(404, "not_found", "年报不存在");
  let doc = readReportData(access.report, access.report.agencyName);
  const snapshot = url.searchParams.get("snapshot");
  if (snapshot !== null) {
    const data = getSnapshotData(db, id, Number(snapshot));
    if (!data) return jsonError(404, "not_found", "该历史版本不存在");
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
}
