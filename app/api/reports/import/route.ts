// POST multipart/form-data { file, year?, replace?, step?, checked? }: imports a published report (text, HTML,
// .docx or PDF) as the agency's report for its year. `step=check` saves nothing: it answers with
// the check view (every template row's printed source beside the values placed, cells imported /
// blank / not given and why) and a `checked` token; sending the same file with that token saves
// it (a changed file or year is refused). Nothing is kept between the two requests, so an
// abandoned check leaves nothing behind. Figures are kept as printed; what was not recognised
// is listed. A legacy (old-style, pre-2019 format) report becomes the agency's read-only archive for
// its year instead; `replace=on` lets a new upload supersede an existing archive of that year, and
// `archive=on` stores any report (e.g. the published file of a year that already has its
// statutory report in the app) as such a read-only archive.
import { defineRoute, fail } from "@/app/_server/edge";
import { jsonResponse } from "@/app/_server/http";
import type { ImportNote } from "@/lib/import";
import { run } from "@/db/store";
import { createArchive } from "@/db/archives";
import { createReportFromImport } from "@/db/reports";
import { detectKind } from "@/lib/import";
import { MIN_ANY_YEAR } from "@/lib/data/limits";
import { checkView } from "@/lib/import/check-view";
import { rolesFor } from "@/lib/workflow/permissions";
import { createHash } from "node:crypto";
import { importInWorker, isBusy } from "@/lib/import/worker/run-import";

export const dynamic = "force-dynamic";

const MAX_FILE = 5_000_000;
const MAX_MARKUP = 2_000_000;

/** Notes as the user sees them: an internal failure's exception text stays in the server's hands. */
function publicNotes(notes: readonly ImportNote[]): ImportNote[] {
  return notes.map((n) => (n.code === "internal" ? { ...n, text: undefined } : n));
}

// The multipart envelope adds a little to the file's own 5 MB.
export const POST = defineRoute({ roles: rolesFor("draft"), upload: { as: "form", limit: MAX_FILE + 100_000, malformed: "请选择要导入的文件" } }, async ({ user, upload: form, write }) => {
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return fail("bad_request", "请选择要导入的文件", { code: "no_file" });
  if (file.size > MAX_FILE) return fail("too_large", "文件过大（上限 5 MB）");
  const bytes = new Uint8Array(await file.arrayBuffer());
  const kind = detectKind(file.name, bytes);
  if (!kind.kind) return fail("invalid", kind.reason ?? "无法识别的文件类型", { code: "unsupported" });
  // A published report's web page or text is a few hundred KB; parsing megabytes of HTML would
  // hold the server's single thread for seconds.
  if ((kind.kind === "text" || kind.kind === "html") && bytes.byteLength > MAX_MARKUP) return fail("too_large", "网页或文本文件过大（上限 2 MB）：请只保存年报正文部分，或导入 Word 文件");
  const yearRaw = Number(form.get("year") ?? "");
  const asArchive = form.get("archive") === "on";
  // What was checked: the file, the year given and whether it is kept as an archive.
  const token = createHash("sha256").update(bytes).update(`\n${String(form.get("year") ?? "")}\n${asArchive ? "archive" : ""}`).digest("hex").slice(0, 32);
  const checked = form.get("checked");
  if (typeof checked === "string" && checked !== "" && checked !== token) {
    return fail("conflict", "文件或年度与核对时不同，请重新上传并核对后再导入", { code: "changed" });
  }
  // In a worker thread with a time and memory limit: one pathological file must never hold the
  // thread that answers everyone else's saves (issue 14).
  const result = await importInWorker({
    kind: kind.kind,
    data: bytes,
    agencyHint: user.agencyName ?? undefined,
    ...(Number.isInteger(yearRaw) && yearRaw >= MIN_ANY_YEAR ? { yearHint: yearRaw } : {}),
    ...(asArchive ? { asArchive: true } : {}),
  });
  if (isBusy(result)) return fail("busy", result.ok ? "" : result.errors[0]!.message);
  if (!result.ok) return fail("invalid", result.errors[0]?.message ?? "无法识别该文件中的年报", { code: "unreadable", details: { notes: publicNotes(result.errors) } });
  if (form.get("step") === "check") {
    // Nothing is saved: the drafter checks the placed values against the file, then confirms.
    const otherAgency = result.type === "report" ? result.warnings.find((w) => w.code === "meta.agency.hintDiffers") : undefined;
    return {
      ok: true,
      type: "check",
      checked: token,
      kind: result.type === "legacy" ? "archive" : "report",
      year: result.type === "legacy" ? result.legacy.year : result.report.year,
      ...(result.type === "report" ? { edition: result.report.edition, view: checkView(result) } : { legacyReason: result.legacyReason }),
      ...(otherAgency ? { otherAgency: otherAgency.message } : {}),
      warnings: publicNotes(result.warnings),
      unrecognized: publicNotes(result.unrecognized),
    };
  }
  if (result.type === "legacy") {
    const archived = await write(() => run(createArchive(user, result.legacy, { fileName: file.name, replace: form.get("replace") === "on" })));
    if (!archived.ok) return fail("refused", archived.error, { status: archived.status, code: archived.code });
    return jsonResponse(201, {
      ok: true,
      type: "archive",
      id: archived.id,
      year: archived.year,
      replaced: archived.replaced,
      statutoryReportId: archived.statutoryReportId,
      legacyReason: result.legacyReason,
      warnings: publicNotes(result.warnings),
      unrecognized: publicNotes(result.unrecognized),
    });
  }
  // The document names another agency (title, opening or signature): ask before it becomes this
  // agency's report — a wrong file is easy to pick from a folder of many agencies' reports.
  const otherAgency = result.warnings.find((w) => w.code === "meta.agency.hintDiffers");
  if (otherAgency && form.get("confirmAgency") !== "on") {
    return fail("conflict", `${otherAgency.message}。如确为本单位的年报，请勾选「确认导入为本单位年报」后重新上传`, { code: "other_agency" });
  }
  const created = await write(() => run(createReportFromImport(user, result.report)));
  // The year already has its report: the file can still be kept as a read-only archive (the form
  // then offers 「作为往年归档保存」, which sends archive=on).
  if (!created.ok) return fail("conflict", `${created.error}。如需保留该文件，可勾选「作为往年归档保存」后重新上传（只读保存，不改变已有年报）`, { code: "exists" });
  return jsonResponse(201, { ok: true, type: "report", id: created.id, year: result.report.year, edition: result.edition, warnings: publicNotes(result.warnings), unrecognized: publicNotes(result.unrecognized) });
});
