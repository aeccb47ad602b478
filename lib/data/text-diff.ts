// Paragraph-level diff of narrative text (paragraphs are lines), for comparing versions.
//
// The texts come from users (a drafter saves whatever they type), so the diff must stay cheap on
// any input: the old full LCS table took O(n·m) memory — two versions of 25,000 short lines asked
// for 4.3 GB and killed the server on every visit of 版本与记录.
//
// Method: Myers' O((N+M)·D) greedy diff on line ids, after trimming the common prefix and suffix.
// Bound, proven by construction below:
//   - lines are interned to integers once: O(total characters) time, O(N+M) memory;
//   - the Myers loop counts its work (one unit per diagonal visited and per snake step) and stops
//     once it has spent DIFF_WORK_BUDGET units; the kept V arrays hold Σ(2d+1) ≤ budget numbers,
//     because each diagonal visit costs one unit — so time ≤ O(N+M) + budget and extra memory
//     ≤ O(N+M) + budget numbers (≤ 2·10^6 · 8 bytes ≈ 16 MB at most, typically nothing);
//   - beyond the budget, the changed middle is answered coarsely: the whole block removed and the
//     whole new block added (still a correct diff, only less fine-grained).
// Real narratives (tens of paragraphs, a handful of edits) finish in a few hundred units.
export type DiffLine = { type: "same" | "added" | "removed"; text: string };

/** Work units (diagonals visited + snake steps) the Myers search may spend before going coarse. */
export const DIFF_WORK_BUDGET = 2_000_000;

export interface DiffOptions {
  /** Overrides DIFF_WORK_BUDGET (tests). */
  budget?: number;
}

export function diffParagraphs(before: string, after: string, opts: DiffOptions = {}): DiffLine[] {
  const a = before ? before.split("\n") : [];
  const b = after ? after.split("\n") : [];
  const out: DiffLine[] = [];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  for (let i = 0; i < start; i++) out.push({ type: "same", text: a[i]! });
  const middle = myers(a, b, start, endA, start, endB, opts.budget ?? DIFF_WORK_BUDGET);
  if (middle) out.push(...middle);
  else {
    for (let i = start; i < endA; i++) out.push({ type: "removed", text: a[i]! });
    for (let j = start; j < endB; j++) out.push({ type: "added", text: b[j]! });
  }
  for (let i = endA; i < a.length; i++) out.push({ type: "same", text: a[i]! });
  return out;
}

/** Myers' diff of a[a0…a1) and b[b0…b1), or undefined when it would cost more than `budget` units. */
function myers(a: readonly string[], b: readonly string[], a0: number, a1: number, b0: number, b1: number, budget: number): DiffLine[] | undefined {
  const n = a1 - a0;
  const m = b1 - b0;
  if (n === 0 || m === 0) {
    const out: DiffLine[] = [];
    for (let i = a0; i < a1; i++) out.push({ type: "removed", text: a[i]! });
    for (let j = b0; j < b1; j++) out.push({ type: "added", text: b[j]! });
    return out;
  }
  // Intern lines: integer comparisons in the hot loop.
  const ids = new Map<string, number>();
  const idOf = (s: string) => {
    let id = ids.get(s);
    if (id === undefined) ids.set(s, (id = ids.size));
    return id;
  };
  const x = new Int32Array(n);
  const y = new Int32Array(m);
  for (let i = 0; i < n; i++) x[i] = idOf(a[a0 + i]!);
  for (let j = 0; j < m; j++) y[j] = idOf(b[b0 + j]!);

  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let work = 0;
  let found = -1;
  outer: for (let d = 0; d <= max; d++) {
    // Keep only the diagonals −d…d of V (2d+1 numbers): the backtrack needs no more.
    for (let k = -d; k <= d; k += 2) {
      if (++work > budget) return undefined;
      let i = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let j = i - k;
      while (i < n && j < m && x[i] === y[j]) {
        i++;
        j++;
        if (++work > budget) return undefined;
      }
      v[offset + k] = i;
      if (i >= n && j >= m) {
        trace.push(v.slice(offset - d, offset + d + 1));
        found = d;
        break outer;
      }
    }
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  // Backtrack from (n, m) through the kept V rows.
  const rev: DiffLine[] = [];
  let i = n;
  let j = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d - 1]!; // indices −(d−1)…(d−1) → prev[k + d − 1]
    const at = (k: number) => prev[k + d - 1]!;
    const k = i - j;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevI = at(prevK);
    const prevJ = prevI - prevK;
    while (i > prevI && j > prevJ) {
      rev.push({ type: "same", text: a[a0 + --i]! });
      j--;
    }
    if (down) rev.push({ type: "added", text: b[b0 + --j]! });
    else rev.push({ type: "removed", text: a[a0 + --i]! });
  }
  while (i > 0 && j > 0) {
    rev.push({ type: "same", text: a[a0 + --i]! });
    j--;
  }
  return rev.reverse();
}
