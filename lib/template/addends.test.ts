import { describe, expect, it } from "vitest";
import { allCells, getEdition } from "./index";
import { inputAddends } from "./addends";

describe("input addends of derived cells", () => {
  const e = getEdition("2021");
  it("a row total adds the six applicant columns", () => {
    expect(inputAddends(e, "applications.received.total")).toEqual(
      ["natural", "commercial", "research", "nonprofit", "legalService", "otherOrg"].map((c) => `applications.received.${c}`),
    );
  });
  it("the grand total adds every typed-in result cell once", () => {
    const leaves = inputAddends(e, "applications.handledTotal.total");
    expect(leaves).toHaveLength(21 * 6);
    expect(new Set(leaves).size).toBe(leaves.length);
    expect(leaves.every((r) => !allCells(e).find((c) => c.ref === r)!.derived)).toBe(true);
  });
  it("input cells have no addends", () => {
    expect(inputAddends(e, "applications.received.natural")).toEqual([]);
  });
  it("the 2019 edition has one （六） row", () => {
    expect(inputAddends(getEdition("2019"), "applications.handledTotal.natural")).toHaveLength(19);
  });
});
