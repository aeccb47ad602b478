import { describe, expect, it } from "vitest";
import { AGENCY_CODE_PATTERN, AGENCY_CODE_RE, LOGIN_RE } from "./codes";
import { isPlausibleYear, isReportYear, MAX_YEAR, MIN_ANY_YEAR, MIN_YEAR } from "./limits";

describe("identifier patterns, defined once", () => {
  it("agency codes: 2–32 of a-z 0-9 -, not starting with a hyphen; the HTML pattern is the same rule", () => {
    for (const ok of ["sfsyjj", "a1", "x-y-z", "a".repeat(32)]) expect(AGENCY_CODE_RE.test(ok), ok).toBe(true);
    for (const bad of ["a", "-ab", "Ab", "a_b", "a".repeat(33), "示范", "ab "]) expect(AGENCY_CODE_RE.test(bad), bad).toBe(false);
    // As the browser reads a `pattern` attribute (anchored). NB: with the "v" flag of current browsers
    // the unescaped "-" in the class is invalid — unchanged from before, reported to the lead.
    expect(new RegExp(`^(?:${AGENCY_CODE_PATTERN})$`, "u").test("x-y")).toBe(true);
  });
  it("logins: 3–32 of a-z 0-9 . _ -", () => {
    for (const ok of ["yingji-drafter", "a.b_c", "abc"]) expect(LOGIN_RE.test(ok), ok).toBe(true);
    for (const bad of ["ab", ".abc", "Abc", "a b c"]) expect(LOGIN_RE.test(bad), bad).toBe(false);
  });
});

describe("year bounds, defined once", () => {
  it("statutory report years from 2019, any document's year from 2000, both to 2100", () => {
    expect([MIN_YEAR, MIN_ANY_YEAR, MAX_YEAR]).toEqual([2019, 2000, 2100]);
    expect([2018, 2019, 2100, 2101, 2024.5, "2024"].map(isReportYear)).toEqual([false, true, true, false, false, false]);
    expect([1999, 2000, 2100, 2101, Number.NaN].map(isPlausibleYear)).toEqual([false, true, true, false, false]);
  });
});
