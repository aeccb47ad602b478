// GET: the report with the server's (authoritative) validation. PUT: autosave with optimistic
// concurrency — body { version, data } (lib/api/requests.ts), where `version` is the version the
// client edited.
import { defineRoute, fail, readableReport, reportById } from "@/app/_server/edge";
import { run } from "@/db/store";
import { readReportData, saveReport, validateWithHistory } from "@/db/reports";
import type { SaveResponse } from "@/lib/api/answers";
import { saveRequest } from "@/lib/api/requests";
import { parseReport } from "@/lib/data";
import { rolesFor } from "@/lib/workflow/permissions";

export const dynamic = "force-dynamic";

export const GET = defineRoute(reportById, async ({ user, params }) => {
  const r = await readableReport(user, params.id);
  const data = readReportData(r, r.agencyName);
  const validation = await run(validateWithHistory(r.agencyId, data));
  return { ok: true, id: r.id, agencyId: r.agencyId, agencyName: r.agencyName, year: r.year, edition: r.edition, status: r.status, version: r.version, updatedAt: r.updatedAt.toISOString(), data, validation };
});

export const PUT = defineRoute(
  { ...reportById, roles: rolesFor("edit"), body: saveRequest, badBody: fail("bad_request", "请求格式不正确：需要 { version, data }") },
  async ({ user, params, body, write }) => {
    const parsed = parseReport(body.data);
    if (!parsed.ok) return fail("invalid", `年报数据不符合交换格式，未保存（已保留上一次保存的版本）：${parsed.errors[0]?.message ?? ""}`, { details: { errors: parsed.errors } });
    const outcome = await write(() => run(saveReport(user, params.id, body.version, parsed.report)));
    switch (outcome.kind) {
      case "saved":
        return { ok: true, version: outcome.version, updatedAt: outcome.updatedAt.toISOString(), unchanged: outcome.unchanged, validation: outcome.validation } satisfies SaveResponse;
      case "conflict": {
        // The same person in a second window or tab is not 「他人」.
        const { version, updatedAt, updatedBy, updatedByName, report } = outcome.current;
        const byYou = updatedBy === user.id;
        const who = byYou ? "您在另一个窗口或标签页中" : `该年报已被${updatedByName ?? "他人"}`;
        return fail("conflict", `${who}修改（第 ${version} 版），此处的修改尚未保存`, { details: { current: { version, updatedAt: updatedAt.toISOString(), updatedByName, byYou, data: report } } });
      }
      case "not_found":
        return fail("not_found");
      case "mismatch":
        return fail("invalid", outcome.reason, { code: "mismatch" });
      default: // forbidden, locked: the data layer's own words
        return fail(outcome.kind, outcome.reason);
    }
  },
);
