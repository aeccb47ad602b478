// Where the signature (发文机关署名) and the date (成文日期) go, in characters from the right margin.
//
// GB/T 9704-2012 §7.3.5.2, document without a seal (a report published on a website has none):
// the agency name ends two characters from the right margin (右空二字); the date goes on the next
// line with its first character two characters right of the name's first character; when the
// date would then come closer than two characters to the margin, the date keeps 右空二字 and the
// name moves left instead (document-format.md §1.6). We read 「成文日期长于发文机关署名」 as "the
// shifted date would stick out", which keeps both lines inside the 右空二字 line.

import { textWidthInChars } from "./text";

export interface SignoffPlacement {
  /** Right indent of the signature line, in characters. */
  nameRight: number;
  /** Right indent of the date line, in characters (absent without a date). */
  dateRight?: number;
}

const RIGHT_SPACE = 2;
const DATE_SHIFT = 2;

/** `lineChars`: characters per line of the text area (GB/T 9704: 28). */
export function signoffPlacement(name: string, date: string | undefined, lineChars = 28): SignoffPlacement {
  const n = textWidthInChars(name);
  const clamp = (right: number, width: number) => Math.max(0, Math.min(right, lineChars - width));
  if (date === undefined) return { nameRight: clamp(RIGHT_SPACE, n) };
  const d = textWidthInChars(date);
  // Name 右空二字: its first character is RIGHT_SPACE + n from the margin, the date's two further right.
  const dateRightUnderName = RIGHT_SPACE + n - DATE_SHIFT - d;
  if (dateRightUnderName >= RIGHT_SPACE) return { nameRight: clamp(RIGHT_SPACE, n), dateRight: clamp(dateRightUnderName, d) };
  // The date is the longer line: it keeps 右空二字 and the name moves left.
  return { nameRight: clamp(RIGHT_SPACE + d + DATE_SHIFT - n, n), dateRight: clamp(RIGHT_SPACE, d) };
}

/**
 * A sealed document (GB/T 9704-2012 §7.3.5.1, one issuing agency): the date 右空四字, the agency
 * name centred on the date line; the seal (about four lines high) sits above them, its top within
 * one line of the body, pressing on the name and the date. Right indents in characters.
 */
export function sealedSignoffPlacement(name: string, date: string | undefined, lineChars = 28): SignoffPlacement & { sealRight: number } {
  const n = textWidthInChars(name);
  const clamp = (right: number, width: number) => Math.max(0, Math.min(right, lineChars - width));
  const SEALED_DATE_RIGHT = 4;
  if (date === undefined) return { nameRight: clamp(SEALED_DATE_RIGHT, n), sealRight: clamp(SEALED_DATE_RIGHT, 4) };
  const d = textWidthInChars(date);
  const dateRight = clamp(SEALED_DATE_RIGHT, d);
  // Centre of the date line, measured from the right margin, is dateRight + d/2.
  const centre = dateRight + d / 2;
  return { nameRight: clamp(centre - n / 2, n), dateRight, sealRight: clamp(centre - 2, 4) };
}
