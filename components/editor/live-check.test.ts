import fc from "fast-check";
import { describe, expect, it } from "vitest";
import example from "@/lib/fixtures/example-2021-shifan-2024.json";
import seed from "@/lib/fixtures/seed-001-nantong-2020.json";
import { fromFormValues, toFormValues } from "@/lib/data/form-reading";
import { parseReport } from "@/lib/data/parse";
import { computeDerived } from "@/lib/data/report";
import { validateReport } from "@/lib/rules/engine";
import { allCells, getEdition } from "@/lib/template";
import { withCellText } from "./live-check";
import { checkReading } from "./live-rules";

function load(x: unknown) {
  const r = parseReport(x);
  if (!r.ok) throw new Error("fixture");
  return r.report;
}

const TEXTS = ["", "0", "12", "１２", "-3", "+2", "1,234", "1.5", "abc", "—", " 7 ", "99999999999999"];

describe("live check: a keystroke re-reads only its cell", () => {
  for (const [name, fixture] of [
    ["2021 edition", example],
    ["2019 edition", seed],
  ] as const) {
    it(`gives the same reading, findings and totals as reading the whole form (${name})`, () => {
      const base = load(fixture);
      const inputs = allCells(getEdition(base.edition)).filter((c) => !c.derived);
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: inputs.length - 1 }), fc.constantFrom(...TEXTS)), { minLength: 1, maxLength: 12 }), (edits) => {
          const values = toFormValues(base);
          let reading = fromFormValues(base, values);
          const cells = allCells(getEdition(base.edition));
          // The first check reads the whole form; each keystroke after it is checked incrementally.
          checkReading(reading, {}, []);
          for (const [i, text] of edits) {
            const c = inputs[i]!;
            values.cells[c.table][c.row]![c.column] = text;
            reading = withCellText(reading, c.ref, text)!;
            const whole = fromFormValues(base, values);
            expect(reading.doc).toEqual(whole.doc);
            expect([...reading.inputErrors].sort()).toEqual([...whole.inputErrors].sort());
            const live = checkReading(reading, {}, []);
            const full = computeDerived(whole.doc);
            expect(live.v).toEqual(validateReport(full));
            expect(live.full).toEqual(full);
            expect(live.totals.size).toBe(cells.filter((x) => x.derived).length);
            for (const [ref, text] of live.totals) {
              const x = cells.find((y) => y.ref === ref)!;
              const v = full.tables[x.table]?.[x.row]?.[x.column];
              expect(text).toBe(typeof v === "number" ? String(Math.round(v * 1e6) / 1e6) : "");
            }
          }
        }),
        { numRuns: 60 },
      );
    });
  }

  it("checks a keystroke incrementally only from the reading checked last, with the same options", () => {
    const base = load(example);
    const values = toFormValues(base);
    const first = fromFormValues(base, values);
    const previous = load(seed);
    checkReading(first, {}, []);
    const a = withCellText(first, "applications.received.natural", "7")!;
    // Other options than the last check's: a full check, still the right result.
    expect(checkReading(a, { previous }, []).v).toEqual(validateReport(computeDerived(a.doc), { previous }));
    const b = withCellText(a, "applications.received.natural", "8")!;
    expect(checkReading(b, { previous }, []).v).toEqual(validateReport(computeDerived(b.doc), { previous }));
    // A branch from a reading already moved on from: checked in full, not from the moved state.
    const c = withCellText(a, "applications.received.natural", "9")!;
    expect(checkReading(c, { previous }, []).v).toEqual(validateReport(computeDerived(c.doc), { previous }));
  });

  it("refuses what is not an input cell, so the caller reads the whole form", () => {
    const base = load(example);
    const reading = fromFormValues(base, toFormValues(base));
    expect(withCellText(reading, "applications.received.total", "5")).toBeNull();
    expect(withCellText(reading, "no.such.cell", "5")).toBeNull();
  });
});
