// GET ?format=xlsx|docx|json: a finished quality run as an .xlsx (one row per agency + every
// finding), the 通报 draft (.docx, official layout), or the JSON that `nianbao check --json` gives.
import { defineRoute, fail } from "@/app/_server/edge";
import { attachment } from "@/app/_server/http";
import { getRunForActor, runResult } from "@/db/quality";
import { run as runData } from "@/db/store";
import { DOCX_MIME } from "@/lib/render";
import { noticeContent, renderNoticeDocx } from "@/lib/quality/notice";
import { schemeSchema, DEFAULT_SCHEME } from "@/lib/quality/score";
import { renderRunXlsx, XLSX_MIME } from "@/lib/quality/xlsx";
import { runJson } from "@/lib/quality/batch";
import { runById } from "../run";

export const dynamic = "force-dynamic";

const chinaDate = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export const GET = defineRoute(runById, async ({ req, user, params }) => {
  const format = new URL(req.url).searchParams.get("format") ?? "xlsx";
  if (!["xlsx", "docx", "json"].includes(format)) return fail("bad_request", "格式只能是 xlsx、docx 或 json", { code: "bad_format" });
  const run = await runData(getRunForActor(user, params.id));
  if (!run) return fail("not_found");
  if (run.status !== "done") return fail("conflict", "检查尚未完成，完成后才能下载结果", { code: "not_done" });
  const { result } = await runData(runResult(run));
  const officeName = user.role === "supervisor" ? (user.agencyName ?? "政务公开办") : "政务公开办";
  const base = `${run.year}年度政府信息公开工作年度报告质量检查`;
  const headers = { "cache-control": "private, no-store" };
  if (format === "json") {
    return new Response(JSON.stringify(runJson(result), null, 2), { headers: { ...headers, "content-type": "application/json; charset=utf-8", "content-disposition": attachment(`${base}.json`, "quality") } });
  }
  if (format === "docx") {
    const bytes = await renderNoticeDocx(noticeContent(result, { officeName, date: chinaDate(new Date()) }));
    return new Response(bytes as BodyInit, { headers: { ...headers, "content-type": DOCX_MIME, "content-disposition": attachment(`${base}通报.docx`, "quality-notice") } });
  }
  const parsed = schemeSchema.safeParse(JSON.parse(run.scheme));
  const bytes = await renderRunXlsx(result, { title: `${officeName}${base}结果`, scheme: parsed.success ? parsed.data : DEFAULT_SCHEME });
  return new Response(bytes as BodyInit, { headers: { ...headers, "content-type": XLSX_MIME, "content-disposition": attachment(`${base}结果.xlsx`, "quality") } });
});
