// Paragraph formatting of each kind of paragraph, and the document's style sheet.
//
// Direct formatting on every paragraph and run is what fixes the layout (so a user's Normal.dotm
// cannot change it); the Title/Heading 1/Heading 2 styles are still used, overridden to the
// official look, because they give the report an outline: Word's navigation pane and the
// bookmarks of an exported PDF list the six sections.

import { AlignmentType, LineRuleType, type IParagraphOptions, type IStylesOptions } from "docx";
import { runFont, runFormat, LANGUAGE, ROLE_FONT } from "./fonts";
import { CHAR, LINE_PITCH } from "./geometry";

type ParagraphFormat = Omit<IParagraphOptions, "children" | "text">;

/** Exact line spacing of 3号 text: 22 lines per page. */
const EXACT_LINE = { line: LINE_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 } as const;

/** 正文: 3号 仿宋, justified, first line indented two characters, continuation lines flush left. */
export const BODY_PARAGRAPH: ParagraphFormat = {
  alignment: AlignmentType.JUSTIFIED,
  spacing: EXACT_LINE,
  indent: { firstLine: 2 * CHAR },
  run: runFormat("body"),
};

/** Title: 2号 小标宋, centred; one blank line (one line pitch) below it, before the body. */
export const TITLE_PARAGRAPH: ParagraphFormat = {
  style: "Title",
  alignment: AlignmentType.CENTER,
  spacing: { ...EXACT_LINE, after: LINE_PITCH },
  run: runFormat("title"),
};

/** 一、 headings: 3号 黑体, indented like body paragraphs, kept with what follows. */
export const HEADING1_PARAGRAPH: ParagraphFormat = {
  style: "Heading1",
  alignment: AlignmentType.JUSTIFIED,
  spacing: EXACT_LINE,
  indent: { firstLine: 2 * CHAR },
  keepNext: true,
  keepLines: true,
  outlineLevel: 0,
  run: runFormat("heading1"),
};

/** （一） headings alone on their line: 3号 楷体. */
export const HEADING2_PARAGRAPH: ParagraphFormat = {
  style: "Heading2",
  alignment: AlignmentType.JUSTIFIED,
  spacing: EXACT_LINE,
  indent: { firstLine: 2 * CHAR },
  keepNext: true,
  keepLines: true,
  outlineLevel: 1,
  run: runFormat("heading2"),
};

/**
 * Paragraph styles of table cells. A table has hundreds of cells, so their paragraph formatting
 * (single spacing — the body's exact 28.95 pt pitch would make every row a 3号 line high — no
 * indent, 五号 paragraph mark so an empty cell keeps the table's size) lives in a style instead of
 * being repeated in every cell (document.xml is a quarter smaller and much faster to write).
 */
export const TABLE_STYLES = {
  /** Header cells: 黑体, centred. */
  head: { id: "NianbaoTableHead", name: "年报表头", role: "tableHeader", alignment: AlignmentType.CENTER },
  /** Row labels: 仿宋, left. */
  text: { id: "NianbaoTableText", name: "年报表格文字", role: "tableText", alignment: AlignmentType.LEFT },
  /** Group labels (spanning rows, or left of other labels): 仿宋, centred. */
  group: { id: "NianbaoTableGroup", name: "年报表格分组", role: "tableText", alignment: AlignmentType.CENTER },
  /** Numbers: 仿宋, right-aligned. */
  number: { id: "NianbaoTableNumber", name: "年报表格数字", role: "tableText", alignment: AlignmentType.RIGHT },
} as const;
export type TableStyle = keyof typeof TABLE_STYLES;

/** The space between a table and the paragraph after it: half a line. */
export const AFTER_TABLE_SPACING = Math.round(LINE_PITCH / 2);

/** Signature and date lines: right-aligned; the right indent is computed per report. */
export function signoffParagraph(rightChars: number, blankLineBefore: boolean): ParagraphFormat {
  return {
    alignment: AlignmentType.RIGHT,
    spacing: { ...EXACT_LINE, before: blankLineBefore ? LINE_PITCH : 0 },
    indent: { right: Math.round(rightChars * CHAR) },
    keepNext: blankLineBefore, // the signature stays on the page of its date
    run: runFormat("body"),
  };
}

/**
 * The style sheet: document defaults (for anything without direct formatting) and the outline
 * styles, recoloured black — `docx`'s built-in headings are blue (2E74B5) and Title is 28 pt.
 */
export function documentStyles(): IStylesOptions {
  const styleRun = (role: "title" | "heading1" | "heading2" | "body") => ({
    font: runFont(role),
    size: ROLE_FONT[role].size,
    color: "000000",
    bold: false,
    italics: false,
    language: LANGUAGE,
  });
  // Alignment and run format live in the style too: a cell's paragraph then carries only its style.
  const tableStyle = ({ id, name, role, alignment }: (typeof TABLE_STYLES)[TableStyle]) => ({
    id,
    name,
    basedOn: "Normal",
    paragraph: { alignment, spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 }, indent: { left: 0, right: 0, firstLine: 0 } },
    run: { font: runFont(role), size: ROLE_FONT[role].size, color: "000000", language: LANGUAGE },
  });
  return {
    paragraphStyles: Object.values(TABLE_STYLES).map(tableStyle),
    default: {
      document: { run: styleRun("body"), paragraph: { spacing: { before: 0, after: 0 } } },
      title: { run: styleRun("title"), paragraph: { alignment: AlignmentType.CENTER, spacing: EXACT_LINE } },
      heading1: {
        run: styleRun("heading1"),
        paragraph: { spacing: EXACT_LINE, indent: { firstLine: 2 * CHAR }, keepNext: true, outlineLevel: 0 },
      },
      heading2: {
        run: styleRun("heading2"),
        paragraph: { spacing: EXACT_LINE, indent: { firstLine: 2 * CHAR }, keepNext: true, outlineLevel: 1 },
      },
    },
  };
}
