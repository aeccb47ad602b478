// The whole report as a `docx` Document: title, preamble, the six sections (narratives and the
// statutory tables), signature and date, on GB/T 9704 pages with odd/even page numbers.

import { Bookmark, Document, Paragraph, TextRun, type FileChild } from "docx";
import type { ReportContent } from "../content";
import type { NarrativeBlock } from "../narrative";
import { sealedSignoffPlacement, signoffPlacement } from "../signature";
import { titleLines } from "../title";
import { runFormat } from "./fonts";
import { pageNumberFooters } from "./footers";
import { FOOTER_DISTANCE, HEADER_DISTANCE, LINE_PITCH, MARGIN, PAGE, TEXT_WIDTH } from "./geometry";
import {
  AFTER_TABLE_SPACING,
  BODY_PARAGRAPH,
  HEADING1_PARAGRAPH,
  HEADING2_PARAGRAPH,
  TITLE_PARAGRAPH,
  documentStyles,
  signoffParagraph,
} from "./styles";
import { statutoryTable } from "./tables";

/** 2号 characters per line of the text area (442 pt / 22 pt). */
const TITLE_CHARS_PER_LINE = Math.floor(TEXT_WIDTH / 20 / 22);

function titleParagraph(title: string): Paragraph {
  const lines = titleLines(title, TITLE_CHARS_PER_LINE);
  return new Paragraph({
    ...TITLE_PARAGRAPH,
    children: lines.map((text, i) => new TextRun({ ...runFormat("title"), text, ...(i > 0 ? { break: 1 } : {}) })),
  });
}

function narrativeParagraph(block: NarrativeBlock): Paragraph {
  if (block.kind === "heading") {
    return new Paragraph({ ...HEADING2_PARAGRAPH, children: [new TextRun({ ...runFormat("heading2"), text: block.text })] });
  }
  const runs: TextRun[] = [];
  // A run-in （一） heading: the heading part in 楷体, the rest of the paragraph in 仿宋 (§3).
  if (block.lead) runs.push(new TextRun({ ...runFormat("heading2"), text: block.lead }));
  if (block.text) runs.push(new TextRun({ ...runFormat("body"), text: block.text }));
  return new Paragraph({ ...BODY_PARAGRAPH, children: runs });
}

function bodyChildren(content: ReportContent): FileChild[] {
  const out: FileChild[] = [titleParagraph(content.title)];
  for (const text of content.preamble) out.push(narrativeParagraph({ kind: "paragraph", text }));

  // Tables are followed by a section heading; it gets half a line of space above it.
  let afterTable = false;
  for (const section of content.sections) {
    out.push(
      new Paragraph({
        ...HEADING1_PARAGRAPH,
        ...(afterTable ? { spacing: { ...HEADING1_PARAGRAPH.spacing, before: AFTER_TABLE_SPACING } } : {}),
        children: [new TextRun({ ...runFormat("heading1"), text: section.heading })],
      }),
    );
    if (section.kind === "table") out.push(statutoryTable(section.table));
    else for (const block of section.blocks) out.push(narrativeParagraph(block));
    afterTable = section.kind === "table";
  }

  if (content.sealed) {
    out.push(...sealedSignoff(content));
    return out;
  }
  // Signature and date (no seal): one blank line after the body, placed per GB/T 9704 §7.3.5.2.
  const place = signoffPlacement(content.signature, content.date?.text);
  out.push(
    new Paragraph({
      ...signoffParagraph(place.nameRight, true),
      children: [new TextRun({ ...runFormat("body"), text: content.signature })],
    }),
  );
  if (content.date && place.dateRight !== undefined) {
    out.push(
      new Paragraph({
        ...signoffParagraph(place.dateRight, false),
        children: [new TextRun({ ...runFormat("body"), text: content.date.text })],
      }),
    );
  }
  if (content.note) out.push(noteParagraph(content.note));
  return out;
}

/** 附注: 居左空二字, in parentheses, on the line after the date (GB/T 9704 §7.3.6). */
function noteParagraph(note: string): Paragraph {
  return new Paragraph({ ...BODY_PARAGRAPH, children: [new TextRun({ ...runFormat("body"), text: note })] });
}

/**
 * The sealed sign-off (盖章版, GB/T 9704 §7.3.5.1): right after the body (the seal's top within one
 * line of it) a line marking where the seal goes — bookmarked 「盖章」 and labelled （盖章） at the
 * seal's centre — then one more line of the seal's height, the agency name centred on the date,
 * the date 右空四字, so that the seal presses on both.
 */
function sealedSignoff(content: ReportContent): Paragraph[] {
  const place = sealedSignoffPlacement(content.signature, content.date?.text);
  const out: Paragraph[] = [
    new Paragraph({
      ...signoffParagraph(place.sealRight, false),
      keepNext: true,
      children: [new Bookmark({ id: "seal", children: [new TextRun({ ...runFormat("body"), text: "（盖章）" })] })],
    }),
    new Paragraph({ ...signoffParagraph(0, false), keepNext: true, children: [] }),
    new Paragraph({
      ...signoffParagraph(place.nameRight, false),
      keepNext: true,
      children: [new TextRun({ ...runFormat("body"), text: content.signature })],
    }),
  ];
  if (content.date && place.dateRight !== undefined) {
    out.push(new Paragraph({ ...signoffParagraph(place.dateRight, false), children: [new TextRun({ ...runFormat("body"), text: content.date.text })] }));
  }
  if (content.note) out.push(noteParagraph(content.note));
  return out;
}

export function reportDocument(content: ReportContent): Document {
  return new Document({
    title: content.title,
    creator: content.signature,
    description: `${content.edition.formatTitle}（${content.edition.notice}）`,
    evenAndOddHeaderAndFooters: true,
    styles: documentStyles(),
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { ...MARGIN, header: HEADER_DISTANCE, footer: FOOTER_DISTANCE, gutter: 0 },
          },
          // Records the 22-line pitch without switching a grid on (type "default"): a `lines` grid would
          // also snap the single-spaced table rows to 28.95 pt.
          grid: { linePitch: LINE_PITCH },
        },
        footers: pageNumberFooters(),
        children: bodyChildren(content),
      },
    ],
  });
}
