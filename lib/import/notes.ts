// Collecting the importer's notes. Every note is Chinese and starts with where it is in the source,
// so that a user holding the published document can find the place.

import type { TableKey } from "../template";
import { excerpt } from "./normalize";
import type { ImportNote, NoteCode, SourceLocation } from "./types";

/** 「第 12 行」, 「第 3 段」, 「表格 2 第 4 行第 3 列」, 「第 40 行（表格 1 第 4 行第 3 列）」, or 「文档」. */
export function describeLocation(at: SourceLocation | undefined): string {
  if (!at) return "文档";
  const inTable =
    at.table !== undefined
      ? `表格 ${at.table}${at.row !== undefined ? ` 第 ${at.row} 行` : ""}${at.column !== undefined ? `第 ${at.column} 列` : ""}`
      : "";
  const line = at.line !== undefined ? `第 ${at.line} 行` : at.paragraph !== undefined ? `第 ${at.paragraph} 段` : "";
  const base = at.page !== undefined ? `第 ${at.page} 页${line}` : line;
  if (base && inTable) return `${base}（${inTable}）`;
  return base || inTable || "文档";
}

export interface NoteExtra {
  table?: TableKey;
  cell?: string;
  text?: string;
}

function note(code: NoteCode, at: SourceLocation | undefined, detail: string, extra: NoteExtra = {}): ImportNote {
  const n: ImportNote = { code, message: `${describeLocation(at)}：${detail}` };
  if (at) n.at = at;
  if (extra.table) n.table = extra.table;
  if (extra.cell) n.cell = extra.cell;
  if (extra.text !== undefined) n.text = excerpt(extra.text, 300);
  return n;
}

/** The three lists a run of the importer fills. */
export class Notes {
  readonly warnings: ImportNote[] = [];
  readonly unrecognized: ImportNote[] = [];
  readonly errors: ImportNote[] = [];

  /** Imported, but worth checking. */
  warn(code: NoteCode, at: SourceLocation | undefined, detail: string, extra?: NoteExtra): void {
    this.warnings.push(note(code, at, detail, extra));
  }

  /** Not imported: reported so that nothing is dropped silently. */
  unrecognize(code: NoteCode, at: SourceLocation | undefined, detail: string, extra?: NoteExtra): void {
    this.unrecognized.push(note(code, at, detail, extra));
  }

  /** The source is unusable. */
  error(code: NoteCode, at: SourceLocation | undefined, detail: string, extra?: NoteExtra): void {
    this.errors.push(note(code, at, detail, extra));
  }
}

/**
 * Notes in document order: by source line when every located note has one (text, HTML);
 * notes about the whole document first. Docx notes (paragraphs and tables are numbered apart)
 * keep the order in which they were found. The sort is stable.
 */
export function inDocumentOrder(notes: readonly ImportNote[]): ImportNote[] {
  if (notes.some((n) => n.at !== undefined && n.at.line === undefined)) return [...notes];
  return [...notes].sort((a, b) => (a.at?.line ?? 0) - (b.at?.line ?? 0));
}
