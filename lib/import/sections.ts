// Section headings. The six statutory headings come from the template (every edition's sections,
// deduplicated); the printed heading may be reworded (「五、政府信息公开工作存在的主要问题及改进情况」,
// 「五、存在的主要问题及改进措施」, 「四、因政府信息公开工作被申请行政复议、提起行政诉讼情况」), so a
// heading matches when its number is right and its wording is close (contained, or bigram Dice ≥ 0.6).
// Legacy reports have free headings; there only the numbering 「一、」「二、」… in sequence counts.

import { EDITIONS, type SectionKey, type SectionNumber } from "../template";
import { hanNumeralValue, normalizeLabel, splitNumbering } from "./normalize";
import { bigramDice } from "./similarity";
import type { Block, Paragraph } from "./source";

interface HeadingDef {
  number: SectionNumber;
  key: SectionKey;
  heading: string;
  core: string;
}

const STATUTORY: readonly HeadingDef[] = (() => {
  const seen = new Map<string, HeadingDef>();
  for (const e of EDITIONS) {
    for (const s of e.sections) {
      const core = splitNumbering(normalizeLabel(s.heading)).core;
      const id = `${s.number}${core}`;
      if (!seen.has(id)) seen.set(id, { number: s.number, key: s.key, heading: s.heading, core });
    }
  }
  return [...seen.values()];
})();

const LAST: SectionNumber = "六";
const LATER: readonly string[] = ["七", "八", "九", "十"];

/** A heading is a short line; longer paragraphs are never headings. */
const MAX_HEADING_LENGTH = 60;

function headingSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (Math.min([...a].length, [...b].length) >= 4 && (a.includes(b) || b.includes(a))) return 0.9;
  return bigramDice(a, b);
}

export interface StatutoryHeadingMatch {
  number: SectionNumber;
  key: SectionKey;
  /** The template heading it stands for. */
  heading: string;
}

/**
 * The statutory section a printed line is the heading of, or undefined. A numbered line
 * (「五、…」) must carry the section's own number; an unnumbered one (Word auto-numbering drops the
 * 「一、」 from the text) must be worded almost exactly as the template.
 */
export function matchStatutoryHeading(text: string): StatutoryHeadingMatch | undefined {
  if ([...text.trim()].length > MAX_HEADING_LENGTH) return undefined;
  const { numbering, core } = splitNumbering(normalizeLabel(text));
  if (core === "" || numbering.startsWith("(") || /^\d/.test(numbering)) return undefined;
  const number = numbering ? numbering.slice(0, -1) : undefined;
  let best: { h: HeadingDef; sim: number } | undefined;
  for (const h of STATUTORY) {
    const sim = headingSimilarity(core, h.core);
    // The last section numbered on (「七、其他需要报告的事项」 in a report that added a section of
    // its own) counts when worded as the template's; other sections keep their numbers (an old-style
    // report's 「三、主动公开政府信息情况」 is not section 二).
    const renumbered = number !== undefined && h.number === LAST && LATER.includes(number);
    const min = number === undefined ? 0.85 : number === h.number ? 0.6 : renumbered ? 0.9 : Infinity;
    if (sim >= min && (!best || sim > best.sim)) best = { h, sim };
  }
  return best ? { number: best.h.number, key: best.h.key, heading: best.h.heading } : undefined;
}

const ORDER: readonly SectionNumber[] = ["一", "二", "三", "四", "五", "六"];

export interface FoundHeading extends StatutoryHeadingMatch {
  /** Index of the heading paragraph in the block list. */
  index: number;
  paragraph: Paragraph;
}

/**
 * The statutory headings of a document, in order: each section at most once, and only after the
 * sections before it (a 「三、…」 inside section 五's text is not section 三).
 */
export function findStatutoryHeadings(blocks: readonly Block[]): FoundHeading[] {
  const found: FoundHeading[] = [];
  let last = -1;
  blocks.forEach((b, index) => {
    if (b.type !== "paragraph") return;
    const m = matchStatutoryHeading(b.text);
    if (!m) return;
    const pos = ORDER.indexOf(m.number);
    if (pos <= last) return;
    last = pos;
    found.push({ ...m, index, paragraph: b });
  });
  return found;
}

/**
 * The number (1, 2, …) of a legacy top-level heading 「一、概述」, or undefined. Sub-headings
 * （「（一）…」「1.…」） and sentences are not headings.
 */
export function legacyHeadingNumber(text: string): number | undefined {
  if ([...text.trim()].length > 50) return undefined;
  const norm = normalizeLabel(text);
  const { numbering, core } = splitNumbering(norm);
  if (!numbering.endsWith("、") || core === "" || /[。；;]$/.test(text.trim())) return undefined;
  return hanNumeralValue(numbering.slice(0, -1));
}

export interface LegacyHeading {
  index: number;
  number: number;
  paragraph: Paragraph;
}

/** Legacy headings: numbered 「一、」「二、」… in sequence, starting at 一. */
export function findLegacyHeadings(blocks: readonly Block[]): LegacyHeading[] {
  const found: LegacyHeading[] = [];
  blocks.forEach((b, index) => {
    if (b.type !== "paragraph") return;
    const n = legacyHeadingNumber(b.text);
    if (n !== undefined && n === found.length + 1) found.push({ index, number: n, paragraph: b });
  });
  return found;
}
