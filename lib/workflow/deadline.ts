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
