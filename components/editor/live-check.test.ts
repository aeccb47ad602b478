import fc from "fast-check";
import { describe, expect, it } from "vitest";
import example from "@/lib/fixtures/example-2021-shifan-2024.json";
import seed from "@/lib/fixtures/seed-001-nantong-2020.json";
import { fromFormValues, toFormValues } from "@/lib/data/form-values";
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
          for (const [i, text] of edits) {
            const c = inputs[i]!;
            values.cells[c.table][c.row]![c.column] = text;
            reading = withCellText(reading, c.ref, text)!;
          }
          const whole = fromFormValues(base, values);
          expect(reading.doc).toEqual(whole.doc);
          expect([...reading.inputErrors].sort()).toEqual([...whole.inputErrors].sort());
          const live = checkReading(reading, {}, []);
          expect(live.v).toEqual(validateReport(computeDerived(whole.doc)));
          for (const [ref, text] of live.totals) {
            const c = allCells(getEdition(base.edition)).find((x) => x.ref === ref)!;
            const v = computeDerived(whole.doc).tables[c.table]?.[c.row]?.[c.column];
            expect(text).toBe(typeof v === "number" ? String(Math.round(v * 1e6) / 1e6) : "");
          }
        }),
        { numRuns: 60 },
      );
    });
  }

  it("refuses what is not an input cell, so the caller reads the whole form", () => {
    const base = load(example);
    const reading = fromFormValues(base, toFormValues(base));
    expect(withCellText(reading, "applications.received.total", "5")).toBeNull();
    expect(withCellText(reading, "no.such.cell", "5")).toBeNull();
  });
});
