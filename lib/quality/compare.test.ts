// Year over year: the same finding (rule, cell, peer) in both years persists; the rest is new or
// fixed, counted as multisets; the score's change; items matched by the caller's identity.
import { describe, expect, it } from "vitest";
import { attachYearOverYear, compareYears } from "./compare";
import type { Finding } from "./types";

const f = (rule: string, cell?: string, message = `${rule} ${cell ?? ""}`): Finding => ({ rule, kind: "arithmetic", severity: "error", message, ...(cell ? { cell } : {}) });

describe("compareYears", () => {
  it("splits findings into new, fixed and persisting by rule and cell, not by wording", () => {
    const y = compareYears(
      { score: 85, findings: [f("appeals.total", "appeals.review.total", "今年的措辞"), f("cell.blank", "proactive"), f("cell.blank", "proactive"), f("publication.late")] },
      { year: 2023, score: 72.5, findings: [f("appeals.total", "appeals.review.total", "去年的措辞"), f("cell.blank", "proactive"), f("structure.sectionMissing", "section.6")] },
    );
    expect(y.year).toBe(2023);
    expect(y.previousScore).toBe(72.5);
    expect(y.delta).toBe(12.5);
    expect(y.persisting.map((x) => [x.rule, x.message])).toEqual([["appeals.total", "今年的措辞"], ["cell.blank", "cell.blank proactive"]]);
    expect(y.new.map((x) => x.rule)).toEqual(["cell.blank", "publication.late"]);
    expect(y.fixed.map((x) => [x.rule, x.cell])).toEqual([["structure.sectionMissing", "section.6"]]);
  });

  it("内容雷同 with another agency is another finding than with last year's own report", () => {
    const peer = (agency: string): Finding => ({ ...f("narrative.peerSimilarity", "narrative.overview"), peer: { agency, year: 2024 } });
    const y = compareYears({ score: 90, findings: [peer("甲")] }, { year: 2023, score: 90, findings: [peer("乙")] });
    expect([y.new.length, y.fixed.length, y.persisting.length, y.delta]).toEqual([1, 1, 0, 0]);
  });
});

describe("attachYearOverYear", () => {
  it("compares each item with last year's item of the same identity; others get nothing", () => {
    const items: { agency: string; score: number; findings: Finding[]; previous?: ReturnType<typeof compareYears> }[] = [
      { agency: "甲", score: 100, findings: [] },
      { agency: "乙", score: 90, findings: [f("a")] },
    ];
    const n = attachYearOverYear(items, [{ agency: "甲", score: 80, findings: [f("a"), f("b")] }, { agency: "丙", score: 10, findings: [] }], 2023, (i) => i.agency);
    expect(n).toBe(1);
    expect(items[0]!.previous).toMatchObject({ year: 2023, previousScore: 80, delta: 20, new: [], persisting: [] });
    expect(items[0]!.previous!.fixed.map((x) => x.rule)).toEqual(["a", "b"]);
    expect(items[1]!.previous).toBeUndefined();
  });
});
