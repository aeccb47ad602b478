import { describe, expect, it } from "vitest";
import { currentReportYear, daysUntilDeadline, deadlineStanding, legalDeadline } from "./deadline";

describe("statutory deadline (31 January of the following year)", () => {
  it("is the end of 31 January, China time", () => {
    expect(legalDeadline(2024).toISOString()).toBe("2025-01-31T15:59:59.000Z");
  });
  it("counts whole days left, negative when overdue", () => {
    expect(daysUntilDeadline(2024, new Date("2025-01-31T02:00:00Z"))).toBe(0);
    expect(daysUntilDeadline(2024, new Date("2025-01-30T02:00:00Z"))).toBe(1);
    expect(daysUntilDeadline(2024, new Date("2025-02-02T02:00:00Z"))).toBeLessThan(0);
  });
  it("picks the year being reported on", () => {
    expect(currentReportYear(new Date("2027-01-15T00:00:00Z"))).toBe(2026);
    expect(currentReportYear(new Date("2026-11-21T00:00:00Z"))).toBe(2026);
    // 31 December 20:00 UTC is already 1 January in China
    expect(currentReportYear(new Date("2026-12-31T20:00:00Z"))).toBe(2026);
  });
});

describe("the banner's standing", () => {
  const now = new Date("2026-12-04T10:00:00Z");
  it("a published report says whether it was on time, not a growing countdown", () => {
    expect(deadlineStanding(2024, new Date("2025-01-20T02:00:00Z"), now)).toEqual({ text: "按期发布", tone: "ok" });
    expect(deadlineStanding(2024, new Date("2025-01-31T15:00:00Z"), now)).toEqual({ text: "按期发布", tone: "ok" });
    expect(deadlineStanding(2024, new Date("2025-02-10T02:00:00Z"), now).text).toMatch(/^逾期 \d+ 天发布$/);
  });
  it("an unpublished one counts down, then up", () => {
    expect(deadlineStanding(2024, null, now)).toEqual({ text: `已逾期 ${-daysUntilDeadline(2024, now)} 天`, tone: "overdue" });
    expect(deadlineStanding(2026, null, now).tone).toBe("");
    expect(deadlineStanding(2026, null, new Date("2027-01-25T02:00:00Z"))).toEqual({ text: "还剩 6 天", tone: "soon" });
  });
});
