// Fuzzing the rule engine with whole documents as the server validates them: every cell random
// (blank, negative, fractional, up to the ±1e12 the parser admits), narratives assembled from
// the phrases the figure checks look for (「行政复议12件」, full-width and comma-grouped numbers,
// absurdly large ones) plus markup and control characters, any year of 2019–2100 with either
// edition, and last year's report for the cross-year checks — from the same or the other edition,
// or another agency. properties.test.ts covers the arithmetic (sum rules) on blank narratives;
// this covers everything around it.
//
// Properties: never throws; deterministic; the counts agree with the issues; every issue names a
// known rule, a severity, cells that exist in the report's edition, and a clear Chinese message
// without leaked exception text, "undefined" or NaN.

import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { computeDerived, emptyReport, MAX_CELL_MAGNITUDE, parseReport, type ReportDoc } from "../data";
import { messageProblem, NASTY_STRINGS } from "../data/testing/mutations";
import { clean2023, clean2024, seed2020 } from "../fixtures/load";
import { EDITIONS, allCells, getEdition, type EditionId } from "../template";
import { isRuleId, sectionSimilarity, similarity, validateReport } from "./index";

let cases = 0;
let similarityCases = 0;
afterAll(() => {
  console.log(`fuzz validateReport (whole documents with last year's): ${cases} cases`);
  console.log(`fuzz similarity / sectionSimilarity: ${similarityCases} cases`);
});

/**
 * A cell value drawn from a seeded generator (fast-check's per-element arrays of ~200 cells made
 * generation, not validation, the cost): blank, small counts, negatives, fractions, the ±1e12 limits.
 */
function cellValues(seed: number, n: number): (number | null)[] {
  let state = seed >>> 0;
  const next = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const special = [MAX_CELL_MAGNITUDE, -MAX_CELL_MAGNITUDE, 0.00001, 12.3456, 1e-9, -0];
  return Array.from({ length: n }, () => {
    const r = next();
    if (r < 0.25) return null;
    if (r < 0.8) return Math.floor(next() * 300);
    if (r < 0.88) return -1 - Math.floor(next() * 50);
    if (r < 0.96) return (next() - 0.5) * 2000;
    return special[Math.floor(next() * special.length)]!;
  });
}

const number = fc.oneof(fc.nat({ max: 500 }).map(String), fc.constantFrom("１２", "1,234", "1，234", "0", "00", "99999999999999999999999", "3.5"));
const phrase = fc.oneof(
  fc.tuple(fc.constantFrom("收到申请", "新收政府信息公开申请", "受理各类申请共计", "上年结转申请", "结转下年度继续办理", "行政复议", "行政诉讼案件共", "收取信息处理费"), number, fc.constantFrom("件", "起", "份", "元", "万元", "")).map((p) => p.join("")),
  fc.constantFrom("未收到政府信息公开申请", "本年度未收取政府信息公开信息处理费。", "（一）收取信息处理费情况", "\n", "。", "，"),
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: "grapheme", maxLength: 30 }),
);
const narrativeText = fc.oneof(fc.constant(""), fc.array(phrase, { maxLength: 25 }).map((a) => a.join("")), fc.constant("本局坚持以公开为常态、不公开为例外。".repeat(40)));

/** A report of `edition` for `year`, every cell and narrative random. */
function reportArb(): fc.Arbitrary<ReportDoc> {
  return fc
    .record({
      edition: fc.constantFrom(...(EDITIONS.map((e) => e.id) as EditionId[])),
      year: fc.oneof(fc.integer({ min: 2019, max: 2026 }), fc.constant(2100)),
      agency: fc.constantFrom("示范市应急管理局", "某局", " 另一局 "),
      overview: narrativeText,
      problems: narrativeText,
      other: narrativeText,
      seed: fc.integer(),
      base: fc.constantFrom<(edition: EditionId, agency: string, year: number) => ReportDoc>(emptyReport, clean2024, clean2023, seed2020),
    })
    .map(({ edition, year, agency, overview, problems, other, seed, base }) => {
      const start = base(edition, agency, year);
      const e = getEdition(start.edition);
      const doc: ReportDoc = { ...start, year, agency: { name: agency }, narrative: { overview, problems, other } };
      const tables = structuredClone(doc.tables);
      const values = cellValues(seed, allCells(e).length);
      allCells(e).forEach((c, i) => (tables[c.table][c.row]![c.column] = values[i]!));
      // Through the parser, as on the server: what validateReport sees is always a parsed document.
      const parsed = parseReport({ ...doc, tables });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      return parsed.report;
    });
}

function knownCells(doc: ReportDoc): Set<string> {
  const e = getEdition(doc.edition);
  return new Set([...allCells(e).map((c) => c.ref), ...e.sections.flatMap((s) => (s.narrativeKey ? [`narrative.${s.narrativeKey}`] : []))]);
}

describe("validateReport on whole random documents", () => {
  it("never throws; deterministic; known rules and cells; clear Chinese messages", () => {
    fc.assert(
      fc.property(reportArb(), fc.option(reportArb(), { nil: undefined }), fc.boolean(), (doc, previous, derive) => {
        cases++;
        const report = derive ? computeDerived(doc) : doc;
        const options = previous ? { previous } : {};
        const r = validateReport(report, options);
        expect(validateReport(report, options)).toEqual(r);
        expect(r.errors).toBe(r.issues.filter((i) => i.severity === "error").length);
        expect(r.warnings).toBe(r.issues.filter((i) => i.severity === "warning").length);
        expect(r.ok).toBe(r.errors === 0);
        const cells = knownCells(report);
        for (const i of r.issues) {
          expect(isRuleId(i.rule), i.rule).toBe(true);
          expect(["error", "warning", "info"]).toContain(i.severity);
          expect(messageProblem(i.message), i.message).toBeNull();
          expect(i.message).not.toMatch(/undefined|NaN|null|\[object/);
          for (const c of i.cells) expect(cells.has(c), `${i.rule}: ${c}`).toBe(true);
          if (i.cells.length > 0) expect(i.cells).toContain(i.cell);
          if (i.reported !== undefined) expect(Number.isFinite(i.reported)).toBe(true);
          if (i.computed !== undefined) expect(Number.isFinite(i.computed)).toBe(true);
        }
      }),
      { numRuns: 600 },
    );
  });
});

describe("similarity (the editor runs it on every keystroke)", () => {
  const text = fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 400 }),
    fc.array(fc.constantFrom("本局坚持以公开为常态、不公开为例外，", "围绕群众关切推进政务公开，", "\n", "（一）收取信息处理费情况", "👨‍👩‍👧", "\ud800", "。。。", " "), { maxLength: 40 }).map((a) => a.join("")),
  );
  it("never throws; the ratio is a share; passages lie inside the text, in order, and are what they say", () => {
    const section = getEdition("2021").sections.find((s) => s.narrativeKey === "other")!;
    fc.assert(
      fc.property(text, text, fc.boolean(), (a, b, useSection) => {
        similarityCases++;
        const r = useSection ? sectionSimilarity(section, a, b) : { ...similarity(a, b), text: a };
        expect(r.ratio).toBeGreaterThanOrEqual(0);
        expect(r.ratio).toBeLessThanOrEqual(1);
        let end = 0;
        for (const p of r.passages) {
          expect(p.start).toBeGreaterThanOrEqual(end);
          expect(p.end).toBeGreaterThan(p.start);
          expect(p.end).toBeLessThanOrEqual(r.text.length);
          expect(r.text.slice(p.start, p.end)).toBe(p.text);
          end = p.end;
        }
      }),
      { numRuns: 1000 },
    );
  });
});
