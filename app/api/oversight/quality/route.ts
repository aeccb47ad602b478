// POST multipart/form-data { files (many: .html/.htm/.docx/.pdf/.txt, or one .zip), urls?, year, scheme? }:
// starts a quality check run over the office's subordinates (issue 18). Answers at once (202) with
// the run's id; the run goes on in the background (db/quality.ts) and the page polls its progress.
import { defineRoute, fail } from "@/app/_server/edge";
import { jsonResponse } from "@/app/_server/http";
import { createRun, startRun } from "@/db/quality";
import { getStore, run } from "@/db/store";
import { unpackUpload, type ReportFile } from "@/lib/quality/files";
import { DEFAULT_SCHEME, parseScheme } from "@/lib/quality/score";
import { reportYears } from "@/lib/oversight/query";
import { currentReportYear } from "@/lib/workflow/deadline";
import { rolesFor } from "@/lib/workflow/permissions";

export const dynamic = "force-dynamic";

/** One upload of a whole jurisdiction's files. */
export const MAX_UPLOAD = 200_000_000;
const MAX_URLS = 5000;

export const POST = defineRoute({ roles: rolesFor("oversee"), upload: { as: "form", limit: MAX_UPLOAD, tooLarge: "上传的文件过大", malformed: "请选择要检查的年报文件" } }, async ({ user, upload: form }) => {
  const year = Number(form.get("year"));
  if (!reportYears(currentReportYear()).includes(year)) return fail("invalid", "请选择报告年度", { code: "bad_year" });
  let scheme = DEFAULT_SCHEME;
  const schemeFile = form.get("scheme");
  if (schemeFile instanceof File && schemeFile.size > 0) {
    if (schemeFile.size > 100_000) return fail("too_large", "评分办法文件过大");
    const parsed = parseScheme(await schemeFile.text());
    if (!parsed.ok) return fail("invalid", parsed.error, { code: "bad_scheme" });
    scheme = parsed.scheme;
  }
  const uploads: ReportFile[] = [];
  for (const f of form.getAll("files")) {
    if (f instanceof File && f.size > 0) uploads.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
  }
  let files: ReportFile[] = [];
  let skipped: string[] = [];
  if (uploads.length) {
    const unpacked = unpackUpload(uploads);
    if (!unpacked.ok) return fail("invalid", unpacked.error, { code: "bad_files" });
    files = unpacked.files;
    skipped = unpacked.skipped;
  }
  // Published pages the server fetches itself (one URL a line): checked like uploaded files.
  const urls = String(form.get("urls") ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (urls.length > MAX_URLS) return fail("invalid", `一次最多填写 ${MAX_URLS} 个网址`, { code: "too_many_urls" });
  const badUrl = urls.find((u) => !/^https?:\/\/[^\s]+$/i.test(u) || u.length > 2000);
  if (badUrl) return fail("invalid", `网址无效：${badUrl.slice(0, 100)}（应以 http:// 或 https:// 开头）`, { code: "bad_url" });
  const created = await run(createRun(user, year, files, scheme, urls));
  if (!created.ok) return fail("invalid", created.error, { code: "no_scope" });
  void startRun(getStore(), created.runId);
  return jsonResponse(202, { ok: true, runId: created.runId, files: files.length, skipped });
});
