// The report's year, agency and date as printed: in the title, in the opening paragraph, in the
// signature at the end, or — for the year, as a last resort — in the text.
// Patterns run on folded text (normalize.ts `foldText`: same length as the original), so that the
// agency name can be cut out of the original text exactly as published.

import { foldText, normalizeLabel } from "./normalize";

import { isPlausibleYear as plausibleYear } from "../data/limits";

const HAN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, "○": 0, Ｏ: 0, O: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 「二〇二五」→ 2025 (digit by digit), 「二十」→ 20, 「十二」→ 12, 「三十一」→ 31. */
function hanNumber(s: string): number | undefined {
  if (/^[〇零○ＯO一二三四五六七八九]{4}$/u.test(s)) {
    let v = 0;
    for (const ch of s) v = v * 10 + HAN_DIGITS[ch]!;
    return v;
  }
  const m = /^([一二三])?(十)?([一二三四五六七八九])?$/u.exec(s);
  if (!m || s === "") return undefined;
  if (!m[2]) {
    if (m[1] && m[3]) return undefined;
    const digit = m[1] ?? m[3];
    return digit ? HAN_DIGITS[digit] : undefined;
  }
  return (m[1] ? HAN_DIGITS[m[1]]! : 1) * 10 + (m[3] ? HAN_DIGITS[m[3]]! : 0);
}

function iso(y: number, m: number, d: number): string | undefined {
  if (!plausibleYear(y) || m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return undefined; // 2月30日
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * A paragraph that is nothing but a date — how reports end (「2019年1月7日」, 「二〇二五年一月二十日」,
 * 「2025-01-20」) — as ISO "YYYY-MM-DD"; undefined for anything else.
 */
export function parseDateLine(text: string): string | undefined {
  const s = foldText(text).replace(/\s+/g, "");
  let m = /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^([〇零○ＯO一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日$/u.exec(s);
  if (m) {
    const y = hanNumber(m[1]!);
    const mo = hanNumber(m[2]!);
    const d = hanNumber(m[3]!);
    return y !== undefined && mo !== undefined && d !== undefined ? iso(y, mo, d) : undefined;
  }
  return undefined;
}

/** Ends of a report title: 「政府信息公开工作年度报告」 and its common variants (folded, no spaces). */
const TITLE_SUFFIX = /(?:的)?(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度报告|年报|工作报告)$/u;

/** True for a paragraph that reads like the title of an annual report. */
export function isTitleLike(text: string): boolean {
  const norm = normalizeLabel(text);
  if (norm.length < 6 || norm.length > 80 || /[。；;]/.test(norm)) return false;
  if (/^(本报告|根据|按照|依据)/.test(norm)) return false;
  return /(年度报告|年报)$/.test(norm) || TITLE_SUFFIX.test(norm);
}

/** The year printed in a title: 「2018年泸州市…年度报告」, 「南通市…2020年度…」. */
export function yearFromTitle(title: string): number | undefined {
  const m = /(\d{4})\s*年/.exec(foldText(title));
  const y = m ? Number(m[1]) : NaN;
  return plausibleYear(y) ? y : undefined;
}

/** The printed text with `[start, end)` of its folded form, trimmed of spaces and stray punctuation. */
function cut(original: string, start: number, end: number): string | undefined {
  const s = original
    .slice(start, end)
    .trim()
    .replace(/^[，,、:：;；\s]+|[，,、:：;；\s]+$/gu, "")
    .replace(/^关于/u, "")
    .replace(/(关于|的)$/u, "")
    .trim();
  return plausibleAgency(s) ? s : undefined;
}

/** An agency name is short and has no sentence punctuation. */
export function plausibleAgency(s: string): boolean {
  const n = [...s].length;
  return n >= 2 && n <= 40 && /\p{Script=Han}/u.test(s) && !/[。，,；;！!？?：:]/u.test(s) && !/^\d+$/.test(s);
}

/** The agency named in a title: what remains after removing the year and 「政府信息公开工作年度报告」. */
export function agencyFromTitle(title: string): string | undefined {
  const original = title.replace(/\s+/g, "");
  const folded = foldText(original);
  const suffix = TITLE_SUFFIX.exec(folded);
  let end = suffix ? suffix.index : folded.length;
  let start = 0;
  // The year may come first (「2018年泸州市…」) or last (「南通市应急管理局2020年…」).
  const lead = /^\d{4}年度?/.exec(folded);
  if (lead) start = lead[0].length;
  const trail = /\d{4}年度?$/.exec(folded.slice(0, end));
  if (trail) end = trail.index;
  if (!suffix && !lead && !trail) return undefined;
  return cut(original, start, end);
}

/** The agency named in the opening paragraph: 「由巴州应急管理局编制」, 「现将衢州市…局（以下简称…）2018年…」. */
export function agencyFromPreamble(text: string): string | undefined {
  const folded = foldText(text);
  const patterns = [
    /由([^，,。；;（(]{2,40}?)(?:组织)?编制/u,
    /现将([^，,。；;]{2,60}?)\s*(?:\(以下简称[^)]{0,20}\))?\s*\d{4}\s*年度?(?:政府信息公开|政务公开)/u,
    /^([^，,。；;]{2,40}?)\s*\d{4}\s*年度?政府信息公开工作年度报告/u,
  ];
  for (const p of patterns) {
    const m = p.exec(folded);
    if (!m || m[1] === undefined) continue;
    const start = m.index + m[0].indexOf(m[1]);
    let name = cut(text, start, start + m[1].length);
    if (name) {
      name = name.replace(/[(（]以下简称.*$/u, "").trim();
      if (plausibleAgency(name)) return name;
    }
  }
  return undefined;
}

/** 「…2019年度政府信息公开工作年度报告」: the report naming its own year (title, opening paragraph). */
export function statedYear(text: string): number | undefined {
  const m = /(\d{4})年度?(?:的)?(?:政府信息公开|政务公开)(?:工作)?(?:年度报告|年报)/u.exec(foldText(text).replace(/\s+/g, ""));
  const y = m ? Number(m[1]) : NaN;
  return plausibleYear(y) ? y : undefined;
}

/** 「统计期限自2017年1月1日…」: the statistics period, which is the report year. */
export function statisticsPeriodYear(text: string): number | undefined {
  const m = /统计(?:期限|期|时限|时间|区间)[^。]{0,12}?(\d{4})年1月1日/u.exec(foldText(text).replace(/\s+/g, ""));
  const y = m ? Number(m[1]) : NaN;
  return plausibleYear(y) ? y : undefined;
}

/**
 * The year mentioned most often as a year in the text (「2020年，我局…」), not counting dates
 * (「2019年1月7日」 is when the report was signed, usually the following year). Ties: the first.
 */
export function mostMentionedYear(texts: readonly string[]): number | undefined {
  const counts = new Map<number, number>();
  for (const t of texts) {
    for (const m of foldText(t).matchAll(/(\d{4})\s*年(?!\s*\d{1,2}\s*月)/g)) {
      const y = Number(m[1]);
      if (plausibleYear(y)) counts.set(y, (counts.get(y) ?? 0) + 1);
    }
  }
  let best: number | undefined;
  let bestCount = 0;
  for (const [y, c] of counts) {
    if (c > bestCount) {
      best = y;
      bestCount = c;
    }
  }
  return best;
}
