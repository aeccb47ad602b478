// Fonts and sizes of every kind of run (document-format.md §1.3–1.5, §2, §4.3).
//
// Word picks a font per character: Chinese characters use the `eastAsia` slot, ASCII digits and
// letters the `ascii` slot, other ranges `hAnsi`. So every run names all four slots — a run with
// only `eastAsia` would print its digits in the theme font — and carries `hint="eastAsia"`, which
// makes Word set the characters that both scripts share (“ ” ‘ ’ — …) in the Chinese font, as
// Chinese typesetting expects. The names are the font products Chinese offices have installed
// (仿宋_GB2312, 楷体_GB2312, 方正小标宋简体); the font table below tells Word what to use when they
// are missing, and lib/render/docx/fonts/zh-fonts.conf does the same for LibreOffice on Linux.

import type { IRunOptions } from "docx";
import { BODY_CHARACTER_SPACING } from "./geometry";

/** Chinese font names as written into the document. */
export const CJK_FONT = {
  title: "方正小标宋简体",
  heading1: "黑体",
  heading2: "楷体_GB2312",
  body: "仿宋_GB2312",
  pageNumber: "宋体",
} as const;

/** Digits and Latin letters in body text: Times New Roman, the common office practice (§1.3). */
export const LATIN_FONT = "Times New Roman";

/** Font sizes in half-points (Word's `w:sz`). */
export const SIZE = {
  二号: 44,
  三号: 32,
  四号: 28,
  五号: 21,
} as const;

export type RunRole = "title" | "heading1" | "heading2" | "body" | "tableHeader" | "tableText" | "pageNumber";

interface RoleFont {
  eastAsia: string;
  latin: string;
  size: number;
  characterSpacing?: number;
}

/**
 * Tables: 五号 (10.5 pt) — the tables have up to 15 columns in a 156 mm text area, so 3号 cannot
 * fit (§2: dense forms use 仿宋 五号); header cells in 黑体 to set them off (§2 "Header row").
 */
export const ROLE_FONT: Record<RunRole, RoleFont> = {
  title: { eastAsia: CJK_FONT.title, latin: LATIN_FONT, size: SIZE.二号 },
  heading1: { eastAsia: CJK_FONT.heading1, latin: LATIN_FONT, size: SIZE.三号, characterSpacing: BODY_CHARACTER_SPACING },
  heading2: { eastAsia: CJK_FONT.heading2, latin: LATIN_FONT, size: SIZE.三号, characterSpacing: BODY_CHARACTER_SPACING },
  body: { eastAsia: CJK_FONT.body, latin: LATIN_FONT, size: SIZE.三号, characterSpacing: BODY_CHARACTER_SPACING },
  tableHeader: { eastAsia: CJK_FONT.heading1, latin: LATIN_FONT, size: SIZE.五号 },
  tableText: { eastAsia: CJK_FONT.body, latin: LATIN_FONT, size: SIZE.五号 },
  // 4号 半角宋体 digits between two 一字线; 宋体 on all four slots, digits included (§1.5).
  pageNumber: { eastAsia: CJK_FONT.pageNumber, latin: CJK_FONT.pageNumber, size: SIZE.四号 },
};

/**
 * Language of every run: Chinese text is zh-CN, so renderers choose the Simplified glyph forms.
 * The Latin slot stays en-US on purpose: with `w:val="zh-CN"` LibreOffice applies Chinese line
 * breaking to the digits too and split 「12期」 as 「1」|「2期」 at a line end (seen in the tests).
 */
export const LANGUAGE = { value: "en-US", eastAsia: "zh-CN" } as const;

export function runFont(role: RunRole) {
  const f = ROLE_FONT[role];
  return { ascii: f.latin, hAnsi: f.latin, cs: f.latin, eastAsia: f.eastAsia, hint: "eastAsia" };
}

/** The formatting of a run of this role (also used for paragraph marks, so empty cells keep the table's size). */
export function runFormat(role: RunRole): Pick<IRunOptions, "font" | "size" | "language" | "characterSpacing"> {
  const f = ROLE_FONT[role];
  const o: Pick<IRunOptions, "font" | "size" | "language" | "characterSpacing"> = { font: runFont(role), size: f.size, language: LANGUAGE };
  return f.characterSpacing ? { ...o, characterSpacing: f.characterSpacing } : o;
}

// ------------------------------------------------------------------------------ font table

interface FontTableEntry {
  name: string;
  /** Another name of the same or an equivalent face, which Word tries when `name` is missing. */
  altName?: string;
  /** 86 = GB2312 (Simplified Chinese), 00 = ANSI. Lets Word substitute a font of the right script. */
  charset: "86" | "00";
  family: "modern" | "roman" | "swiss" | "auto";
  pitch: "fixed" | "variable";
}

/**
 * Fallbacks for Word and WPS: Windows 10/11 ships 仿宋 and 楷体 but not the _GB2312 versions, and
 * 方正小标宋简体 is a commercial font. The entries below name the closest system font as `altName`
 * (the way WPS-made government documents do) and mark the fonts as Chinese (charset 86), so a
 * machine without them still prints 仿宋/楷体/宋体 instead of a Latin fallback. How strongly Word
 * follows `altName` is UNCONFIRMED; the charset alone already keeps the substitute Chinese.
 */
const FONT_TABLE: FontTableEntry[] = [
  { name: CJK_FONT.body, altName: "仿宋", charset: "86", family: "modern", pitch: "fixed" },
  { name: CJK_FONT.heading2, altName: "楷体", charset: "86", family: "modern", pitch: "fixed" },
  { name: CJK_FONT.heading1, altName: "SimHei", charset: "86", family: "modern", pitch: "fixed" },
  { name: CJK_FONT.title, altName: "宋体", charset: "86", family: "auto", pitch: "variable" },
  { name: CJK_FONT.pageNumber, altName: "SimSun", charset: "86", family: "auto", pitch: "variable" },
  { name: LATIN_FONT, charset: "00", family: "roman", pitch: "variable" },
];

const escapeXmlAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** word/fontTable.xml (the `docx` package writes an empty one). */
export function fontTableXml(): string {
  const fonts = FONT_TABLE.map(
    (f) =>
      `<w:font w:name="${escapeXmlAttr(f.name)}">` +
      (f.altName ? `<w:altName w:val="${escapeXmlAttr(f.altName)}"/>` : "") +
      `<w:charset w:val="${f.charset}"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`,
  ).join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
    `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${fonts}</w:fonts>`
  );
}
