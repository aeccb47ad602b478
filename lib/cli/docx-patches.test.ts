// The CLI bundle's changes to the `docx` package (scripts/cli-docx-patches.mjs): each must still
// match docx's code exactly once (else the build silently keeps the slow original), and the
// one-pass XML writer must write the same text as docx's own writer, quirks included.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { DOCX_PATCHES } from "../../scripts/cli-docx-patches.mjs";

const docxSource = readFileSync(createRequire(import.meta.url).resolve("docx").replace(/index\.cjs$/, "index.mjs"), "utf8");

type Stringify = (input: unknown, options?: { indent?: string; declaration?: { standalone?: string; encoding?: string } }) => string;

/** docx's XML writer module (from its stringify section), as published or with the patch applied. */
function writer(patched: boolean): Stringify {
  const start = docxSource.indexOf("// src/util/xml/stringify.ts");
  const end = docxSource.indexOf("var stringifyAttributes", start);
  let code = docxSource.slice(start, end);
  if (patched) {
    const patch = DOCX_PATCHES.find((p) => p.what === "stringifyXmlable")!;
    code = code.replace(patch.from, () => patch.to);
  }
  return new Function(`${code}; return stringifyXmlable;`)() as Stringify;
}

describe("docx patches of the CLI bundle", () => {
  it("each matches docx's code exactly once", () => {
    expect(docxSource.length).toBeGreaterThan(100_000);
    for (const p of DOCX_PATCHES) expect([p.what, docxSource.split(p.from).length - 1]).toEqual([p.what, 1]);
  });

  it("the one-pass XML writer writes what docx's writer writes, on 5,000 generated trees", () => {
    const original = writer(false);
    const patched = writer(true);
    expect(patched).not.toBe(original);
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const names = ["w:p", "w:r", "w:t", "w:rPr", "a"];
    const primitive = () => [undefined, `t<&>"'x`, 0, 12, true, false, "", "中文\u0001"][rnd(8)];
    const tree = (depth: number): Record<string, unknown> => {
      const name = names[rnd(names.length)]!;
      const kind = depth > 4 ? 0 : rnd(10);
      if (kind === 0) return { [name]: primitive() };
      if (kind === 1) return { [name]: null };
      if (kind === 2) return { [name]: { _attr: { "w:val": primitive(), x: primitive() } } };
      if (kind === 3) return { [name]: { _cdata: "a]]>b" } };
      if (kind === 4) return {};
      // A list: elements, attribute objects anywhere, and text values (which replace the entry before them).
      const list: unknown[] = [];
      for (let i = rnd(5); i > 0; i--) {
        const c = rnd(6);
        list.push(c === 0 ? { _attr: { v: primitive(), w: primitive() } } : c === 1 ? primitive() : tree(depth + 1));
      }
      return { [name]: list };
    };
    const run = (f: Stringify, input: unknown, options: Parameters<Stringify>[1]) => {
      try {
        return f(input, options);
      } catch (e) {
        return `threw ${(e as Error).constructor.name}`;
      }
    };
    let quirks = 0;
    for (let i = 0; i < 5000; i++) {
      const input = rnd(4) === 0 ? [tree(0), tree(0)] : tree(0);
      const declaration = rnd(2) ? undefined : { standalone: "yes", encoding: "UTF-8" };
      const want = run(original, input, { declaration });
      expect(run(patched, input, { declaration })).toBe(want);
      // With indentation the patch changes nothing (docx's own path).
      expect(run(patched, input, { indent: "  " })).toBe(run(original, input, { indent: "  " }));
      if (want.includes("></")) quirks++;
    }
    expect(quirks).toBeGreaterThan(100); // the generated trees do reach empty lists and replaced entries
  });
});
