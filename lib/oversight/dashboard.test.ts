import { describe, expect, it } from "vitest";
import { classify, DASHBOARD_PAGE_SIZE, filterRows, pageOf, progress, type DashboardAgencyRow } from "./dashboard";

const row = (id: number, name: string, report: DashboardAgencyRow["report"]): DashboardAgencyRow => ({ agencyId: id, agencyName: name, path: [], depth: 1, order: id, report });
const at = (iso: string) => new Date(iso);

describe("deadline standing", () => {
  // The 2024 report is due 31 January 2025, end of day China time (= 15:59:59 UTC).
  it("published by the deadline is on time, one second later is late", () => {
    const rep = (published: string) => ({ id: 1, status: "published" as const, version: 3, updatedAt: at(published), updatedByName: null, firstPublishedAt: at(published) });
    expect(classify(row(1, "甲", rep("2025-01-31T15:59:59Z")), 2024, at("2025-03-01T00:00:00Z"))).toMatchObject({ standing: { kind: "published", onTime: true }, overdue: false });
    expect(classify(row(1, "甲", rep("2025-01-31T16:00:01Z")), 2024, at("2025-03-01T00:00:00Z"))).toMatchObject({ standing: { kind: "published", onTime: false }, overdue: true });
  });

  it("counts the days left, then the days overdue; no report is 未创建", () => {
    const none = row(2, "乙", null);
    expect(classify(none, 2024, at("2025-01-30T04:00:00Z"))).toMatchObject({ state: "none", standing: { kind: "open", daysLeft: 1 }, overdue: false });
    expect(classify(none, 2024, at("2025-02-10T04:00:00Z"))).toMatchObject({ standing: { kind: "overdue", daysOverdue: 10 }, overdue: true });
  });
});

describe("filter, sort, progress", () => {
  const now = at("2025-01-10T00:00:00Z");
  const rows = [
    row(1, "丙局", { id: 1, status: "draft", version: 2, updatedAt: at("2025-01-05T00:00:00Z"), updatedByName: "x", firstPublishedAt: null }),
    row(2, "甲局", null),
    row(3, "乙局", { id: 3, status: "submitted", version: 5, updatedAt: at("2025-01-08T00:00:00Z"), updatedByName: "y", firstPublishedAt: null }),
  ].map((r) => classify(r, 2024, now));

  it("sorts by last change (newest first, no report last), by name and by state", () => {
    expect(filterRows(rows, { sort: "updated" }).map((r) => r.agencyName)).toEqual(["乙局", "丙局", "甲局"]);
    expect(filterRows(rows, { sort: "status" }).map((r) => r.state)).toEqual(["none", "draft", "submitted"]);
    expect(filterRows(rows, { sort: "hierarchy" }).map((r) => r.agencyId)).toEqual([1, 2, 3]);
    expect(filterRows(rows, { states: ["draft", "none"] }).map((r) => r.agencyId)).toEqual([1, 2]);
  });

  it("counts each state for the chart", () => {
    expect(progress(rows)).toEqual({ counts: { none: 1, draft: 1, submitted: 1, returned: 0, approved: 0, published: 0 }, total: 3, overdue: 0, published: 0 });
  });
});

describe("pageOf: the dashboard's list a page at a time", () => {
  const rows = Array.from({ length: 250 }, (_, i) => i + 1);
  it("cuts the rows into pages of the given size and says where it is", () => {
    expect(pageOf(rows, 1, 100)).toMatchObject({ page: 1, pages: 3, from: 1, to: 100 });
    const last = pageOf(rows, 3, 100);
    expect(last).toMatchObject({ page: 3, pages: 3, from: 201, to: 250 });
    expect(last.rows).toEqual(rows.slice(200));
  });
  it("shows the nearest page for a number out of range, and one empty page for no rows", () => {
    expect(pageOf(rows, 99, 100).page).toBe(3);
    expect(pageOf(rows, 0, 100).page).toBe(1);
    expect(pageOf([], 4, 100)).toEqual({ rows: [], page: 1, pages: 1, from: 0, to: 0 });
  });
  it("uses the dashboard's page size by default", () => {
    expect(pageOf(rows).rows).toHaveLength(DASHBOARD_PAGE_SIZE);
  });
});
