// The statutory deadline (条例第四十九条): departments publish last year's report by 31 January.
const DAY_MS = 86_400_000;

/** 31 January of the following year, end of day, China time (UTC+8, no DST). */
export function legalDeadline(reportYear: number): Date {
  return new Date(Date.UTC(reportYear + 1, 0, 31, 23, 59, 59) - 8 * 3_600_000);
}

/** Whole days from `now` until the deadline; negative when overdue. */
export function daysUntilDeadline(reportYear: number, now: Date = new Date()): number {
  return Math.ceil((legalDeadline(reportYear).getTime() - now.getTime()) / DAY_MS) - 1;
}

/**
 * The report year agencies are working on at `now`: until the end of June they finish last year's
 * report (due 31 January, often corrected afterwards); from July on they prepare this year's.
 */
export function currentReportYear(now: Date = new Date()): number {
  const china = new Date(now.getTime() + 8 * 3_600_000);
  return china.getUTCMonth() < 6 ? china.getUTCFullYear() - 1 : china.getUTCFullYear();
}

/**
 * Where a report stands against its deadline, as the report page's banner says it: once published,
 * whether that was on time (「按期发布」 / 「逾期 N 天发布」) — no longer a countdown that keeps growing
 * — otherwise the days left or overdue.
 */
export function deadlineStanding(reportYear: number, firstPublishedAt: Date | null, now: Date = new Date()): { text: string; tone: "ok" | "soon" | "overdue" | "" } {
  if (firstPublishedAt) {
    const late = -daysUntilDeadline(reportYear, firstPublishedAt);
    return late > 0 ? { text: `逾期 ${late} 天发布`, tone: "" } : { text: "按期发布", tone: "ok" };
  }
  const days = daysUntilDeadline(reportYear, now);
  if (days < 0) return { text: `已逾期 ${-days} 天`, tone: "overdue" };
  return { text: `还剩 ${days} 天`, tone: days <= 14 ? "soon" : "" };
}
