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
