// Section headings. The six statutory headings come from the template (every edition's sections,
// deduplicated); the printed heading may be reworded (「五、政府信息公开工作存在的主要问题及改进情况」,
// 「五、存在的主要问题及改进措施」, 「四、因政府信息公开工作被申请行政复议、提起行政诉讼情况」), so a
// heading matches when its number is right and its wording is close (contained, or bigram Dice ≥ 0.6).
// Legacy reports have free headings; there only the numbering 「一、」「二、」… in sequence counts.

import { EDITIONS, SECTION_NUMBERS, type SectionKey, type SectionNumber } from "../template";
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

const ORDER: readonly SectionNumber[] = SECTION_NUMBERS;

export interface FoundHeading extends StatutoryHeadingMatch {
  /** Index of the heading paragraph in the block list. */
  index: number;
  paragraph: Paragraph;
  /**
   * The heading was lost (extraction dropped it) and the section was recognised by its content:
   * `paragraph` is the section's first paragraph (`by`, as printed: for 一 the first after the
   * report's opening, otherwise one of the template's sub-block headings such as
   * 「（一）收取信息处理费情况」) and belongs to the section's text.
   */
  inferred?: { by: string };
}

/**
 * Per narrative section, the cores of the template's sub-block labels (「（一）收取信息处理费情况」 →
 * 「收取信息处理费情况」), any edition; a core claimed by two sections identifies neither.
 */
const SUB_BLOCKS: ReadonlyMap<SectionNumber, readonly { core: string }[]> = (() => {
  const owners = new Map<string, Set<SectionNumber>>();
  for (const e of EDITIONS) {
    for (const s of e.sections) {
      if (s.kind !== "narrative") continue;
      for (const b of s.subBlocks ?? []) {
        const core = splitNumbering(normalizeLabel(b.label)).core;
        if (core === "") continue;
        (owners.get(core) ?? owners.set(core, new Set()).get(core)!).add(s.number);
      }
    }
  }
  const out = new Map<SectionNumber, { core: string }[]>();
  for (const [core, numbers] of owners) {
    if (numbers.size !== 1) continue;
    const n = [...numbers][0]!;
    (out.get(n) ?? out.set(n, []).get(n)!).push({ core });
  }
  return out;
})();

/** A paragraph that opens with one of the section's sub-block headings (numbered 「（一）」 or not). */
function opensSubBlock(text: string, number: SectionNumber): boolean {
  const { core } = splitNumbering(normalizeLabel(text.slice(0, 80)));
  return SUB_BLOCKS.get(number)?.some((b) => core.startsWith(b.core)) ?? false;
}

/** The report's opening paragraph (「本报告根据……编制」), which comes before section 一. */
function isPreambleLike(text: string): boolean {
  const t = normalizeLabel(text);
  return /本(年度)?报告/.test(t) || /^(根据|按照|依据).*编制/.test(t);
}

/**
 * Narrative sections whose heading was lost but whose content is recognisable (issue 15 §9): the
 * first paragraph, between the neighbouring found headings, that opens with one of the section's
 * template sub-block headings starts the section. Only where the order leaves room for it.
 */
function inferLostHeadings(blocks: readonly Block[], found: FoundHeading[]): FoundHeading[] {
  const out = [...found];
  for (const def of STATUTORY) {
    if (out.some((h) => h.number === def.number) || def.number !== "一" && !SUB_BLOCKS.has(def.number)) continue;
    const pos = ORDER.indexOf(def.number);
    const before = out.filter((h) => ORDER.indexOf(h.number) < pos).at(-1);
    const after = out.find((h) => ORDER.indexOf(h.number) > pos);
    // Section 一's text follows the title and preamble; any later section follows its predecessor's heading.
    if (pos > 0 && !before) continue;
    const from = before ? before.index + 1 : 0;
    const to = after ? after.index : blocks.length;
    if (pos === 0) {
      // Section 一 is the text between the report's opening (「本报告根据……编制」) and the next heading.
      if (!after) continue;
      let start = from;
      for (let i = from; i < to; i++) {
        const b = blocks[i]!;
        if (b.type === "paragraph" && isPreambleLike(b.text)) start = i + 1;
      }
      const first = blocks.slice(start, to).findIndex((b) => b.type === "paragraph" && b.text.trim() !== "");
      if (first < 0) continue;
      const paragraph = blocks[start + first] as Paragraph;
      out.push({ number: def.number, key: def.key, heading: def.heading, index: start + first, paragraph, inferred: { by: paragraph.text } });
    } else {
      for (let index = from; index < to; index++) {
        const b = blocks[index]!;
        if (b.type !== "paragraph" || !opensSubBlock(b.text, def.number)) continue;
        out.push({ number: def.number, key: def.key, heading: def.heading, index, paragraph: b, inferred: { by: b.text } });
        break;
      }
    }
    out.sort((a, b) => a.index - b.index);
  }
  return out;
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
  return inferLostHeadings(blocks, found);
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
