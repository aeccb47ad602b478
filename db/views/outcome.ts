import type { Actor } from "../../lib/auth/access";
import type { Hierarchy } from "../../lib/auth/hierarchy";
import { may } from "../../lib/workflow/permissions";
import { loadHierarchy } from "../agencies";
import { loadReportWithAgency, type ReportWithAgency } from "../reports";
import type { Q } from "../unit";

// What a page's view-model loader answers: the view, or why there is none (the page maps it to
// notFound() / forbidden()).
export type ViewOutcome<T> = { kind: "ok"; view: T } | { kind: "not_found" } | { kind: "forbidden" };

/** A report id from the URL, or null when it is not one (the page then answers 404). */
export function reportIdOf(id: string | number): number | null {
  const n = Number(id);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/**
 * The preamble every report view shares: the report with its agency name, or why the user gets no
 * view of it (an unknown id or report: not found; a report the permission table does not let the
 * user view: forbidden). The hierarchy is handed on: the pages' other permission questions need it.
 */
export function* viewableReport(user: Actor, id: string | number): Q<{ kind: "ok"; row: ReportWithAgency; hierarchy: Hierarchy } | { kind: "not_found" } | { kind: "forbidden" }> {
  const reportId = reportIdOf(id);
  const row = reportId == null ? undefined : yield* loadReportWithAgency(reportId);
  if (!row) return { kind: "not_found" };
  const hierarchy = yield* loadHierarchy();
  if (!may("view", user, row.report, hierarchy)) return { kind: "forbidden" };
  return { kind: "ok", row, hierarchy };
}
