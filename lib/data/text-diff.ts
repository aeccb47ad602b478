// Paragraph-level diff of narrative text (paragraphs are lines), for comparing versions.
export type DiffLine = { type: "same" | "added" | "removed"; text: string };

export function diffParagraphs(before: string, after: string): DiffLine[] {
  const a = before ? before.split("\n") : [];
  const b = after ? after.split("\n") : [];
  const n = a.length;
  const m = b.length;
  // LCS table; narratives have tens of paragraphs, so O(n·m) is tiny.
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ type: "same", text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ type: "removed", text: a[i++]! });
    else out.push({ type: "added", text: b[j++]! });
  }
  while (i < n) out.push({ type: "removed", text: a[i++]! });
  while (j < m) out.push({ type: "added", text: b[j++]! });
  return out;
}
