// The numbers behind a run's charts (issue 18 §5): the distribution of scores, the most common
// finding kinds, and publication on time. Pure; the page draws them (components/charts).
import { FINDING_KINDS, KIND_LABELS } from "./kinds";
import type { RunItemResult } from "./batch";

export interface ChartData {
  categories: string[];
  values: number[];
}

export const SCORE_BANDS = [
  { label: "90–100 分", min: 90 },
  { label: "80–89 分", min: 80 },
  { label: "70–79 分", min: 70 },
  { label: "60–69 分", min: 60 },
  { label: "60 分以下", min: -Infinity },
] as const;

export function scoreDistribution(items: readonly Pick<RunItemResult, "score">[]): ChartData {
  const values: number[] = SCORE_BANDS.map(() => 0);
  for (const i of items) values[SCORE_BANDS.findIndex((b) => i.score >= b.min)]!++;
  return { categories: SCORE_BANDS.map((b) => b.label), values };
}

/** Reports with at least one finding of each kind, most common first (kinds no report has are left out). */
export function commonKinds(items: readonly Pick<RunItemResult, "findings">[]): ChartData {
  const counts = new Map<string, number>();
  for (const i of items) for (const k of new Set(i.findings.map((f) => f.kind))) counts.set(k, (counts.get(k) ?? 0) + 1);
  const kinds = FINDING_KINDS.filter((k) => counts.get(k)).sort((a, b) => counts.get(b)! - counts.get(a)!);
  return { categories: kinds.map((k) => KIND_LABELS[k]), values: kinds.map((k) => counts.get(k)!) };
}

export function onTime(items: readonly Pick<RunItemResult, "findings" | "date">[]): ChartData {
  let late = 0;
  let unknown = 0;
  for (const i of items) {
    if (i.findings.some((f) => f.rule === "publication.late")) late++;
    else if (!i.date) unknown++;
  }
  return { categories: ["按期发布", "逾期发布", "日期不明"], values: [items.length - late - unknown, late, unknown] };
}
