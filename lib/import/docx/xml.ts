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
    return ENTITIES[body] ?? whole;
  });
}

function safeCodePoint(n: number): string | undefined {
  return Number.isInteger(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : undefined;
}

function parseAttrs(s: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of s.matchAll(/([^\s=/]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) attrs[m[1]!] = decodeEntities(m[3] ?? m[4] ?? "");
  return attrs;
}

/**
 * Deepest element nesting read. Word's own documents stay far below it (body › table › row › cell
 * › nested table … › paragraph › run › text); the readers walk the tree recursively, so a file
 * nested thousands deep must be refused here rather than exhaust the stack there.
 */
export const MAX_XML_DEPTH = 256;

export class XmlTooDeepError extends Error {}

/** Parses XML into a tree; unbalanced end tags are tolerated (they close the nearest open match). Throws XmlTooDeepError beyond MAX_XML_DEPTH. */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: "#document", attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  const re = /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<\/([^\s>]+)\s*>|<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  for (const m of xml.matchAll(re)) {
    const top = stack[stack.length - 1]!;
    if (m[1] !== undefined) top.children.push(m[1]);
    else if (m[2] !== undefined) {
      const at = stack.map((e) => e.name).lastIndexOf(m[2]);
      if (at > 0) stack.length = at;
    } else if (m[3] !== undefined) {
      const el: XmlElement = { name: m[3], attrs: parseAttrs(m[4] ?? ""), children: [] };
      top.children.push(el);
      if (m[5] !== "/") {
        if (stack.length > MAX_XML_DEPTH) throw new XmlTooDeepError(`nesting deeper than ${MAX_XML_DEPTH}`);
        stack.push(el);
      }
    } else if (m[6] !== undefined) top.children.push(decodeEntities(m[6]));
  }
  return root;
}

export function childElements(el: XmlElement, name?: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== "string" && (name === undefined || c.name === name));
}

export function firstChild(el: XmlElement, name: string): XmlElement | undefined {
  return childElements(el, name)[0];
}
