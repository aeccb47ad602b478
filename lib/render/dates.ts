// The date line (成文日期): GB/T 9704 wants Arabic numerals, the full year and no leading zeros,
// e.g. 2025年1月20日 (document-format.md §1.6).

export interface PrintedDate {
  /** "2025年1月20日", or the input as given when it is not a recognisable date. */
  text: string;
  /** ISO "2025-01-20" when the input is a real calendar date (for HTML <time datetime>). */
  iso?: string;
}

// 2025-01-20, 2025/1/20, 2025.1.20, 2025年1月20日 (with or without zero padding)
const DATE = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$/;

/**
 * `meta.date` as printed. `nianbao/report@1` does not fix the format of meta.date, so anything that
 * is not a valid calendar date is printed verbatim rather than guessed at.
 */
export function formatReportDate(input: string): PrintedDate {
  const s = input.trim();
  const m = DATE.exec(s);
  if (!m) return { text: s };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return { text: s };
  const pad = (n: number) => String(n).padStart(2, "0");
  return { text: `${y}年${mo}月${d}日`, iso: `${y}-${pad(mo)}-${pad(d)}` };
}
