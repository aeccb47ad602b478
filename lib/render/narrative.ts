// How a narrative paragraph is printed. GB/T 9704 sets the second heading level 「（一）」 in 楷体
// (document-format.md §3); levels 3–4 (「1.」「（1）」) and enumerations such as 「一是」 stay in the
// body font, so they need no treatment. A 「（一）」 line is styled only when its shape is
// unambiguous — anything else is printed as an ordinary paragraph, which is always correct.

import { textWidthInChars } from "./text";

export type NarrativeBlock =
  /** A line that is only a level-2 heading: 「（一）收取信息处理费情况」. */
  | { kind: "heading"; text: string }
  /**
   * A paragraph. `lead` is a run-in level-2 heading at its start — 「（一）主动公开。」 in
   * 「（一）主动公开。全年主动公开信息436条…」 — printed in 楷体; `text` is the rest of the line.
   */
  | { kind: "paragraph"; text: string; lead?: string };

// （一） … （二十）: full-width parentheses, as the format writes them.
const LEVEL2 = /^（[一二三四五六七八九十]{1,3}）/;
/** A heading alone on its line: short, no sentence punctuation (a closing colon or 。 is allowed). */
const MAX_HEADING_CHARS = 30;
/** A run-in heading: the first sentence, short, with no pause inside it. */
const MAX_LEAD_CHARS = 20;

export function classifyLine(line: string): NarrativeBlock {
  const marker = LEVEL2.exec(line);
  if (!marker) return { kind: "paragraph", text: line };
  // A closing colon or full stop does not make a heading a sentence: 「（一）主动公开。」 typed by hand
  // alone on its line is the same heading the editor inserts as 「（一）主动公开」.
  const body = line.replace(/[：:。]$/, "");
  if (body.length > marker[0].length && !/[。；！？，,;!?]/.test(body) && textWidthInChars(line) <= MAX_HEADING_CHARS) {
    return { kind: "heading", text: line };
  }
  const stop = line.indexOf("。");
  if (stop > marker[0].length && stop < line.length - 1) {
    const lead = line.slice(0, stop + 1);
    if (textWidthInChars(lead) <= MAX_LEAD_CHARS && !/[，；：,;:]/.test(lead)) {
      return { kind: "paragraph", lead, text: line.slice(stop + 1) };
    }
  }
  return { kind: "paragraph", text: line };
}
