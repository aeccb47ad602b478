// Page numbers (GB/T 9704 §7.5, document-format.md §1.5): 「— 1 —」 in 4号 半角宋体, on odd pages
// at the right with one character of space, on even pages at the left with one character.
// Word needs `evenAndOddHeaderAndFooters` on the document for the `even` footer to be used; the
// `default` footer then serves the odd pages (including page 1, which is numbered too).

import { AlignmentType, Footer, PageNumber, Paragraph, TextRun } from "docx";
import { runFormat } from "./fonts";
import { PAGE_NUMBER_INSET } from "./geometry";

/** The em dashes are typed out: Word's own "-1-" page-number formats use hyphens, not 一字线. */
function pageNumberRun(): TextRun {
  return new TextRun({ ...runFormat("pageNumber"), children: ["— ", PageNumber.CURRENT, " —"] });
}

export function pageNumberFooters(): { default: Footer; even: Footer } {
  const odd = new Paragraph({
    alignment: AlignmentType.RIGHT,
    indent: { right: PAGE_NUMBER_INSET },
    run: runFormat("pageNumber"),
    children: [pageNumberRun()],
  });
  const even = new Paragraph({
    alignment: AlignmentType.LEFT,
    indent: { left: PAGE_NUMBER_INSET },
    run: runFormat("pageNumber"),
    children: [pageNumberRun()],
  });
  return { default: new Footer({ children: [odd] }), even: new Footer({ children: [even] }) };
}
