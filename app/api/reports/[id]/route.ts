// GET: the report with the server's (authoritative) validation. PUT: autosave with optimistic
// concurrency — body { version, data }, where `version` is the version the client edited.
import { z } from "zod";
import { requireApiUser } from "@/app/_server/guard";
import { apiRoute, jsonError, jsonResponse, readJsonBody } from "@/app/_server/http";
import { getDb } from "@/db/client";
import { withStorage } from "@/db/health";
import { getReportForActor, readReportData, saveReport, validateWithHistory } from "@/db/reports";
import { parseReport } from "@/lib/data";

export const dynamic = "force-dynamic";

function reportId(raw: string): number | null {
  const id = Number(raw);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  const guard = await requireApiUser();
  if (!guard.ok) return guard.response;
  const id = reportId((await ctx.params).id);
  if (!id) return jsonError(404, "not_found", "年报不存在");
  const access = getReportForActor(getDb(), guard.user, id);
  if (!access.ok) return access.reason === "forbidden" ? jsonError(403, "forbidden", "无权查看该年报") : jsonError(404, "not_found", "年报不存在");
  const r = access.report;
  const data = readReportData(r, r.agencyName);
  return jsonResponse(200, {
    ok: true,
    id: r.id,
    agencyId: r.agencyId,
    agencyName: r.agencyName,
    year: r.year,
    edition: r.edition,
    status: r.status,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
    data,
    validation: validateWithHistory(getDb(), r.agencyId, data),
  });
}

const saveBody = z.object({ version: z.number().int().positive(), data: z.unknown() });

// A busy database answers 503 + Retry-After (app/_server/http.ts), never an empty 500.
export const PUT = apiRoute(async function putHandler(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const guard = await requireApiUser({ roles: ["drafter"] });
  if (!guard.ok) return guard.response;
  const id = reportId((await ctx.params).id);
  if (!id) return jsonError(404, "not_found", "年报不存在");
  const body = await readJsonBody(req);
  if (!body.ok) return body.response;
  const envelope = saveBody.safeParse(body.value);
  if (!envelope.success) return jsonError(400, "bad_request", "请求格式不正确：需要 { version, data }");
  const parsed = parseReport(envelope.data.data);
  if (!parsed.ok) {
    return jsonError(422, "invalid", `年报数据不符合交换格式，未保存（已保留上一次保存的版本）：${parsed.errors[0]?.message ?? ""}`, { errors: parsed.errors });
  }
  const stored = withStorage(() => saveReport(getDb(), guard.user, id, envelope.data.version, parsed.report));
  if (!stored.ok) return jsonError(503, "storage", stored.reason);
  const outcome = stored.value;
  switch (outcome.kind) {
    case "saved":
      return jsonResponse(200, { ok: true, version: outcome.version, updatedAt: outcome.updatedAt.toISOString(), unchanged: outcome.unchanged, validation: outcome.validation });
    case "conflict": {
      // The same person in a second window or tab is not 「他人」.
      const byYou = outcome.current.updatedBy === guard.user.id;
      const who = byYou ? "您在另一个窗口或标签页中" : `该年报已被${outcome.current.updatedByName ?? "他人"}`;
      return jsonError(409, "conflict", `${who}修改（第 ${outcome.current.version} 版），此处的修改尚未保存`, {
        current: { version: outcome.current.version, updatedAt: outcome.current.updatedAt.toISOString(), updatedByName: outcome.current.updatedByName, byYou, data: outcome.current.report },
      });
    }
    case "not_found":
      return jsonError(404, "not_found", "年报不存在");
    case "forbidden":
      return jsonError(403, "forbidden", outcome.reason);
    case "locked":
      return jsonError(423, "locked", outcome.reason);
    case "mismatch":
      return jsonError(422, "mismatch", outcome.reason);
  }
});
