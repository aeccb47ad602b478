import { describe, expect, it } from "vitest";
import { chinaDayStart, filterQuery, parseAuditFilter } from "./filter";

describe("parseAuditFilter", () => {
  it("reads person, event and a date range in China time (to is inclusive)", () => {
    const f = parseAuditFilter({ actor: "12", event: "report.publish", from: "2025-01-01", to: "2025-01-31" });
    expect(f.actorId).toBe(12);
    expect(f.action).toBe("report.publish");
    expect(new Date(f.fromMs!).toISOString()).toBe("2024-12-31T16:00:00.000Z");
    expect(new Date(f.toMs!).toISOString()).toBe("2025-01-31T16:00:00.000Z");
    expect(f.notes).toEqual([]);
    expect(filterQuery(f)).toBe("?actor=12&event=report.publish&from=2025-01-01&to=2025-01-31");
  });
  it("drops malformed values with a Chinese note", () => {
    const f = parseAuditFilter({ actor: "x", event: "<script>", from: "2025-02-30", to: ["2025-13-01"] });
    expect(f.actorId).toBeUndefined();
    expect(f.action).toBeUndefined();
    expect(f.fromMs).toBeUndefined();
    expect(f.toMs).toBeUndefined();
    expect(f.notes).toHaveLength(4);
    expect(chinaDayStart("1999-01-01")).toBeNull();
  });
});
