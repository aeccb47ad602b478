// Normalising text for matching against the template's labels and headings.
//
// Published reports print the same label in many ways: full- or half-width punctuation
// （（）vs ()，：vs :，，vs ,), 「1、」 vs 「1.」, line breaks and spaces inside cells (「商业 企业」),
// straight or curly quotes, traditional characters. Both the template label and the printed text
// go through `normalizeLabel`, and labels are then compared in that form — never the printed text
// itself, which the importer keeps as published.

import { TRADITIONAL_TO_SIMPLIFIED } from "./traditional";

const CIRCLED_NUMBERS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
/** Whitespace (incl. U+3000, NBSP) and invisible characters that scraping leaves inside labels. */
const SPACE_LIKE = /[\s\u200b-\u200d\u2060\u00ad]+/g;
/** Quotation marks: 「危及“三安全一稳定”」 is printed with “ ”, " ", 「 」 or without quotes. */
const QUOTES = /[“”‘’"'「」『』〝〞]/g;
const HAN_NUMERALS = "一二三四五六七八九十";

/**
 * One character folded for matching without changing the text's length: traditional → simplified
 * (explicit table), full-width → half-width (NFKC when it yields one character).
 * Length-preserving so that a match found in the folded text can be cut out of the original.
 */
export function foldChar(ch: string): string {
  const simplified = TRADITIONAL_TO_SIMPLIFIED.get(ch);
  if (simplified) return simplified;
  const n = ch.normalize("NFKC");
  return n.length === ch.length ? n : ch;
}

/** `foldChar` over a whole text; the result has the same length, position for position. */
export function foldText(text: string): string {
  let out = "";
  for (const ch of text) out += foldChar(ch);
  return out;
}

export interface Numbered {
  /** Canonical numbering prefix: "一、", "(一)", "1." or "" when the label has none. */
  numbering: string;
  /** The label after its numbering. */
  core: string;
}

/**
 * Splits a NORMALISED label into its numbering and the rest, canonicalising the numbering:
 * 「一，」「一.」→「一、」; 「（一）、」→「(一)」; 「1、」「1，」「(1)」「1)」→「1.」.
 * A numeral not followed by punctuation is no numbering (「一是…」, 「2020年…」).
 */
export function splitNumbering(norm: string): Numbered {
  let m = /^\(([一二三四五六七八九十]{1,3})\)[、.,:]?/.exec(norm);
  if (m) return { numbering: `(${m[1]})`, core: norm.slice(m[0].length) };
  m = /^([一二三四五六七八九十]{1,3})[、.,:]/.exec(norm);
  if (m) return { numbering: `${m[1]}、`, core: norm.slice(m[0].length) };
  m = /^\((\d{1,2})\)[、.,:]?/.exec(norm);
  if (m) return { numbering: `${m[1]}.`, core: norm.slice(m[0].length) };
  m = /^(\d{1,2})[、.,:)](?!\d)/.exec(norm);
  if (m) return { numbering: `${m[1]}.`, core: norm.slice(m[0].length) };
  return { numbering: "", core: norm };
}

/**
 * The matching form of a label or heading: NFKC (full-width → half-width), traditional →
 * simplified, circled numbers → 「1.」, no whitespace, no quotes, canonical numbering, no trailing
 * colon or full stop. Two labels are "the same" when their normalised forms are equal.
 */
export function normalizeLabel(text: string): string {
  let s = text;
  const first = s.trimStart()[0];
  if (first !== undefined && CIRCLED_NUMBERS.includes(first)) {
    s = `${CIRCLED_NUMBERS.indexOf(first) + 1}.${s.trimStart().slice(1)}`;
  }
  s = s.normalize("NFKC");
  let simplified = "";
  for (const ch of s) simplified += TRADITIONAL_TO_SIMPLIFIED.get(ch) ?? ch;
  s = simplified.replace(SPACE_LIKE, "").replace(QUOTES, "");
  s = s.replace(/[:.。]+$/u, "");
  const { numbering, core } = splitNumbering(s);
  return numbering + core;
}

/**
 * A cell that stands for "nothing here": 「/」「-」「—」「——」「－」 and the like (format-2021.md §8:
 * some reports print "/" in every empty cell). It is read as blank (null), not as 0.
 */
export function isFiller(text: string): boolean {
  const s = text.normalize("NFKC").replace(SPACE_LIKE, "");
  return s.length > 0 && /^[/\\\-_.·…—–―‐‑−~]+$/u.test(s);
}

/** True when the text contains at least one Han character. */
export function hasHan(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}

/** Han numeral 一…十 → 1…10 (numbering of sections), undefined otherwise. */
export function hanNumeralValue(numeral: string): number | undefined {
  if (numeral === "十") return 10;
  if (numeral.length === 1) {
    const i = HAN_NUMERALS.indexOf(numeral);
    return i >= 0 ? i + 1 : undefined;
  }
  if (numeral.length === 2 && numeral[0] === "十") {
    const u = HAN_NUMERALS.indexOf(numeral[1]!);
    return u >= 0 && u < 9 ? 10 + u + 1 : undefined;
  }
  return undefined;
}

/** Shortens a text for a message: first `max` characters, then "…". */
export function excerpt(text: string, max = 30): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}
