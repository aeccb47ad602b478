// Text clean-up shared by the .docx and HTML renderers. Narratives and meta fields are free text
// typed or pasted by users (or produced by importers), so they may contain characters that would
// corrupt the output: XML 1.0 forbids most C0 control characters (one of them makes Word refuse
// the whole file), and HTML turns them into parse errors.

// C0 controls other than TAB/LF/CR, the two non-characters U+FFFE/U+FFFF, and lone surrogates.
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes characters that XML 1.0 (and so .docx) cannot carry. Everything else is kept verbatim. */
export function cleanText(s: string): string {
  return s.replace(XML_ILLEGAL, "");
}

// Leading/trailing whitespace of a paragraph, including the ideographic space (U+3000) that people
// type to "indent" Chinese paragraphs by hand: the renderers indent paragraphs themselves.
const EDGE_SPACE = /^[\s\u3000]+|[\s\u3000]+$/g;

/** A trimmed single line (tabs and inner line breaks become one space). */
export function cleanLine(s: string): string {
  return cleanText(s).replace(/[\t\r\n]+/g, " ").replace(EDGE_SPACE, "");
}

/**
 * Paragraphs of a plain-text field: split on line breaks ("\n", also "\r\n" and "\r" from pasted
 * Windows text), each trimmed, empty lines dropped. `undefined`/`null` give no paragraph.
 */
export function splitParagraphs(s: string | null | undefined): string[] {
  if (!s) return [];
  return cleanText(s)
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/\t+/g, " ").replace(EDGE_SPACE, ""))
    .filter((line) => line.length > 0);
}

/**
 * Width of a text in "characters" of the body font: CJK characters and full-width forms count 1,
 * everything else (ASCII digits and letters, set in the half-width Latin font) counts ½.
 * Used to place the signature and date (GB/T 9704 counts that placement in characters).
 */
export function textWidthInChars(s: string): number {
  let w = 0;
  for (const ch of s) w += isFullWidth(ch.codePointAt(0)!) ? 1 : 0.5;
  return w;
}

function isFullWidth(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) || // Hangul Jamo
    (cp >= 0x2e80 && cp <= 0x303e) || // CJK radicals … CJK symbols and punctuation
    (cp >= 0x3041 && cp <= 0x33ff) || // kana … CJK compatibility
    (cp >= 0x3400 && cp <= 0x4dbf) || // CJK extension A
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK unified ideographs
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) || // CJK compatibility ideographs
    (cp >= 0xfe30 && cp <= 0xfe4f) || // CJK compatibility forms
    (cp >= 0xff00 && cp <= 0xff60) || // full-width forms
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd) || // CJK extensions B…
    cp === 0x2014 || // — the 一字线 is full width in Chinese fonts
    cp === 0x201c ||
    cp === 0x201d || // “ ” are set in the East Asian font (w:hint="eastAsia")
    cp === 0x2018 ||
    cp === 0x2019 ||
    cp === 0x2026
  );
}
