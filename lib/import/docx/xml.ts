// A minimal XML tree for WordprocessingML: elements, attributes and text, nothing else.
// `word/document.xml` is machine-written, well-formed XML; a full DOM is not needed to walk
// paragraphs, runs and table cells. Comments and processing instructions are skipped; CDATA is
// text; entities are decoded.

import { Parser } from "htmlparser2";

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

/**
 * Deepest element nesting read. Word's own documents stay far below it (body › table › row › cell
 * › nested table … › paragraph › run › text); the readers walk the tree recursively, so a file
 * nested thousands deep must be refused here rather than exhaust the stack there.
 */
export const MAX_XML_DEPTH = 256;

export class XmlTooDeepError extends Error {}

/**
 * Most elements read. A long report's document.xml has some tens of thousands (each run of text
 * is a handful: w:r, w:rPr, its fonts, w:t); the tree of a million elements needs ~400 MB.
 */
export const MAX_XML_ELEMENTS = 500_000;

export class XmlTooLargeError extends Error {}

/**
 * Parses XML into a tree with htmlparser2's tokenizer in XML mode — the same linear, one-pass
 * tokenizer the HTML reader uses (one tokenizer for both; issue 14 needs linear time: a former
 * regular expression backtracked for 52 s over a 1.1 KB file). Unbalanced end tags are tolerated
 * (an end tag closes the nearest open element of its name; one with none is ignored); comments,
 * processing instructions and DOCTYPE are skipped; CDATA is text; entities are decoded.
 * Throws XmlTooDeepError beyond MAX_XML_DEPTH, XmlTooLargeError beyond MAX_XML_ELEMENTS.
 */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: "#document", attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  let elements = 0;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (++elements > MAX_XML_ELEMENTS) throw new XmlTooLargeError(`more than ${MAX_XML_ELEMENTS} elements`);
        if (stack.length > MAX_XML_DEPTH) throw new XmlTooDeepError(`nesting deeper than ${MAX_XML_DEPTH}`);
        const el: XmlElement = { name, attrs: { ...attrs }, children: [] };
        stack[stack.length - 1]!.children.push(el);
        stack.push(el);
      },
      onclosetag(name) {
        for (let k = stack.length - 1; k > 0; k--) {
          if (stack[k]!.name === name) {
            stack.length = k;
            return;
          }
        }
      },
      ontext(text) {
        const children = stack[stack.length - 1]!.children;
        const last = children.length - 1;
        if (typeof children[last] === "string") children[last] += text;
        else children.push(text);
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeCDATA: true, recognizeSelfClosing: true },
  );
  parser.write(xml);
  parser.end();
  return root;
}

export function childElements(el: XmlElement, name?: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== "string" && (name === undefined || c.name === name));
}

export function firstChild(el: XmlElement, name: string): XmlElement | undefined {
  return childElements(el, name)[0];
}
