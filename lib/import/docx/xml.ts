// A minimal XML reader for WordprocessingML: elements, attributes and text, nothing else.
// `word/document.xml` is machine-written, well-formed XML; a full DOM (and a dependency) is not
// needed to walk paragraphs, runs and table cells. Comments, processing instructions and CDATA
// are skipped; entities are decoded.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body.startsWith("#x")) return safeCodePoint(Number.parseInt(body.slice(2), 16)) ?? whole;
    if (body.startsWith("#")) return safeCodePoint(Number.parseInt(body.slice(1), 10)) ?? whole;
    return Object.hasOwn(ENTITIES, body) ? ENTITIES[body]! : whole; // not `&constructor;` from the prototype
  });
}

function safeCodePoint(n: number): string | undefined {
  return Number.isInteger(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : undefined;
}

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

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const EQ = 61;
const QUOT = 34;
const APOS = 39;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * Parses XML into a tree; unbalanced end tags are tolerated (they close the nearest open match).
 * Throws XmlTooDeepError beyond MAX_XML_DEPTH, XmlTooLargeError beyond MAX_XML_ELEMENTS.
 *
 * Linear time (issue 14: the former regular expression let `<` into tag and attribute names and
 * backtracked for 52 s over a 1.1 KB file). A single left-to-right scan:
 *   - a tag is read from its `<` and never past the next `<` (no name, attribute name or value may
 *     contain `<`, as in XML itself), so the attempts at reading tags cover disjoint stretches;
 *   - comments, CDATA and processing instructions look for their terminator with indexOf, and
 *     a terminator found (or known to be absent) is remembered, so no stretch is searched twice;
 *   - closing a tag looks through the open elements: at most MAX_XML_DEPTH of them.
 * So the work is O(length × MAX_XML_DEPTH) at the very worst, O(length) in practice.
 * Malformed markup is read as the former parser did: a `<` that starts nothing valid is dropped and
 * what follows it is text.
 */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: "#document", attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  const n = xml.length;
  // Terminator searches: the last position found for each, or -1 once none is left.
  const found = new Map<string, number>();
  const findFrom = (term: string, from: number): number => {
    const last = found.get(term);
    if (last === -1) return -1;
    if (last !== undefined && last >= from) return last;
    const at = xml.indexOf(term, from);
    found.set(term, at);
    return at;
  };
  /** End (exclusive) of a name starting at i: stops at space, `>`, `/`, `=` (when `stopAtEq`) or `<`. */
  const nameEnd = (i: number, stopAtEq: boolean): number => {
    while (i < n) {
      const c = xml.charCodeAt(i);
      if (isSpace(c) || c === GT || c === SLASH || c === LT || (stopAtEq && c === EQ)) break;
      i++;
    }
    return i;
  };
  const skipSpace = (i: number): number => {
    while (i < n && isSpace(xml.charCodeAt(i))) i++;
    return i;
  };
  /** A start tag at lt: the element, whether it closes itself, and the position after `>`; or undefined. */
  const startTag = (lt: number): { el: XmlElement; selfClosing: boolean; end: number } | undefined => {
    const ne = nameEnd(lt + 1, false);
    if (ne === lt + 1) return undefined;
    const attrs: Record<string, string> = {};
    let i = ne;
    for (;;) {
      const ws = skipSpace(i);
      if (ws === i) break; // an attribute needs whitespace before it
      const ae = nameEnd(ws, true);
      if (ae === ws) {
        i = ws;
        break;
      }
      let j = skipSpace(ae);
      if (xml.charCodeAt(j) !== EQ) {
        i = ws;
        break;
      }
      j = skipSpace(j + 1);
      const q = xml.charCodeAt(j);
      if (q !== QUOT && q !== APOS) {
        i = ws;
        break;
      }
      let k = j + 1;
      while (k < n && xml.charCodeAt(k) !== q && xml.charCodeAt(k) !== LT) k++;
      if (k >= n || xml.charCodeAt(k) !== q) return undefined;
      attrs[xml.slice(ws, ae)] = decodeEntities(xml.slice(j + 1, k));
      i = k + 1;
    }
    i = skipSpace(i);
    let selfClosing = false;
    if (xml.charCodeAt(i) === SLASH) {
      selfClosing = true;
      i++;
    }
    if (xml.charCodeAt(i) !== GT) return undefined;
    return { el: { name: xml.slice(lt + 1, ne), attrs, children: [] }, selfClosing, end: i + 1 };
  };

  let elements = 0;
  let i = 0;
  while (i < n) {
    const lt = xml.indexOf("<", i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) stack[stack.length - 1]!.children.push(decodeEntities(xml.slice(i, textEnd)));
    if (lt < 0) break;
    const top = stack[stack.length - 1]!;
    let next = -1;
    if (xml.startsWith("<!--", lt)) {
      const e = findFrom("-->", lt + 4);
      if (e >= 0) next = e + 3;
    } else if (xml.startsWith("<![CDATA[", lt)) {
      const e = findFrom("]]>", lt + 9);
      if (e >= 0) {
        top.children.push(xml.slice(lt + 9, e));
        next = e + 3;
      }
    } else if (xml.startsWith("<?", lt)) {
      const e = findFrom("?>", lt + 2);
      if (e >= 0) next = e + 2;
    } else if (xml.startsWith("<!DOCTYPE", lt)) {
      const e = findFrom(">", lt + 9);
      if (e >= 0) next = e + 1;
    } else if (xml.charCodeAt(lt + 1) === SLASH) {
      const ne = nameEnd(lt + 2, false);
      const close = skipSpace(ne);
      if (ne > lt + 2 && xml.charCodeAt(close) === GT) {
        const name = xml.slice(lt + 2, ne);
        for (let k = stack.length - 1; k > 0; k--) {
          if (stack[k]!.name === name) {
            stack.length = k;
            break;
          }
        }
        next = close + 1;
      }
    } else {
      const t = startTag(lt);
      if (t) {
        if (++elements > MAX_XML_ELEMENTS) throw new XmlTooLargeError(`more than ${MAX_XML_ELEMENTS} elements`);
        top.children.push(t.el);
        if (!t.selfClosing) {
          if (stack.length > MAX_XML_DEPTH) throw new XmlTooDeepError(`nesting deeper than ${MAX_XML_DEPTH}`);
          stack.push(t.el);
        }
        next = t.end;
      }
    }
    // Nothing valid starts here: the `<` is dropped, what follows is text.
    i = next >= 0 ? next : lt + 1;
  }
  return root;
}

export function childElements(el: XmlElement, name?: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== "string" && (name === undefined || c.name === name));
}

export function firstChild(el: XmlElement, name: string): XmlElement | undefined {
  return childElements(el, name)[0];
}
