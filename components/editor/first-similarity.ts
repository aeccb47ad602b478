// 内容雷同 with last year, as the page first shows it: computed on the server (report-editor.tsx)
// for the text each narrative opens with, so the browser's first load carries no similarity code
// (lib/rules/similarity.ts comes with the rule engine, rules-loader.ts). Shared by the server
// component and the browser: no similarity code here.
import type { ReportDoc } from "@/lib/data/types";
import type { NarrativeKey } from "@/lib/template";
import type { EditorArchive } from "./context";

/** What RepeatedPassages shows, and a fingerprint of the text it was computed for. */
export interface FirstSimilarity {
  of: string;
  ratio: number;
  /** SIMILARITY_THRESHOLD (lib/rules/similarity.ts): at or above it the section is 内容雷同. */
  threshold: number;
  text: string;
  passages: { start: number; end: number; text: string }[];
}

export type FirstSimilarities = Partial<Record<NarrativeKey, FirstSimilarity>>;

/** Last year's text of a narrative section: the statutory report's, else the archived old-style one's. */
export function lastYearText(previous: ReportDoc | null, archive: EditorArchive | null, key: NarrativeKey): string {
  return (previous ? previous.narrative[key] : archive?.narrative[key])?.trim() ?? "";
}

/** A short fingerprint of a text (its length and a 32-bit FNV-1a hash): the server's result fits only the text it was computed for. */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `${text.length}:${(h >>> 0).toString(36)}`;
}

/**
 * The highlighted text cut to what Highlighted (highlighted.tsx) shows — the passages and at most
 * 41 characters before each — so the page does not carry each narrative twice.
 */
export function shortened(text: string, passages: readonly { start: number; end: number; text: string }[]): Pick<FirstSimilarity, "text" | "passages"> {
  let out = "";
  const kept: FirstSimilarity["passages"] = [];
  passages.forEach((p, i) => {
    const before = text.slice(i === 0 ? 0 : passages[i - 1]!.end, p.start);
    out += before.length > 40 ? before.slice(-41) : before;
    kept.push({ start: out.length, end: out.length + p.text.length, text: p.text });
    out += p.text;
  });
  return { text: out, passages: kept };
}
