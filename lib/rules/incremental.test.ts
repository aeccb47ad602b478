import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeDerived, emptyReport, type ReportDoc } from "../data";
import { EDITIONS, NARRATIVE_KEYS, allCells, type Edition } from "../template";
import { validateReport, type ValidateOptions } from "./engine";
import { incrementalCheck, type CellEdit } from "./incremental";

// Texts that make the narrative checks compare figures with the tables (or not).
const TEXTS = [
  "",
  "全年共收到政府信息公开申请30件，办结32件。",
  "本年度被申请行政复议2件，提起行政诉讼1件。",
  "本年度暂无收到政府信息公开申请。",
  "本年度收取信息处理费120元。",
  "2023年主动公开政府信息，共收到政府信息公开申请 5 件。",
];

const value = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 12 }) },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: 5 }) },
  { weight: 1, arbitrary: fc.constantFrom(1.5, 0.12345, 59237.2449, 2.000001) },
);

function setIn(doc: ReportDoc, ref: string, v: number | null): void {
  const [t, row, col] = ref.split(".") as [keyof ReportDoc["tables"], string, string];
  (doc.tables[t][row] ??= {})[col] = v;
}

function clone(doc: ReportDoc): ReportDoc {
  return structuredClone(doc);
}

/** A report with some cells filled (totals too, right or wrong), a narrative, and sometimes an import's record or missing rows. */
/** The cells the narrative figures are compared with (the edition names them). */
function figureRefs(edition: Edition): string[] {
  return [...new Set(Object.values(edition.narrativeFigures).flat())];
}

function reportArb(edition: Edition, year: number) {
  const refs = allCells(edition).map((c) => c.ref);
  return fc
    .record({
      cells: fc.array(fc.tuple(fc.constantFrom(...refs), value), { maxLength: 60 }),
      texts: fc.array(fc.constantFrom(...TEXTS), { minLength: NARRATIVE_KEYS.length, maxLength: NARRATIVE_KEYS.length }),
      unknown: fc.option(fc.subarray(refs, { maxLength: 30 }), { nil: undefined }),
      // Rows left out (a figure is compared only when its rows are there).
      dropRows: fc.subarray([...figureRefs(edition), ...refs.slice(0, 20)], { maxLength: 3 }),
    })
    .map(({ cells, texts, unknown, dropRows }) => {
      const r = emptyReport(edition.id as "2021" | "2019", "性质测试局", year);
      for (const [ref, v] of cells) setIn(r, ref, v);
      NARRATIVE_KEYS.forEach((k, i) => ((r.narrative as Record<string, string>)[k] = texts[i]!));
      if (unknown) r.meta = { ...r.meta, imported: { unknownCells: unknown, amountsAsPrinted: { [refs[0]!]: "0.12345" } } };
      for (const ref of dropRows) {
        const [t, row] = ref.split(".") as [keyof ReportDoc["tables"], string];
        delete r.tables[t][row];
      }
      return r;
    });
}

function optionsArb(edition: Edition, year: number): fc.Arbitrary<ValidateOptions> {
  return fc.oneof(
    fc.constant({}),
    reportArb(edition, year - 1).map((previous) => ({ previous })),
    reportArb(edition, year - 1).map((previous) => ({ previous: { ...previous, agency: { name: "另一机关" } } })),
    fc.constant({ previousArchive: { year: year - 1, narrative: { overview: TEXTS[1]! } } }),
  );
}

describe.each(EDITIONS.map((e) => [e.id, e] as const))("incrementalCheck, edition %s", (_id, edition) => {
  const year = edition.appliesTo.fromYear + 1;
  const refs = allCells(edition).map((c) => c.ref);
  const inputs = allCells(edition)
    .filter((c) => !c.derived)
    .map((c) => c.ref);
  // Cells the narrative figures read come up more often than the others.
  const steps = (cellRefs: string[]) => fc.array(fc.array(fc.tuple(fc.oneof(fc.constantFrom(...cellRefs), fc.constantFrom(...figureRefs(edition))), value), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 20 });

  it("after any sequence of edits, the same result as validateReport on the edited report", () => {
    fc.assert(
      fc.property(reportArb(edition, year), optionsArb(edition, year), steps(refs), (report, opts, edits) => {
        const expected = clone(report);
        const check = incrementalCheck(report, opts);
        expect(check.result()).toEqual(validateReport(expected, opts));
        for (const step of edits) {
          check.setCells(step as CellEdit[]);
          for (const [ref, v] of step) setIn(expected, ref, v);
          expect(check.result()).toEqual(validateReport(expected, opts));
        }
      }),
      { numRuns: 100 },
    );
  });

  it("with derive, the totals follow the input cells as computeDerived computes them", () => {
    fc.assert(
      fc.property(reportArb(edition, year), optionsArb(edition, year), steps(inputs), (report, opts, edits) => {
        const expected = clone(report);
        const check = incrementalCheck(report, opts, { derive: true });
        expect(check.result()).toEqual(validateReport(computeDerived(expected), opts));
        for (const step of edits) {
          const before = computeDerived(expected);
          const changed = check.setCells(step as CellEdit[]);
          for (const [ref, v] of step) setIn(expected, ref, v);
          const full = computeDerived(expected);
          expect(check.result()).toEqual(validateReport(full, opts));
          expect(check.report().tables).toEqual(full.tables);
          // Every cell whose value moved is reported changed (the editor repaints those).
          for (const ref of refs) {
            const [t, row, col] = ref.split(".") as [keyof ReportDoc["tables"], string, string];
            if (!Object.is(before.tables[t][row]?.[col] ?? null, full.tables[t][row]?.[col] ?? null)) expect(changed).toContain(ref);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it("re-runs only the checks that read an edited cell: the findings of other cells are the same objects", () => {
    const r = emptyReport(edition.id as "2021" | "2019", "性质测试局", year);
    const check = incrementalCheck(r, {}, { derive: true });
    const before = check.result().issues;
    const blankOfTable = (issues: typeof before, table: string) => issues.find((i) => i.rule === "cell.blank" && i.cell.startsWith(`${table}.`));
    const [first] = inputs.filter((ref) => ref.startsWith("applications."));
    check.setCells([[first!, 3]]);
    const after = check.result().issues;
    // The edited table's blank-cell summary is new; another table's is kept as it was.
    expect(blankOfTable(after, "applications")).not.toBe(blankOfTable(before, "applications"));
    const other = inputs.find((ref) => !ref.startsWith("applications."))!.split(".")[0]!;
    expect(blankOfTable(after, other)).toBe(blankOfTable(before, other));
  });
});
