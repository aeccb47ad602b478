// The view model of a report's 版本与记录 page (app/(app)/reports/[id]/history/page.tsx): its
// snapshots, the two versions compared and — for those the permission table lets see it — the
// audit trail with its filters. Loaded and permission-checked here; the page only renders.
import { filterQuery, parseAuditFilter, type AuditFilter } from "../../lib/audit/filter";
import { trailEntries, type TrailEntry } from "../../lib/audit/view";
import type { Actor } from "../../lib/auth/access";
import { diffReports, parseReport, type ReportDiff, type ReportDoc } from "../../lib/data";
import { formatDateTime } from "../../lib/format-date";
import { may } from "../../lib/workflow/permissions";
import type { ReportStatusId } from "../../lib/workflow/status";
import { TRANSITIONS } from "../../lib/workflow/transitions";
import { auditActors, queryAuditTrail } from "../audit";
import { readReportData } from "../reports";
import type { Q } from "../unit";
import { listSnapshots } from "../workflow";
import { viewableReport, type ViewOutcome } from "./outcome";

/** Audit rows shown at most; the filters narrow a longer trail (the export goes further). */
export const HISTORY_ROWS = 2000;

const KIND_LABEL: Record<string, string> = Object.fromEntries(TRANSITIONS.map((t) => [t.action, t.label]));

export interface HistoryView {
  report: { id: number; agencyName: string; year: number; status: ReportStatusId; version: number };
  snapshots: { id: number; at: string; step: string; authorName: string; status: string; contentHash: string }[];
  /** The versions one may compare: every snapshot, then the current saved version. */
  options: { value: string; label: string }[];
  /** The chosen pair (query `a`, `b`; default: the last two). */
  a: string;
  b: string;
  /** Their differences, or null when one of them cannot be read. */
  diff: ReportDiff | null;
  /** 操作记录: only for those who may see it (`seeAudit`). */
  audit: {
    entries: TrailEntry[];
    /** Shown rows reached the cap. */
    truncated: boolean;
    actors: { id: number; name: string; login: string }[];
    filter: AuditFilter;
    /** The page's own query (the chosen versions), kept by the filter form. */
    compareParams: Record<string, string>;
    exportHref: string;
    /** 下载原始数据 (admins). */
    rawHref: string | null;
  } | null;
}

function parse(data: string): ReportDoc | null {
  try {
    const r = parseReport(JSON.parse(data), { textLimits: false });
    return r.ok ? r.report : null;
  } catch {
    return null;
  }
}

type Query = Record<string, string | string[] | undefined>;

export function* loadReportHistory(user: Actor, id: string | number, q: Query): Q<ViewOutcome<HistoryView>> {
  const found = yield* viewableReport(user, id);
  if (found.kind !== "ok") return found;
  const { row, hierarchy } = found;
  const r = row.report;

  const snaps = yield* listSnapshots(r.id);
  const options = [
    ...snaps.map((s) => ({ value: String(s.id), label: `${formatDateTime(s.createdAt)} ${KIND_LABEL[s.kind] ?? s.kind}（${s.authorName ?? "—"}）`, doc: () => parse(s.data) })),
    { value: "current", label: `当前已保存版本（第 ${r.version} 版）`, doc: () => readReportData(r, row.agencyName) as ReportDoc | null },
  ];
  const pick = (v: string | string[] | undefined, fallback: number) => options.find((o) => o.value === v) ?? options[Math.max(0, options.length + fallback)]!;
  const a = pick(q.a, -2);
  const b = pick(q.b, -1);
  const docA = a.doc();
  const docB = b.doc();

  let audit: HistoryView["audit"] = null;
  if (may("seeAudit", user, r, hierarchy)) {
    // One user's consecutive autosaves are shown as one entry (each is still its own audit row).
    const filter = parseAuditFilter(q);
    const rows = yield* queryAuditTrail({ entityType: "report", entityId: r.id, actorId: filter.actorId, action: filter.action, fromMs: filter.fromMs, toMs: filter.toMs, limit: HISTORY_ROWS });
    const entries = trailEntries(rows, filter.actorId != null || filter.action != null);
    audit = {
      entries,
      truncated: entries.length > 0 && rows.length === HISTORY_ROWS,
      actors: yield* auditActors({ entityType: "report", entityId: r.id }),
      filter,
      compareParams: Object.fromEntries(([["a", q.a], ["b", q.b]] as const).filter((e): e is ["a" | "b", string] => typeof e[1] === "string").map(([k, v]) => [k, v.slice(0, 20)])),
      exportHref: `/reports/${r.id}/history/export${filterQuery(filter)}`,
      rawHref: may("downloadRawAudit", user, r, hierarchy) ? `/admin/audit/raw${filterQuery(filter, { report: String(r.id) })}` : null,
    };
  }

  return {
    kind: "ok",
    view: {
      report: { id: r.id, agencyName: row.agencyName, year: r.year, status: r.status, version: r.version },
      snapshots: snaps.map((s) => ({ id: s.id, at: formatDateTime(s.createdAt), step: KIND_LABEL[s.kind] ?? s.kind, authorName: s.authorName ?? "—", status: s.status, contentHash: s.contentHash })),
      options: options.map(({ value, label }) => ({ value, label })),
      a: a.value,
      b: b.value,
      diff: docA && docB ? diffReports(docA, docB) : null,
      audit,
    },
  };
}
