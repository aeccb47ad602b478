// 内容雷同: how much of a narrative section repeats another text (last year's same section, or
// another agency's report of the same year). The official notice sanctions 「内容雷同」; this
// measures it. Method: the share of this text's characters covered by 10-character passages that
// also occur in the other text (punctuation and spaces ignored, so re-punctuated copies still count),
// and the repeated passages themselves, for highlighting.
import { withoutTemplateLines } from "./template-lines";

/** Shingle length, in characters. Ten CJK characters are a phrase; shorter runs match boilerplate. */
export const SHINGLE = 10;
/** At or above this share of repeated characters a section counts as 雷同 (a warning). */
export const SIMILARITY_THRESHOLD = 0.5;
/**
 * Below this many characters a section is too short to judge: 「无」, or a few mandated statements
 * such as 「本年度未收取政府信息公开信息处理费」, which are meant to read the same every year.
 */
export const MIN_LENGTH = 100;
/**
 * Only this many leading characters of a text are compared (issue 14: bound every comparison of
 * user text). Saved narratives are capped at 30,000 characters (lib/data/schema.ts); this also
 * bounds texts stored before that cap, imported archives and peers' texts.
 */
export const MAX_COMPARED_CHARS = 30_000;

export interface Passage {
  /** Offsets into the original text (end exclusive). */
  start: number;
  end: number;
  text: string;
}

export interface SimilarityResult {
  /** 0…1: share of this text's (non-punctuation) characters inside repeated passages. */
  ratio: number;
  passages: Passage[];
}

/** The template's own sub-headings are meant to repeat every year (./template-lines.ts). */
export { withoutTemplateLines };

/** Similarity of a narrative section to the same section of another report, template sub-headings aside. */
export function sectionSimilarity(section: { subBlocks?: readonly { label: string }[] }, text: string, other: string): SimilarityResult & { text: string } {
  const labels = (section.subBlocks ?? []).map((b) => b.label);
  const cleaned = withoutTemplateLines(text, labels);
  return { ...similarity(cleaned, withoutTemplateLines(other, labels)), text: cleaned };
}

const IGNORED = /[\s\p{P}\p{S}]/u;

/**
 * False for whitespace, punctuation and symbols. CJK ideographs, ASCII letters and digits — nearly
 * every character of a report — are decided without the (slow) Unicode property test.
 */
export function isSignificant(cp: number): boolean {
  if (cp >= 0x4e00 && cp <= 0x9fff) return true;
  if ((cp >= 0x30 && cp <= 0x39) || ((cp | 0x20) >= 0x61 && (cp | 0x20) <= 0x7a)) return true;
  return !IGNORED.test(String.fromCodePoint(cp));
}

/** The text's significant characters with their offsets in the original. */
export function significant(text: string): { chars: string[]; at: number[] } {
  const chars: string[] = [];
  const at: number[] = [];
  const end = Math.min(text.length, MAX_COMPARED_CHARS);
  for (let i = 0; i < end; ) {
    const cp = text.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    if (isSignificant(cp)) {
      chars.push(len === 1 ? text[i]! : text.slice(i, i + 2));
      at.push(i);
    }
    i += len;
  }
  return { chars, at };
}

const shingleCache = new Map<string, Set<string>>();

function shinglesOf(text: string): Set<string> {
  const hit = shingleCache.get(text);
  if (hit) return hit;
  const { chars } = significant(text);
  const set = new Set<string>();
  for (let i = 0; i + SHINGLE <= chars.length; i++) set.add(chars.slice(i, i + SHINGLE).join(""));
  // The reference texts (last year's report) are the same on every keystroke: keep a few.
  if (shingleCache.size > 32) shingleCache.clear();
  shingleCache.set(text, set);
  return set;
}

/**
 * Results by text: an autosave re-validates every section, but between two saves most sections are
 * unchanged (a cell edit changes none) and last year's text never changes — so the same pair is
 * compared again and again (~30–100 µs a section). A hit needs both texts equal; the result is
 * frozen (shared by every caller). Bounded by the characters it keeps, oldest out first.
 */
const resultCache = new Map<string, { other: string; result: SimilarityResult }>();
const RESULT_CACHE_CHARS = 4_000_000;
let resultCacheChars = 0;

export function similarity(text: string, other: string): SimilarityResult {
  const hit = resultCache.get(text);
  if (hit && hit.other === other) {
    resultCache.delete(text); // most recently used last: the map's order is the eviction order
    resultCache.set(text, hit);
    return hit.result;
  }
  const result = computeSimilarity(text, other);
  for (const p of result.passages) Object.freeze(p);
  Object.freeze(result.passages);
  Object.freeze(result);
  if (hit) {
    resultCache.delete(text);
    resultCacheChars -= text.length + hit.other.length;
  }
  resultCache.set(text, { other, result });
  resultCacheChars += text.length + other.length;
  for (const [k, v] of resultCache) {
    if (resultCacheChars <= RESULT_CACHE_CHARS) break;
    resultCache.delete(k);
    resultCacheChars -= k.length + v.other.length;
  }
  return result;
}

function computeSimilarity(text: string, other: string): SimilarityResult {
  const { chars, at } = significant(text);
  if (chars.length < MIN_LENGTH || !other.trim()) return { ratio: 0, passages: [] };
  const ref = shinglesOf(other);
  const covered = new Uint8Array(chars.length);
  for (let i = 0; i + SHINGLE <= chars.length; i++) {
    if (ref.has(chars.slice(i, i + SHINGLE).join(""))) covered.fill(1, i, i + SHINGLE);
  }
  return coverageResult(text, at, covered);
}

/**
 * The result for a text whose significant characters `covered` marks as repeated: the share of
 * them, and the repeated runs as passages of the original text.
 */
export function coverageResult(text: string, at: readonly number[], covered: Uint8Array): SimilarityResult {
  const n = covered.length;
  let count = 0;
  const passages: Passage[] = [];
  for (let i = 0; i < n; ) {
    if (!covered[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && covered[j]) j++;
    count += j - i;
    const start = at[i]!;
    const last = at[j - 1]!;
    const end = last + (text.codePointAt(last)! > 0xffff ? 2 : 1);
    passages.push({ start, end, text: text.slice(start, end) });
    i = j;
  }
  return { ratio: n === 0 ? 0 : count / n, passages };
}
