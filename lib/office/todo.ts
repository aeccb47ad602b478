// 待办: what each user should do next, from facts the server loads. Pure: the layout counts the
// items for the navigation, the 待办 page lists them.
import type { RoleId } from "../auth/roles";
import { daysUntilDeadline } from "../workflow/deadline";
import type { ReportStatusId } from "../workflow/status";

export interface TodoReport {
  id: number;
  agencyId: number;
  agencyName: string;
  year: number;
  status: ReportStatusId;
  /** Unresolved review comments on the report. */
  openComments: number;
  /** The report was last sent back by the supervising office (退回整改), not the agency's reviewer. */
  returnedBySupervisor?: boolean;
  published?: boolean;
}

export interface TodoNotice {
  id: number;
  title: string;
  body: string;
  href: string | null;
  createdAt: Date;
}

export type TodoItem =
  | { kind: "review"; report: TodoReport }
  | { kind: "returned"; report: TodoReport }
  | { kind: "comments"; report: TodoReport }
  | { kind: "notice"; notice: TodoNotice }
  | { kind: "overdue"; report: TodoReport | null; agencyId: number; agencyName: string; year: number; daysOverdue: number }
  | { kind: "rework"; report: TodoReport };

export interface TodoFacts {
  role: RoleId;
  /** The user's own agency's reports (drafters and reviewers). */
  own: readonly TodoReport[];
  /** Unread notices addressed to the user. */
  notices: readonly TodoNotice[];
  /** Supervisors/admins: for each year looked at, every agency in scope with its report (or none). */
  scope?: readonly { year: number; agencies: readonly { agencyId: number; agencyName: string; report: TodoReport | null }[] }[];
  /** Supervisors/admins: reports in scope, of any year, that the office sent back (退回整改) and that still wait. */
  rework?: readonly TodoReport[];
}

/** The items, most urgent first within each kind. */
export function todoItems(f: TodoFacts, now: Date = new Date()): TodoItem[] {
  const out: TodoItem[] = [];
  for (const n of f.notices) out.push({ kind: "notice", notice: n });
  if (f.role === "reviewer") {
    for (const r of f.own) if (r.status === "submitted") out.push({ kind: "review", report: r });
  }
  if (f.role === "drafter") {
    for (const r of f.own) {
      if (r.status === "returned") out.push({ kind: "returned", report: r });
      else if (r.openComments > 0 && r.status === "draft") out.push({ kind: "comments", report: r });
    }
  }
  if (f.role === "supervisor" || f.role === "admin") {
    for (const r of f.rework ?? []) out.push({ kind: "rework", report: r });
    for (const y of f.scope ?? []) {
      const days = daysUntilDeadline(y.year, now);
      for (const a of y.agencies) {
        const r = a.report;
        // A report sent back for rework is listed once, as such.
        if (r && r.status === "returned" && r.returnedBySupervisor) continue;
        if (days < 0 && !(r?.published || r?.status === "published"))
          out.push({ kind: "overdue", report: r, agencyId: a.agencyId, agencyName: a.agencyName, year: y.year, daysOverdue: -days });
      }
    }
  }
  return out;
}

/** How many overdue agencies of one year the 待办 page names one by one; the rest are counted. */
export const OVERDUE_LISTED_PER_YEAR = 20;

/**
 * The items as the 待办 page lists them: every item, except that a year's overdue agencies beyond
 * the first `perYear` are only counted (a province's office may have thousands; they are one
 * filter away on the dashboard). The navigation's count stays the count of all items.
 */
export function listedTodo(items: readonly TodoItem[], perYear = OVERDUE_LISTED_PER_YEAR): { listed: TodoItem[]; moreOverdue: { year: number; count: number }[] } {
  const seen = new Map<number, number>();
  const listed: TodoItem[] = [];
  for (const item of items) {
    if (item.kind === "overdue") {
      const n = (seen.get(item.year) ?? 0) + 1;
      seen.set(item.year, n);
      if (n > perYear) continue;
    }
    listed.push(item);
  }
  const moreOverdue = [...seen].filter(([, n]) => n > perYear).map(([year, n]) => ({ year, count: n - perYear }));
  return { listed, moreOverdue };
}

/** Plain-language line for one item (the page links it to the report). */
export function todoLabel(item: TodoItem): string {
  switch (item.kind) {
    case "notice":
      return item.notice.title;
    case "review":
      return `待审核：${item.report.agencyName} ${item.report.year} 年度报告`;
    case "returned":
      return `已退回，请修改后重新提交：${item.report.year} 年度报告${item.report.openComments ? `（${item.report.openComments} 条意见待处理）` : ""}`;
    case "comments":
      return `${item.report.year} 年度报告有 ${item.report.openComments} 条审核意见待处理`;
    case "rework":
      return `已退回整改，等待单位修改：${item.report.agencyName} ${item.report.year} 年度报告`;
    case "overdue":
      return `已逾期 ${item.daysOverdue} 天未发布：${item.agencyName} ${item.year} 年度报告${item.report ? "" : "（尚未创建）"}`;
  }
}
