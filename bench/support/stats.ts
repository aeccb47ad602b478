// Small helpers shared by the benchmarks.

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** A deterministic pseudo-random generator, so every run measures the same generated data. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * One row of issue 20's table, as `npm run bench` gathers them at the end: what was measured, the
 * reference measured in the same run, their ratio, and whether the goal holds.
 */
export function tableRow(row: { what: string; measured: string; reference: string; ratio: number; goal: string; met: boolean }): void {
  console.log(`TABLE | ${row.what} | ${row.measured} | ${row.reference} | ${row.ratio.toFixed(2)}× | ${row.goal} | ${row.met ? "met" : "NOT met"}`);
}
