// Reading what a person types (or pastes) into a number cell. Office staff type full-width digits
// from a Chinese IME, thousands separators, a leading "+" for 本年增/减, and paste "-" or "/" for
// "nothing". Anything else is refused with a Chinese reason — never silently turned into a number
// (parseCellInput and formatCellInput, in cell-parse.ts: the editor's first load shows the cells'
// text as the server wrote it, it does not convert — that comes with the rule engine).
import type { CellValue } from "./types";

export type CellInputResult = { ok: true; value: CellValue } | { ok: false; error: string };

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0B\uFF0D\uFF0E\uFF0C]/g;
/** Full-width digits, signs, point and comma as their ASCII forms (same length: the caret stays put). */
export function toHalfWidth(s: string): string {
  return s.replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}
