// Fuzzing the interchange parser with mutated REAL documents (lib/data/testing/mutations.ts): any
// node of the three fixtures replaced, deleted, wrapped or joined by an unknown key, the wrong
// edition or year, absurd nesting, long and control-character text; and damaged JSON text.
// parse.test.ts already feeds it arbitrary values (fc.anything) and junk in cells; this adds the
// structure of real documents and what happens AFTER an accepted parse — the server stores the
// document (JSON.stringify), re-reads it, recomputes totals, validates and diffs it.
//
// Properties: never throws; a rejection names a path and says what is wrong in Chinese, with no
// exception text; an accepted document can be stored and read back unchanged, and the rest of
// the save path (computeDerived, validateReport, diffReports) handles it.

import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { validateReport } from "../rules";
import { computeDerived, diffReports, parseCellInput, parseClipboardGrid, parseReport, parseReportJson, type ParseResult, type ReportDoc } from "./index";
import { anyNastyValue, applyMutations, describeMutation, messageProblem, mutationsOf, textMutations, toJsonText } from "./testing/mutations";

const FIXTURES = ["example-2021-shifan-2024.json", "example-2021-shifan-2023.json", "seed-001-nantong-2020.json"].map((name) => {
  const text = readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
  const r = parseReportJson(text);
  if (!r.ok) throw new Error(name);
  return { name, text, raw: JSON.parse(text) as unknown, doc: r.report };
});

const counts: Record<string, number> = {};
const count = (target: string) => (counts[target] = (counts[target] ?? 0) + 1);
afterAll(() => {
  for (const [target, n] of Object.entries(counts)) console.log(`fuzz ${target}: ${n} cases`);
});

function checkRejection(r: ParseResult): void {
  if (r.ok) return;
  expect(r.errors.length).toBeGreaterThan(0);
  for (const e of r.errors) {
    expect(messageProblem(e.message), e.message).toBeNull();
    expect(e.message.startsWith(`${e.path || "（根）"}：`), e.message).toBe(true);
  }
}

/** What the server does with an accepted document: store, re-read, recompute, validate, diff. */
function checkAccepted(doc: ReportDoc, previous: ReportDoc): void {
  const stored = JSON.stringify(doc);
  const reread = parseReportJson(stored);
  expect(reread.ok, stored.slice(0, 300)).toBe(true);
  if (!reread.ok) return;
  expect(reread.report).toEqual(JSON.parse(stored));
  const derived = computeDerived(doc);
  // The server stores the document with its totals recomputed: that must read back as well.
  const storedWithTotals = JSON.stringify(derived);
  const back = parseReportJson(storedWithTotals);
  expect(back.ok, `stored with totals, not readable: ${back.ok ? "" : back.errors[0]?.message}`).toBe(true);
  const v = validateReport(derived, { previous });
  expect(v.errors + v.warnings).toBeLessThanOrEqual(v.issues.length);
  for (const i of v.issues) expect(messageProblem(i.message), i.message).toBeNull();
  diffReports(previous, derived);
}

