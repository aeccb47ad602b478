// Year-over-year comparison (issue 18 §3): an agency's score and findings against its result in the
// office's run of the previous report year. A finding is "the same" in both years when its rule, its
// cell and (内容雷同) the other agency agree — the messages carry the year's figures and dates, so
// they are not compared. Findings are matched as multisets (two blank-cell findings of one table
// stay two). Pure; linear in the number of findings.
import type { Finding } from "./types";

/** A finding as the comparison names it. */
export interface FindingRef {
  rule: string;
  kind: Finding["kind"];
  message: string;
  cell?: string;
}

export interface YearOverYear {
  /** The previous report year. */
  year: number;
  previousScore: number;
  /** This year's score minus last year's (positive: better), to one decimal. */
  delta: number;
  /** Found this year, not last year. */
  new: FindingRef[];
  /** Found last year, not this year (整改). */
  fixed: FindingRef[];
  /** Found both years (this year's wording). */
  persisting: FindingRef[];
}

export function findingKey(f: Pick<Finding, "rule" | "cell" | "peer">): string {
  return `${f.rule}\u0000${f.cell ?? ""}\u0000${f.peer?.agency ?? ""}`;
}

const ref = (f: Finding): FindingRef => {
  const r: FindingRef = { rule: f.rule, kind: f.kind, message: f.message };
  if (f.cell) r.cell = f.cell;
  return r;
};

/** This year's result of one agency against last year's. */
export function compareYears(current: { score: number; findings: readonly Finding[] }, previous: { year: number; score: number; findings: readonly Finding[] }): YearOverYear {
  const last = new Map<string, Finding[]>();
  for (const f of previous.findings) {
    const k = findingKey(f);
    const list = last.get(k) ?? [];
    list.push(f);
    last.set(k, list);
  }
  const out: YearOverYear = { year: previous.year, previousScore: previous.score, delta: Math.round((current.score - previous.score) * 10) / 10, new: [], fixed: [], persisting: [] };
  for (const f of current.findings) {
    const same = last.get(findingKey(f));
    if (same?.length) {
      same.shift();
      out.persisting.push(ref(f));
    } else out.new.push(ref(f));
  }
  for (const rest of last.values()) for (const f of rest) out.fixed.push(ref(f));
  return out;
}

/**
 * Attaches the comparison to each item of this year's run that has a counterpart in last year's
 * (the same `identity`: the agency's id on the server, its name in the CLI). Returns how many.
 */
interface Comparable {
  score: number;
  findings: readonly Finding[];
}

export function attachYearOverYear<T extends Comparable & { previous?: YearOverYear }, P extends Comparable>(
  items: T[],
  previousItems: readonly P[],
  previousYear: number,
  identity: (i: T | P) => string | undefined,
): number {
  const byId = new Map<string, P>();
  for (const p of previousItems) {
    const id = identity(p);
    if (id !== undefined && !byId.has(id)) byId.set(id, p);
  }
  let n = 0;
  for (const i of items) {
    const id = identity(i);
    const p = id !== undefined ? byId.get(id) : undefined;
    if (!p) continue;
    i.previous = compareYears(i, { year: previousYear, score: p.score, findings: p.findings });
    n++;
  }
  return n;
}
