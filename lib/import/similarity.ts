// String similarity for the two places where exact and prefix matching are not enough:
// typos in printed labels (「2.其他法律行政止公开」, format-2021.md §8) and reworded section
// headings (「四、因政府信息公开工作被申请行政复议、提起行政诉讼情况」).
// Both work on code points, so CJK characters count as one unit each.

/**
 * Levenshtein distance between a and b, or `max + 1` as soon as it is certainly larger than `max`
 * (labels are short, but the cut-off keeps arbitrary input cheap).
 */
export function levenshtein(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[y.length]!;
}

function bigrams(s: string): Map<string, number> {
  const chars = [...s];
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/**
 * Dice coefficient of the character bigrams (0 = nothing in common, 1 = same multiset).
 * Robust to inserted words, which is how headings are usually reworded.
 */
export function bigramDice(a: string, b: string): number {
  const ga = bigrams(a);
  const gb = bigrams(b);
  let na = 0;
  let nb = 0;
  let common = 0;
  for (const v of ga.values()) na += v;
  for (const v of gb.values()) nb += v;
  if (na + nb === 0) return a === b ? 1 : 0;
  for (const [g, v] of ga) common += Math.min(v, gb.get(g) ?? 0);
  return (2 * common) / (na + nb);
}
