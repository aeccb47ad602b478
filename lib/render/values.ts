// The values a rendered report prints, and how a number is written.

import { computeDerived, getCell, type CellValue, type ReportDoc } from "../data";
import { cellInfo, getEdition, type CellRef } from "../template";

/**
 * A number as plain text, as given: integers without grouping, decimals with the shortest digits
 * that denote the value (2031.9, never 2031.8999…), no exponent notation (1e-7 → "0.0000001"),
 * no "+" sign. Plain digits keep the printed tables easy to import back.
 *
 * The value is first rounded to 15 significant digits — all a double carries reliably — so that
 * binary noise from arithmetic upstream (0.1 + 0.2 = 0.30000000000000004, an importer adding
 * 万元 amounts) cannot reach the paper. Every count and every 万元 amount to the yuan is far
 * inside 15 digits (cells are limited to ±1e12), so nothing a user typed is changed.
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return "";
  const v = Number(n.toPrecision(15));
  if (v === 0) return "0"; // also -0
  const s = String(v); // ECMAScript's Number→String is the shortest round-trip decimal
  return /e/i.test(s) ? expandExponent(s) : s;
}

/** "1.5e-7" → "0.00000015", "1e+21" → "1000000000000000000000". */
function expandExponent(s: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(s);
  if (!m) return s;
  const sign = m[1] ?? "";
  const intPart = m[2] ?? "";
  const digits = intPart + (m[3] ?? "");
  const point = intPart.length + Number(m[4]); // position of the decimal point within `digits`
  let out: string;
  if (point <= 0) out = `0.${"0".repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + "0".repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  out = out.replace(/^0+(?=\d)/, "");
  if (out.includes(".")) out = out.replace(/\.?0+$/, "");
  return sign + out;
}

/** A cell as printed: blank (null) prints nothing, 0 prints "0". */
export function formatCellValue(v: CellValue): string {
  return v === null ? "" : formatNumber(v);
}

/**
 * The value a cell prints. Reported values are printed as reported — a wrong total stays wrong on
 * paper (the rule engine reports it; a renderer must not hide it). A BLANK total (总计 column,
 * （七）总计 row, table 四 总计) is filled with its computed sum, because `nianbao/report@1` allows
 * derived cells to be omitted and the official table always prints them; a total whose addends
 * are all blank stays blank (`computeDerived`'s rule: blank ≠ 0).
 */
export function printedValues(report: ReportDoc): (ref: CellRef) => CellValue {
  const edition = getEdition(report.edition);
  let computed: ReportDoc | undefined;
  return (ref) => {
    const v = getCell(report, ref);
    if (v !== null || !cellInfo(edition, ref)?.derived) return v;
    computed ??= computeDerived(report);
    return getCell(computed, ref);
  };
}
