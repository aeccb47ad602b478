import { describe, expect, it } from "vitest";
import example from "../fixtures/example-2021-shifan-2024.json";
import seed from "../fixtures/seed-001-nantong-2020.json";
import { computeDerived } from "./report";
import { fromFormValues, toFormValues } from "./form-reading";
import { parseReport } from "./parse";

function load(x: unknown) {
  const r = parseReport(x);
  if (!r.ok) throw new Error("fixture");
  return r.report;
}

describe("editor form model", () => {
  it("round-trips a report's input cells, narratives and meta", () => {
    for (const fixture of [example, seed]) {
      const doc = load(fixture);
      const { doc: back, inputErrors } = fromFormValues(doc, toFormValues(doc));
      expect(inputErrors.size).toBe(0);
      expect(computeDerived(back).tables).toEqual(computeDerived(doc).tables);
      expect(back.narrative).toEqual(doc.narrative);
    }
  });
  it("keeps blank distinct from 0 and signs of changes", () => {
    const doc = load(seed);
    const v = toFormValues(doc);
    expect(v.cells.proactive.penalties!.change).toBe("+2");
    v.cells.applications.received!.natural = "";
    v.cells.applications.received!.commercial = "０";
    const { doc: back } = fromFormValues(doc, v);
    expect(back.tables.applications.received!.natural).toBeNull();
    expect(back.tables.applications.received!.commercial).toBe(0);
  });
  it("reports text that is not a number, keeping the cell blank", () => {
    const doc = load(example);
    const v = toFormValues(doc);
    v.cells.applications.granted!.natural = "十二";
    const { doc: back, inputErrors } = fromFormValues(doc, v);
    expect(back.tables.applications.granted!.natural).toBeNull();
    expect(inputErrors.get("applications.granted.natural")).toBe("请输入整数，如 12");
  });
  it("derived cells are not form fields", () => {
    const v = toFormValues(load(example));
    expect(v.cells.applications.received!.total).toBeUndefined();
    expect(v.cells.applications.handledTotal).toBeUndefined();
  });
});
