import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateReport } from "./index";
import { computeDerived, emptyReport, getCell, withCell, type CellValue, type ReportDoc } from "../data";
import { EDITIONS, allCells, type CellInfo, type Edition } from "../template";

const SUM_RULES = new Set(["applications.rowTotal", "applications.handledTotal", "appeals.total"]);

function reportFrom(edition: Edition, values: Map<string, CellValue>): ReportDoc {
  const r = emptyReport(edition.id as "2021" | "2019", "性质测试局", edition.appliesTo.fromYear);
  for (const [ref, v] of values) {
    const [t, row, col] = ref.split(".") as [keyof ReportDoc["tables"], string, string];
    r.tables[t][row]![col] = v;
  }
  return r;
}

/** Random non-negative integers or blanks for every input (non-derived) cell. */
function leavesArb(edition: Edition) {
  const inputs = allCells(edition).filter((c) => !c.derived);
  const value = fc.option(fc.nat({ max: 500 }), { nil: null, freq: 4 });
  return fc.array(value, { minLength: inputs.length, maxLength: inputs.length }).map((vs) => new Map(inputs.map((c, i) => [c.ref, vs[i]!] as const)));
}

/** The cells that are an addend of some total: changing one of them must break a reported total. */
function sumLeaves(edition: Edition): CellInfo[] {
  const addends = new Set(allCells(edition).flatMap((c) => c.formulas.flatMap((f) => f.addends)));
  return allCells(edition).filter((c) => !c.derived && addends.has(c.ref));
}

describe.each(EDITIONS.map((e) => [e.id, e] as const))("properties, edition %s", (_id, edition) => {
  it("(a) totals from computeDerived never break a sum rule", () => {
    fc.assert(
      fc.property(leavesArb(edition), (leaves) => {
        const result = validateReport(computeDerived(reportFrom(edition, leaves)));
        expect(result.issues.filter((i) => SUM_RULES.has(i.rule))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("(a') with 四 chosen so that the printed balance holds, the report has no error at all", () => {
    fc.assert(
      fc.property(leavesArb(edition), fc.array(fc.nat({ max: 1000 }), { minLength: 6, maxLength: 6 }), (leaves, carriedSeeds) => {
        const columns = ["natural", "commercial", "research", "nonprofit", "legalService", "otherOrg"];
        const handled = allCells(edition).find((c) => c.ref === "applications.handledTotal.natural")!.formulas[0]!.addends.map((a) => a.split(".")[1]!);
        columns.forEach((col, k) => {
          const get = (row: string) => leaves.get(`applications.${row}.${col}`) ?? 0;
          const results = handled.reduce((s, row) => s + get(row), 0);
          const forward = get("carriedForward");
          // 二 is at most what (七) + 四 can absorb; 一 makes up the rest.
          const over = Math.min(carriedSeeds[k]!, results + forward);
          leaves.set(`applications.carriedOver.${col}`, over);
          leaves.set(`applications.received.${col}`, results + forward - over);
        });
        const result = validateReport(computeDerived(reportFrom(edition, leaves)));
        expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("(b) changing any single leaf while keeping the supplied totals is detected at that leaf", () => {
    const leaves = sumLeaves(edition);
    const derived = allCells(edition).filter((c) => c.derived);
    fc.assert(
      fc.property(leavesArb(edition), fc.constantFrom(...leaves), fc.integer({ min: 1, max: 300 }), (values, leaf, delta) => {
        let report = computeDerived(reportFrom(edition, values));
        // Supplied totals: a total left blank (all its addends blank) is supplied as 0.
        for (const d of derived) if (getCell(report, d.ref) === null) report = withCell(report, d.ref, 0);
        const before = getCell(report, leaf.ref) ?? 0;
        const changed = withCell(report, leaf.ref, before + delta);
        const errors = validateReport(changed).issues.filter((i) => i.severity === "error");
        expect(errors.some((i) => i.cells.includes(leaf.ref))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("validateReport never throws and always returns consistent counts", () => {
    const cells = allCells(edition);
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), { nil: null }), {
          minLength: cells.length,
          maxLength: cells.length,
        }),
        (vs) => {
          const r = validateReport(reportFrom(edition, new Map(cells.map((c, i) => [c.ref, vs[i]!] as const))));
          expect(r.errors).toBe(r.issues.filter((i) => i.severity === "error").length);
          expect(r.warnings).toBe(r.issues.filter((i) => i.severity === "warning").length);
          expect(r.ok).toBe(r.errors === 0);
          for (const i of r.issues) expect(i.message).toMatch(/[\u4e00-\u9fff]/);
        },
      ),
      { numRuns: 200 },
    );
  });
});
