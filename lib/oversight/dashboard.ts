// The supervising office's view of one report year: each subordinate agency's report state, its
// last change and where it stands against the legal deadline (31 January). Pure: the server loads
// the rows, this classifies, filters, sorts and counts them (and the tests check it without a DB).

import { daysUntilDeadline, legalDeadline } from "../workflow/deadline";
import { REPORT_STATUS_LABELS, type ReportStatusId } from "../workflow/status";

export interface DashboardAgencyRow {
  agencyId: number;
  agencyName: string;
  /** Names of the agencies between the office and this one (for the hierarchy column). */
  path: string[];
  /** 1 = directly below the office. */
  depth: number;
  /** Order in the hierarchy (parents before children). */
  order: number;
  report: {
    id: number;
    status: ReportStatusId;
    version: number;
    updatedAt: Date;
    /** Who changed the report last (a save, or a step such as a return or a publication). */
    updatedByName: string | null;
    /** What that last change was, in Chinese (保存, 退回修改, 发布 …); absent = a save. */
    lastAction?: string;
    /**
     * How many things are not filled in (blank input cells, statutory sections without content);
     * 0 = complete. A report is never shown as done while this is above 0.
     */
    gaps?: number;
    /** First publication of this year's report, if any (a later correction does not move it). */
    firstPublishedAt: Date | null;
  } | null;
}

/** 未创建 plus the report states: the dashboard's status filter and chart categories. */
export const DASHBOARD_STATES = ["none", "draft", "submitted", "returned", "approved", "published"] as const;
export type DashboardState = (typeof DASHBOARD_STATES)[number];
export const DASHBOARD_STATE_LABELS: Record<DashboardState, string> = { none: "未创建", ...REPORT_STATUS_LABELS };

export type DeadlineStanding =
  | { kind: "published"; onTime: boolean; at: Date }
  | { kind: "open"; daysLeft: number }
  | { kind: "overdue"; daysOverdue: number };

export interface DashboardRow extends DashboardAgencyRow {
  state: DashboardState;
  standing: DeadlineStanding;
  overdue: boolean;
}

export function classify(row: DashboardAgencyRow, year: number, now: Date): DashboardRow {
  const state: DashboardState = row.report?.status ?? "none";
  const published = row.report?.firstPublishedAt ?? null;
  let standing: DeadlineStanding;
  if (published) standing = { kind: "published", onTime: published.getTime() <= legalDeadline(year).getTime(), at: published };
  else {
    const days = daysUntilDeadline(year, now);
    standing = days >= 0 ? { kind: "open", daysLeft: days } : { kind: "overdue", daysOverdue: -days };
  }
  return { ...row, state, standing, overdue: standing.kind === "overdue" || (standing.kind === "published" && !standing.onTime) };
}

export const DASHBOARD_SORTS = { hierarchy: "按层级", status: "按状态", updated: "按最后修改", name: "按单位名称", deadline: "逾期优先" } as const;
export type DashboardSort = keyof typeof DASHBOARD_SORTS;

export interface DashboardFilter {
  /** Only these states (empty = all). */
  states?: readonly DashboardState[];
  overdueOnly?: boolean;
  /** Part of the agency name. */
  query?: string;
  sort?: DashboardSort;
  /** Which page of the list (1-based; past the last page means the last). */
  page?: number;
}

/**
 * Rows per page of the dashboard's list. A province's office oversees thousands of agencies: one
 * page of 2,000 rows took the browser seconds to show and to make interactive, and every click on
 * it waited (measured with 2,025 agencies in the end-to-end database).
 */
export const DASHBOARD_PAGE_SIZE = 100;

export interface DashboardPage<T> {
  rows: T[];
  /** The page shown (1-based) and how many there are (at least 1). */
  page: number;
  pages: number;
  /** 1-based positions of the first and last row shown (0, 0 when there is none). */
  from: number;
  to: number;
}

/** One page of the (filtered, sorted) rows; a page number out of range shows the nearest page. */
export function pageOf<T>(rows: readonly T[], page = 1, size = DASHBOARD_PAGE_SIZE): DashboardPage<T> {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const p = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const start = (p - 1) * size;
  const shown = rows.slice(start, start + size);
  return { rows: shown, page: p, pages, from: shown.length ? start + 1 : 0, to: start + shown.length };
}

const stateRank = (s: DashboardState) => DASHBOARD_STATES.indexOf(s);
const urgency = (r: DashboardRow) => (r.standing.kind === "overdue" ? 0 : r.standing.kind === "open" ? 1 : r.overdue ? 2 : 3);

export function filterRows(rows: readonly DashboardRow[], f: DashboardFilter): DashboardRow[] {
  const q = f.query?.trim();
  const out = rows.filter(
    (r) => (!f.states?.length || f.states.includes(r.state)) && (!f.overdueOnly || r.overdue) && (!q || r.agencyName.includes(q) || r.path.some((p) => p.includes(q))),
  );
  const byOrder = (a: DashboardRow, b: DashboardRow) => a.order - b.order;
  switch (f.sort ?? "hierarchy") {
    case "hierarchy":
      return out.sort(byOrder);
    case "status":
      return out.sort((a, b) => stateRank(a.state) - stateRank(b.state) || byOrder(a, b));
    case "updated":
      // Most recent change first; agencies without a report last.
      return out.sort((a, b) => (b.report?.updatedAt.getTime() ?? -Infinity) - (a.report?.updatedAt.getTime() ?? -Infinity) || byOrder(a, b));
    case "name":
      return out.sort((a, b) => a.agencyName.localeCompare(b.agencyName, "zh-CN") || byOrder(a, b));
    case "deadline":
      return out.sort((a, b) => urgency(a) - urgency(b) || stateRank(a.state) - stateRank(b.state) || byOrder(a, b));
  }
}

/** How many agencies are in each state (the progress chart), and how many are overdue. */
export function progress(rows: readonly DashboardRow[]): { counts: Record<DashboardState, number>; total: number; overdue: number; published: number } {
  const counts = Object.fromEntries(DASHBOARD_STATES.map((s) => [s, 0])) as Record<DashboardState, number>;
  for (const r of rows) counts[r.state]++;
  return {
    counts,
    total: rows.length,
    overdue: rows.filter((r) => r.overdue).length,
    published: rows.filter((r) => r.standing.kind === "published").length,
  };
}
