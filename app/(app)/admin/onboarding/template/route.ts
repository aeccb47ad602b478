// The onboarding template: ?format=xlsx (both sheets and 说明), or ?format=csv&sheet=agencies|users.
import { defineRoute, fail } from "@/app/_server/edge";
import { attachment } from "@/app/_server/http";
import { templateCsv, templateXlsx } from "@/lib/onboarding/template";
import { XLSX_MIME } from "@/lib/rollup/xlsx";
import { rolesFor } from "@/lib/workflow/permissions";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ roles: rolesFor("administer") }, async ({ req }) => {
  const q = new URL(req.url).searchParams;
  const format = q.get("format") ?? "xlsx";
  const cache = { "cache-control": "private, no-store" };
  if (format === "xlsx") return new Response((await templateXlsx()) as BodyInit, { headers: { ...cache, "content-type": XLSX_MIME, "content-disposition": attachment("单位和用户导入模板.xlsx", "onboarding-template") } });
  const sheet = q.get("sheet");
  if (format === "csv" && (sheet === "agencies" || sheet === "users")) {
    const name = sheet === "agencies" ? "单位导入模板.csv" : "用户导入模板.csv";
    return new Response(templateCsv(sheet), { headers: { ...cache, "content-type": "text/csv; charset=utf-8", "content-disposition": attachment(name, `onboarding-${sheet}`) } });
  }
  return fail("bad_request", "模板格式只能是 xlsx，或 csv（sheet=agencies 或 users）", { code: "bad_format" });
});
