import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { computeDerived, emptyReport, getCell, parseReportJson, startNextYear, withCell, type ReportDoc } from "./index";
import { allCells, getEdition } from "../template";

function load(name: string): ReportDoc {
  const r = parseReportJson(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8"));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.report;
}

describe("emptyReport", () => {
  it("by year picks the official edition; every cell null", () => {
    const r = emptyReport(2024, "某局");
    expect(r).toMatchObject({ format: "nianbao/report@1", edition: "2021", year: 2024, agency: { name: "某局" } });
    expect(r.narrative).toEqual({ overview: "", problems: "", other: "" });
    for (const c of allCells(getEdition("2021"))) expect(getCell(r, c.ref)).toBeNull();
    expect(Object.keys(r.tables.applications)).toHaveLength(25);
    expect(emptyReport(2020, "某局").edition).toBe("2019");
  });
  it("by edition, with or without a year", () => {
    expect(emptyReport("2019", "某局", 2022)).toMatchObject({ edition: "2019", year: 2022 });
    expect(emptyReport("2019", "某局").year).toBe(2020);
    expect(emptyReport("2021", "某局").year).toBe(2021);
    expect(Object.keys(emptyReport("2019", "某局").tables.proactive)).toContain("procurement");
  });
  it("refuses years without a statutory format", () => {
    expect(() => emptyReport(2018, "某局")).toThrow(/2018 年度没有统一的年度报告格式/);
  });
});

describe("computeDerived", () => {
  it("recomputes every total from the leaves and fixes the seed's two wrong totals", () => {
    const seed = load("seed-001-nantong-2020.json");
    const fixed = computeDerived(seed);
    expect(getCell(fixed, "applications.withheldThirdParty.total")).toBe(2);
    expect(getCell(fixed, "applications.handledTotal.otherOrg")).toBe(1);
    expect(getCell(fixed, "applications.handledTotal.total")).toBe(8);
    expect(getCell(fixed, "appeals.litigationAfterReview.total")).toBe(1);
    // the input is not changed
    expect(getCell(seed, "applications.withheldThirdParty.total")).toBe(1);
    // leaves are untouched
    expect(fixed.tables.proactive).toEqual(seed.tables.proactive);
  });
  it("blank counts as 0, but a total whose addends are all blank stays blank", () => {
    let r = emptyReport(2024, "某局");
    r = withCell(r, "applications.received.natural", 3);
    r = withCell(r, "applications.received.commercial", 0);
    r = withCell(r, "applications.granted.research", 2);
    r = withCell(r, "applications.received.total", 99); // a wrong total is replaced
    const d = computeDerived(r);
    expect(getCell(d, "applications.received.total")).toBe(3);
    expect(getCell(d, "applications.carriedOver.total")).toBeNull();
    expect(getCell(d, "applications.granted.total")).toBe(2);
    expect(getCell(d, "applications.handledTotal.research")).toBe(2);
    expect(getCell(d, "applications.handledTotal.natural")).toBeNull();
    expect(getCell(d, "applications.handledTotal.total")).toBe(2);
    expect(getCell(d, "appeals.review.total")).toBeNull();
  });
  it("a total of zeros is 0, not blank", () => {
    const r = withCell(emptyReport(2024, "某局"), "appeals.review.upheld", 0);
    expect(getCell(computeDerived(r), "appeals.review.total")).toBe(0);
  });
  it("leaves a consistent report unchanged", () => {
    const r = load("example-2021-shifan-2024.json");
    expect(computeDerived(r)).toEqual(r);
  });
});

describe("cells", () => {
  it("withCell sets one cell immutably and refuses unknown cells", () => {
    const r = emptyReport(2024, "某局");
    const r2 = withCell(r, "proactive.fees.amount", 1.5);
    expect(getCell(r2, "proactive.fees.amount")).toBe(1.5);
    expect(getCell(r, "proactive.fees.amount")).toBeNull();
    expect(() => withCell(r, "applications.otherHandling.natural", 1)).toThrow(/2021 年版没有单元格/);
    expect(getCell(r, "nonsense")).toBeNull();
  });
});

describe("startNextYear", () => {
  it("carries 四、结转下年度 into 二、上年结转 and keeps the agency", () => {
    const prev = load("example-2021-shifan-2023.json");
    const draft = startNextYear(prev);
    expect(draft).toMatchObject({ edition: "2021", year: 2024, agency: prev.agency });
    expect(draft.tables.applications.carriedOver).toEqual(prev.tables.applications.carriedForward);
    expect(getCell(draft, "applications.received.natural")).toBeNull();
    expect(getCell(draft, "proactive.normativeDocuments.inForce")).toBeNull();
  });
  it("crosses the 2020 → 2021 edition change", () => {
    const seed = load("seed-001-nantong-2020.json");
    const draft = startNextYear(seed);
    expect(draft.edition).toBe("2021");
    expect(draft.tables.applications.carriedOver).toEqual(seed.tables.applications.carriedForward);
  });
  it("uses last year's computed total where it was left blank", () => {
    let prev = withCell(emptyReport(2023, "某局"), "applications.carriedForward.natural", 2);
    prev = withCell(prev, "applications.carriedForward.research", 1);
    expect(getCell(startNextYear(prev), "applications.carriedOver.total")).toBe(3);
  });
});
