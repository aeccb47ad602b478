// The score of a report (issue 18 §3): a documented, configurable scheme — deductions per finding
// kind, capped per kind — read from a data file (scoring.json) the office can replace.
import { z } from "zod";
import { FINDING_KINDS, KIND_LABELS, type FindingKind } from "./kinds";
import { ROLLUP_RELATIONS } from "./rollup-check";
import defaultScheme from "./scoring.json";
import type { Finding } from "./types";

/** Kinds added after the first schemes were written: a scheme may leave them out. */
const LATER_KINDS: readonly FindingKind[] = ["rollup"];
const FALLBACK_WEIGHT = { perFinding: 5, max: 10 };

const kindWeight = z.object({ perFinding: z.number().min(0).max(100), max: z.number().min(0).max(100) }).strict();

export const schemeSchema = z
  .object({
    description: z.string().max(2000).optional(),
    base: z.number().min(1).max(1000),
    warningFactor: z.number().min(0).max(1),
    // A kind added after an office saved its scheme (rollup) may be absent: the default weight applies.
    kinds: z
      .object(Object.fromEntries(FINDING_KINDS.map((k) => [k, LATER_KINDS.includes(k) ? kindWeight.optional() : kindWeight])) as Record<FindingKind, typeof kindWeight>)
      .strict(),
    /**
     * How a government's own report relates to the sum of its subordinates' reports in the run
     * (rollup-check.ts): "equal" (its 依申请 totals are the sum), "atLeast" (the sum plus its own
     * 本级 figures), "off" (not checked). Default "equal".
     */
    rollupRule: z.enum(ROLLUP_RELATIONS).optional(),
  })
  .strict();

export type ScoringScheme = z.infer<typeof schemeSchema>;

export const DEFAULT_SCHEME: ScoringScheme = schemeSchema.parse(defaultScheme);

/** A scheme from JSON text, or the Chinese reasons why it is not one. */
export function parseScheme(text: string): { ok: true; scheme: ScoringScheme } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: "评分办法不是有效的 JSON" };
  }
  const r = schemeSchema.safeParse(raw);
  if (!r.success) {
    return { ok: false, error: `评分办法有误：${r.error.issues.map((i) => `${i.path.join(".") || "（根）"} ${i.message}`).join("；")}` };
  }
  return { ok: true, scheme: r.data };
}

export interface ScoreLine {
  kind: FindingKind;
  label: string;
  count: number;
  deduction: number;
}

export interface Score {
  score: number;
  breakdown: ScoreLine[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function scoreFindings(findings: readonly Finding[], scheme: ScoringScheme = DEFAULT_SCHEME): Score {
  const units = new Map<FindingKind, { count: number; units: number }>();
  for (const f of findings) {
    const factor = f.severity === "error" ? 1 : f.severity === "warning" ? scheme.warningFactor : 0;
    const u = units.get(f.kind) ?? { count: 0, units: 0 };
    u.count++;
    u.units += factor;
    units.set(f.kind, u);
  }
  const breakdown: ScoreLine[] = [];
  let total = 0;
  for (const kind of FINDING_KINDS) {
    const u = units.get(kind);
    if (!u) continue;
    const w = weightOf(scheme, kind);
    const deduction = round1(Math.min(w.max, u.units * w.perFinding));
    total += deduction;
    breakdown.push({ kind, label: KIND_LABELS[kind], count: u.count, deduction });
  }
  return { score: round1(Math.max(0, scheme.base - total)), breakdown };
}

/** Ranks (1 = best) by score, equal scores sharing a rank ("1, 2, 2, 4"). */
export function rank<T extends { score: number }>(items: readonly T[]): number[] {
  const order = items.map((_, i) => i).sort((a, b) => items[b]!.score - items[a]!.score);
  const ranks = new Array<number>(items.length);
  order.forEach((idx, pos) => {
    const prev = order[pos - 1];
    ranks[idx] = prev !== undefined && items[prev]!.score === items[idx]!.score ? ranks[prev]! : pos + 1;
  });
  return ranks;
}

/** The scheme in words, for the page and the 通报. */
export function describeScheme(scheme: ScoringScheme = DEFAULT_SCHEME): string[] {
  return FINDING_KINDS.map((k) => `${KIND_LABELS[k]}：每处扣 ${weightOf(scheme, k).perFinding} 分，最多扣 ${weightOf(scheme, k).max} 分`);
}

/** The weight of a kind (a kind the scheme leaves out: the default scheme's). */
export function weightOf(scheme: ScoringScheme, kind: FindingKind): { perFinding: number; max: number } {
  return scheme.kinds[kind] ?? DEFAULT_SCHEME.kinds[kind] ?? FALLBACK_WEIGHT;
}
