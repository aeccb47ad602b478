// Page geometry of GB/T 9704-2012 in Word units (twips = 1/20 pt), from document-format.md §0/§1.
// Plain integers on purpose: `convertMillimetersToTwip` truncates (37 mm → 2097, 210 mm → 11905)
// and string measures ("37mm") are not accepted by every Word version (§4.3).

/** mm → twips, rounded (1 mm = 1440/25.4 twips). */
export const mmToTwips = (mm: number): number => Math.round((mm * 1440) / 25.4);

/** A4 as Word writes it. */
export const PAGE = { width: 11906, height: 16838 } as const;

/** 天头 37 mm, 订口 28 mm; bottom 35 mm and right 26 mm follow from the 156 × 225 mm text area. */
export const MARGIN = { top: 2098, bottom: 1984, left: 1587, right: 1474 } as const;

/** Width of the text area (版心): 156 mm. */
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right; // 8845

/**
 * Exact line pitch: 22 lines in the 225 mm text area. 579 twips (28.95 pt) is the largest whole
 * value that still gives 22 lines (LibreOffice puts 21 lines on a page at 580), see §1.2.
 */
export const LINE_PITCH = 579;

/** One character of 3号 (16 pt) text, the unit of indents such as 「空二字」. */
export const CHAR = 320;

/**
 * Character spacing of 3号 runs, in twentieths of a point: −0.25 pt per character makes 28
 * characters (28 × 15.75 pt = 441 pt) fit the 442.25 pt line, where 16 pt characters give only 27.
 * Chosen over a `linesAndChars` document grid because LibreOffice renders such grids differently
 * from Word (35 characters per line for the charSpace Word writes, §1.2).
 */
export const BODY_CHARACTER_SPACING = -5;

/**
 * Footer distance from the bottom edge: about 25 mm puts the page number's 一字线 about 7 mm below
 * the text area (measured in LibreOffice, §1.5; UNCONFIRMED in Word).
 */
export const FOOTER_DISTANCE = mmToTwips(25);
export const HEADER_DISTANCE = mmToTwips(15);

/** One 4号 (14 pt) character: the 「空一字」 between the page number and the text-area edge (§1.5). */
export const PAGE_NUMBER_INSET = 280;
