// Reading what a person types (or pastes) into a number cell (see cell-input.ts), and a value as
// the text of its input. A module of its own: the editor's browser code converts cells only once
// the rule engine is here.
import type { CellKind } from "../template";
import { toHalfWidth, type CellInputResult } from "./cell-input";
import { MAX_CELL_MAGNITUDE } from "./limits";
import type { CellValue } from "./types";

/** Texts that mean "blank" in published tables and spreadsheets. */
const BLANK_FILLERS = new Set(["", "-", "—", "–", "/", "／", "－", "——"]);

export function parseCellInput(raw: string, kind: CellKind): CellInputResult {
  let s = toHalfWidth(raw.normalize("NFKC")).replace(/[\s\u00a0\u3000]+/g, "");
  if (BLANK_FILLERS.has(s)) return { ok: true, value: null };
  s = s.replace(/−/g, "-");
  // Thousands separators: "1,234" and "1，234" (already half-width here). Only in groups of three,
  // so "1,5" (a decimal comma typo) is refused instead of becoming 15.
  if (/,/.test(s)) {
    if (!/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return { ok: false, error: "千分位分隔符位置不对，请检查数字" };
    s = s.replace(/,/g, "");
  }
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) {
    return { ok: false, error: kind === "amount" ? "请输入数字（单位：万元），如 12.5" : "请输入整数，如 12" };
  }
  const value = Number(s);
  if (!Number.isFinite(value) || Math.abs(value) > MAX_CELL_MAGNITUDE) return { ok: false, error: "数值过大" };
  if (kind !== "amount" && !Number.isInteger(value)) return { ok: false, error: "此处只能填写整数" };
  if (kind !== "signedCount" && value < 0) return { ok: false, error: "此处不能为负数" };
  // -0 would print as "0" but compare oddly; normalise it.
  return { ok: true, value: value === 0 ? 0 : value };
}

/** How a stored value is shown in an input: plain digits, blank for null. */
export function formatCellInput(value: CellValue, kind: CellKind): string {
  if (value === null) return "";
  if (kind === "signedCount" && value > 0) return `+${value}`;
  return String(value);
}
