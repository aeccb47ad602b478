// POST multipart/form-data { file, year?, replace? }: imports a published report (text, HTML or
// .docx) as the agency's report for its year. Figures are kept as printed; what was not recognised
// is listed. A legacy (old-style, pre-2019 format) report becomes the agency's read-only archive for
// its year instead; `replace=on` lets a new upload supersede an existing archive of that year.
import { requireApiUser } from "@/app/_server/guard";
import { jsonError, jsonResponse } from "@/app/_server/http";
import { getDb } from "@/db/client";
import { createArchive } from "@/db/archives";
import { createReportFromImport } from "@/db/reports";
import { detectKind, importReport } from "@/lib/import";

export const dynamic = "force-dynamic";

const MAX_FILE = 5_000_000;

export async function POST(req: Request) {
  const guard = await requireApiUser({ roles: ["drafter"] });
  if (!guard.ok) return guard.response;
  if (Number(req.headers.get("content-length") ?? 0) > MAX_FILE + 100_000) return jsonError(413, "too_large", "文件过大（上限 5 MB）");
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return jsonError(400, "bad_request", "请选择要导入的文件");
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return jsonError(400, "no_file", "请选择要导入的文件");
  if (file.size > MAX_FILE) return jsonError(413, "too_large", "文件过大（上限 5 MB）");
  const bytes = new Uint8Array(await file.arrayBuffer());
  const kind = detectKind(file.name, bytes);
  if (!kind.kind) return jsonError(422, "unsupported", kind.reason ?? "无法识别的文件类型");
  const yearRaw = Number(form.get("year") ?? "");
  const result = await importReport({
    kind: kind.kind,
    data: bytes,
    agencyHint: guard.user.agencyName ?? undefined,
    ...(Number.isInteger(yearRaw) && yearRaw >= 2000 ? { yearHint: yearRaw } : {}),
  });
  if (!result.ok) return jsonError(422, "unreadable", result.errors[0]?.message ?? "无法识别该文件中的年报", { notes: result.errors });
  if (result.type === "legacy") {
    const archived = createArchive(getDb(), guard.user, result.legacy, { fileName: file.name, replace: form.get("replace") === "on" });
    if (!archived.ok) return jsonError(archived.status, archived.code, archived.error);
    return jsonResponse(201, {
      ok: true,
      type: "archive",
      id: archived.id,
      year: archived.year,
      replaced: archived.replaced,
      statutoryReportId: archived.statutoryReportId,
      legacyReason: result.legacyReason,
      warnings: result.warnings,
      unrecognized: result.unrecognized,
    });
  }
  const created = createReportFromImport(getDb(), guard.user, result.report);
  if (!created.ok) return jsonError(409, "exists", created.error);
  return jsonResponse(201, { ok: true, type: "report", id: created.id, year: result.report.year, edition: result.edition, warnings: result.warnings, unrecognized: result.unrecognized });
}
