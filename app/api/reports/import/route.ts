// POST multipart/form-data { file, year? }: imports a published report (text, HTML or .docx) as
// the agency's report for its year. Figures are kept as printed; what was not recognised is listed.
import { requireApiUser } from "@/app/_server/guard";
import { jsonError, jsonResponse } from "@/app/_server/http";
import { getDb } from "@/db/client";
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
    return jsonError(422, "legacy", `这是 ${result.legacy.year} 年度按旧格式（2019 年以前）编写的年报，没有法定统计表，不能导入为可编辑的年报`, { notes: result.warnings });
  }
  const created = createReportFromImport(getDb(), guard.user, result.report);
  if (!created.ok) return jsonError(409, "exists", created.error);
  return jsonResponse(201, { ok: true, id: created.id, year: result.report.year, edition: result.edition, warnings: result.warnings, unrecognized: result.unrecognized });
}
