// Reading one printed table cell as a value. Printed figures are taken as they are — no rounding,
// no sign fix, no recomputed totals: the rule engine must see what was published.

import { MAX_CELL_MAGNITUDE } from "../data";
import { isFiller } from "./normalize";

export type ParsedValue =
  /** Empty cell. */
  | { type: "blank" }
  /** 「/」「-」「—」…: explicitly "nothing", read as blank. */
  | { type: "filler"; text: string }
  | { type: "number"; value: number }
  /** Anything else: imported as blank, reported as unrecognised. `reason` explains why in Chinese. */
  | { type: "text"; text: string; reason: string };

/** Units printed after a count (「3件」): redundant, accepted. */
const COUNT_UNITS = ["人次", "件", "条", "项", "个", "次", "人", "篇", "家"];

function parseNumber(s: string): number | undefined {
  // +2 / -8 (signed changes), 3,985,758 or 3 985 758 (thousands separators), 2031.9 (decimals).
  const m = /^([+-])?(\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+|\d+)(\.\d+)?$/.exec(s);
  if (!m) return undefined;
  const digits = m[2]!.replace(/[, ]/g, "") + (m[3] ?? "");
  const v = Number(digits);
  if (!Number.isFinite(v)) return undefined;
  return m[1] === "-" && v !== 0 ? -v : v; // never -0: it prints as 0 but compares unequal
}

/**
 * A cell's text as a value. `kind` is the template's cell kind when known: money cells accept a
 * 「万元」 suffix, count cells the usual count units.
 */
export function parseCellValue(raw: string, kind?: "count" | "signedCount" | "amount"): ParsedValue {
  const trimmed = raw.trim();
  if (trimmed === "") return { type: "blank" };
  if (isFiller(trimmed)) return { type: "filler", text: trimmed };
  // NFKC: full-width digits and signs (０-９，＋，－，．) become ASCII; U+2212 and dashes before a
  // digit are minus signs as typed by word processors.
  let s = trimmed.normalize("NFKC").replace(/^[\u2212\u2013\u2014]\s*(?=\d)/u, "-").replace(/\s+/g, " ");
  s = s.replace(/^([+-]) (?=\d)/, "$1");
  let unit = "";
  const unitMatch = /^(.*?\d)\s*(万元|元|人次|件|条|项|个|次|人|篇|家|%)$/u.exec(s);
  if (unitMatch) {
    s = unitMatch[1]!;
    unit = unitMatch[2]!;
  }
  const value = parseNumber(s);
  if (value === undefined) return { type: "text", text: trimmed, reason: "不是数字" };
  if (unit) {
    const okForAmount = unit === "万元" && (kind === undefined || kind === "amount");
    const okForCount = COUNT_UNITS.includes(unit) && kind !== "amount";
    if (!okForAmount && !okForCount) {
      const why = unit === "元" ? "单位为「元」而模板要求「万元」，未换算" : `带有单位「${unit}」`;
      return { type: "text", text: trimmed, reason: why };
    }
  }
  if (Math.abs(value) > MAX_CELL_MAGNITUDE) {
    return { type: "text", text: trimmed, reason: `数值超出允许范围（绝对值不超过 ${MAX_CELL_MAGNITUDE}）` };
  }
  return { type: "number", value };
}

/** True when the printed text is a value (number or filler), not a label. */
export function looksLikeValue(raw: string): boolean {
  const p = parseCellValue(raw);
  return p.type === "number" || p.type === "filler";
}
