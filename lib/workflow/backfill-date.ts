// The publication date of a back-filled (补录) report: the day the agency really published the
// report elsewhere, as the user gives it (or none when unknown). A report on year Y is published in
// Y+1 at the earliest (the statutory date is 31 January of Y+1), and never after today.

/** YYYY-MM-DD of a real calendar day, or null. */
function isoDay(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * A date as printed under a report (「2021年1月28日」, 「2021-01-28」, 「2021.1.28」, full-width digits
 * included), as YYYY-MM-DD; null when the text holds no complete date. Used to suggest the
 * publication date from the imported document's signature date.
 */
export function isoDateFromText(text: string | undefined | null): string | null {
  if (!text) return null;
  const half = text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).slice(0, 200);
  const m = /(\d{4})\s*(?:年|[-./])\s*(\d{1,2})\s*(?:月|[-./])\s*(\d{1,2})/.exec(half);
  return m ? isoDay(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

export type BackfillDate = { ok: true; date: string | null } | { ok: false; reason: string };

/** Checks the date given for a back-fill of the report on `year`; empty means "not known". */
export function checkBackfillDate(value: string | undefined | null, year: number, today: Date): BackfillDate {
  const text = (value ?? "").trim();
  if (!text) return { ok: true, date: null };
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = m ? isoDay(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  if (!date) return { ok: false, reason: `发布日期「${text.slice(0, 20)}」不是有效日期，请按「年-月-日」填写，例如 ${year + 1}-01-31` };
  if (date < `${year + 1}-01-01`) return { ok: false, reason: `${year} 年度报告的发布日期不能早于 ${year + 1} 年 1 月 1 日` };
  const todayIso = isoDay(today.getFullYear(), today.getMonth() + 1, today.getDate())!;
  if (date > todayIso) return { ok: false, reason: "发布日期不能晚于今天" };
  return { ok: true, date };
}

/** 「2021年1月28日」 for a YYYY-MM-DD day. */
export function formatIsoDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}