describe("parseReport on structurally mutated fixtures", () => {
  for (const f of FIXTURES) {
    it(`${f.name}: never throws; Chinese, path-first rejections; accepted documents survive storing and the save path`, () => {
      fc.assert(
        fc.property(mutationsOf(f.raw, anyNastyValue()), (mutations) => {
          count("parseReport (mutated documents)");
          const input = applyMutations(f.raw, mutations);
          let r: ParseResult;
          try {
            r = parseReport(input);
          } catch (e) {
            throw new Error(`parseReport threw on ${mutations.map(describeMutation).join("; ")}: ${String(e)}`);
          }
          if (r.ok) checkAccepted(r.report, f.doc);
          else checkRejection(r);
        }),
        { numRuns: 1400 },
      );
    });
  }

  it("wrong edition or year is never silently accepted as another edition's document", () => {
    fc.assert(
      fc.property(fc.nat({ max: FIXTURES.length - 1 }), fc.constantFrom<unknown>("2019", "2021", "2020", "2021 ", 2021, null), (k, edition) => {
        const f = FIXTURES[k]!;
        count("parseReport (edition swaps)");
        const r = parseReport({ ...(f.raw as object), edition });
        if (r.ok) {
          // Accepted only as the edition it names, and only if every row and column exists there.
          expect(r.report.edition).toBe(edition);
          checkAccepted(r.report, f.doc);
        } else checkRejection(r);
      }),
      { numRuns: 200 },
    );
  });

  it("absurd nesting anywhere (100 000 levels, also in the free-form agency and meta fields) is refused, not stored", () => {
    for (const f of FIXTURES) {
      for (const where of [["agency", "extra"], ["meta", "extra"], ["narrative", "overview"], ["tables", "proactive", "licensing", "decisions"], ["extra"]] as const) {
        count("parseReport (deep nesting)");
        let deep: unknown = 1;
        for (let i = 0; i < 100_000; i++) deep = i % 2 ? [deep] : { a: deep };
        const input = structuredClone(f.raw) as Record<string, unknown>;
        let parent = input;
        for (const k of where.slice(0, -1)) parent = (parent[k] ??= {}) as Record<string, unknown>;
        parent[where.at(-1)!] = deep;
        const r = parseReport(input);
        expect(r.ok).toBe(false);
        checkRejection(r);
        // Also as a request body: parsed from text, the same answer.
        const fromText = parseReportJson(toJsonText(input));
        expect(fromText.ok).toBe(false);
        checkRejection(fromText);
      }
    }
  });
});

describe("parseReportJson on damaged JSON text", () => {
  it("never throws; malformed JSON gets a Chinese position, valid JSON the same answer as parseReport", () => {
    fc.assert(
      fc.property(fc.nat({ max: FIXTURES.length - 1 }), textMutations(), (k, ops) => {
        const f = FIXTURES[k]!;
        count("parseReportJson (damaged text)");
        const text = ops.reduce((s, op) => op(s), f.text);
        const r = parseReportJson(text);
        checkRejection(r);
        let value: unknown;
        try {
          value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
        } catch {
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.errors[0]!.message).toMatch(/^（根）：JSON 格式错误/);
          return;
        }
        expect(r).toEqual(parseReport(value));
        if (r.ok) checkAccepted(r.report, f.doc);
      }),
      { numRuns: 1500 },
    );
  });
});

describe("what people type and paste into cells", () => {
  const typed = fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 20 }),
    fc.constantFrom("１２", "1,000", "1，000", "+3", "-3", "−3", "1e5", "0x10", "Infinity", "NaN", "1" + "0".repeat(400), ".5", "5.", "--1", "1 000", "١٢", "一二", "\u0000", "12\u200b"),
    fc.double().map(String),
  );
  it("parseCellInput: never throws; a number when accepted (finite, within ±1e12, right kind), else a Chinese reason", () => {
    fc.assert(
      fc.property(typed, fc.constantFrom("count" as const, "signedCount" as const, "amount" as const), (raw, kind) => {
        count("parseCellInput");
        const r = parseCellInput(raw, kind);
        if (r.ok) {
          if (r.value !== null) {
            expect(Number.isFinite(r.value)).toBe(true);
            expect(Math.abs(r.value)).toBeLessThanOrEqual(1e12);
            if (kind !== "amount") expect(Number.isInteger(r.value)).toBe(true);
            if (kind !== "signedCount") expect(r.value).toBeGreaterThanOrEqual(0);
          }
        } else expect(messageProblem(r.error), r.error).toBeNull();
      }),
      { numRuns: 1000 },
    );
  });

  it("parseClipboardGrid: never throws, always a rectangle-or-ragged grid of strings", () => {
    const clip = fc.array(fc.oneof(fc.constantFrom("\t", "\n", "\r\n", "\r", '"', '""', "1", "２", " ", "<td>", "\u0000"), fc.string({ maxLength: 5 })), { maxLength: 200 }).map((a) => a.join(""));
    fc.assert(
      fc.property(clip, (text) => {
        count("parseClipboardGrid");
        const g = parseClipboardGrid(text);
        expect(Array.isArray(g)).toBe(true);
        for (const row of g) for (const cell of row) expect(typeof cell).toBe("string");
      }),
      { numRuns: 500 },
    );
  });
});
