// A small XML reader for the tests: enough to walk WordprocessingML (elements, attributes, text,
// the five predefined entities and numeric references). No DTDs, no CDATA — .docx parts have none.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

const TOKEN =
  /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<\/([^\s>]+)\s*>|<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
const ATTR = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, e: string) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ({ lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()]!;
  });
}

/** Parses a document; throws on mismatched tags (so a corrupt part fails the test). */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: "#document", attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  for (const m of xml.matchAll(TOKEN)) {
    const [token, closing, opening, attrText, selfClosing, text] = m;
    const top = stack[stack.length - 1]!;
    if (closing) {
      if (top.name !== closing) throw new Error(`XML: </${closing}> closes <${top.name}>`);
      stack.pop();
    } else if (opening) {
      const attrs: Record<string, string> = {};
      for (const a of (attrText ?? "").matchAll(ATTR)) attrs[a[1]!] = decode(a[2] ?? a[3] ?? "");
      const el: XmlElement = { name: opening, attrs, children: [] };
      top.children.push(el);
      if (!selfClosing) stack.push(el);
    } else if (text !== undefined) {
      top.children.push(decode(text));
    } else if (!token.startsWith("<?") && !token.startsWith("<!--")) {
      throw new Error(`XML: cannot read ${token.slice(0, 40)}`);
    }
  }
  if (stack.length !== 1) throw new Error(`XML: <${stack[stack.length - 1]!.name}> is not closed`);
  const doc = root.children.find((c): c is XmlElement => typeof c !== "string");
  if (!doc) throw new Error("XML: no root element");
  return doc;
}

const isElement = (n: XmlNode): n is XmlElement => typeof n !== "string";

/** Direct children with this name. */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter(isElement).filter((c) => c.name === name);
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  return childrenNamed(el, name)[0];
}

/** All descendants with this name, in document order (not descending into matches). */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (!isElement(c)) continue;
      if (c.name === name) out.push(c);
      else walk(c);
    }
  };
  walk(el);
  return out;
}

/** All descendants with this name, including ones nested in other matches. */
export function findAllDeep(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (!isElement(c)) continue;
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

/** The text of all w:t elements below `el`, joined. */
export function wText(el: XmlElement): string {
  return findAllDeep(el, "w:t")
    .map((t) => t.children.filter((c): c is string => typeof c === "string").join(""))
    .join("");
}
