import { describe, expect, it } from "vitest";
import { parseDashboardFilter, parseRollupStates, parseYear } from "./query";

describe("oversight query parsing never trusts prototype keys (issue 14: ?sort=toString gave a 500)", () => {
  it.each(["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf"])("sort=%s falls back to the default", (sort) => {
    expect(parseDashboardFilter({ sort }).sort).toBe("hierarchy");
  });
  it("keeps a known sort", () => {
    expect(parseDashboardFilter({ sort: "deadline" }).sort).toBe("deadline");
  });
  it("other prototype-named values fall back too", () => {
    expect(parseDashboardFilter({ state: ["toString", "constructor"] }).states).toEqual([]);
    expect(parseRollupStates({ states: "constructor" })).toEqual(parseRollupStates({}));
    expect(parseYear({ year: "constructor" }, 2025)).toBe(2025);
  });
});

describe("the dashboard's page number", () => {
  it("is a positive integer from the query, else 1", () => {
    expect(parseDashboardFilter({ page: "3" }).page).toBe(3);
    for (const page of [undefined, "", "0", "-2", "1.5", "abc", "1e3", "9999999", ["x", "2"]]) expect(parseDashboardFilter({ page }).page).toBe(1);
    expect(parseDashboardFilter({ page: ["2", "5"] }).page).toBe(2);
  });
});
