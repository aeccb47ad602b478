// Fuzzing the importer with damaged versions of REAL published reports — the five text seeds,
// the two HTML fixtures and .docx files (the app's own rendering of the fixture reports, and the
// plain Word layout of from-layout.ts) — the way files arrive in practice: lines lost, duplicated
// or swapped, numbers replaced by text or absurd values, tags and cells deleted, rowspan/colspan
// and w:gridSpan/w:gridBefore absurd, deep nesting, unbalanced tags, bad entities, truncated or
// bit-flipped ZIPs, other encodings. properties.test.ts feeds random strings and bytes, which the
// importer mostly rejects at once; these inputs get deep into table reading.
//
// Properties: importReport never throws and never reports an internal error; every note is a
// clear Chinese message without leaked exception text; an imported report is a valid,
// storable nianbao/report@1 document; detectKind answers every file with a kind or a Chinese reason.

import { readFileSync } from "node:fs";
import fc from "fast-check";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseReportJson } from "../data";
import { messageProblem, NASTY_STRINGS } from "../data/testing/mutations";
import { clean2024, seed2020 } from "../fixtures/load";
import { renderDocx } from "../render";
import { reportToDocx } from "./fixtures/from-layout";
import { detectKind, importReport } from "./index";
import type { ImportInput, ImportResult } from "./types";

const counts: Record<string, number> = {};
const count = (target: string) => (counts[target] = (counts[target] ?? 0) + 1);
afterAll(() => {
  for (const [target, n] of Object.entries(counts)) console.log(`fuzz ${target}: ${n} cases`);
});

const read = (p: string) => readFileSync(new URL(p, import.meta.url), "utf8");
const SEEDS = ["000_bb6b4cb57292b92b", "001_e58fc4138ebb9d36", "002_dde7539a227df57a", "003_7bcad31b0e10dcd8", "004_e5c3cb7e9a4f2ae8"].map((n) => read(`./fixtures/seeds/${n}.txt`));
const HTMLS = [read("./fixtures/official-2021.html"), read("./fixtures/deviations-2021.html")];

async function check(input: ImportInput): Promise<ImportResult> {
  let r: ImportResult;
  try {
    r = await importReport(input);
  } catch (e) {
    throw new Error(`importReport threw: ${String(e)}`);
  }
  const notes = r.ok ? [...r.warnings, ...r.unrecognized] : [...r.errors, ...r.warnings];
  for (const n of notes) {
    expect(n.code, n.message).not.toBe("internal");
    expect(messageProblem(n.message), n.message).toBeNull();
  }
  if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
  else if (r.type === "report") {
    // What the import route stores must read back as the same document.
    const stored = JSON.stringify(r.report);
    const back = parseReportJson(stored);
    expect(back.ok).toBe(true);
    if (back.ok) expect(back.report).toEqual(JSON.parse(stored));
  } else expect(messageProblem(r.legacyReason)).toBeNull();
  return r;
}

const hints = fc.record(
  {
    yearHint: fc.constantFrom(2019, 2020, 2021, 2024, 1999, 2000, 2101, 2020.5, -1),
    agencyHint: fc.constantFrom("示范市交通运输局", "", "   ", "某".repeat(500), "<img src=x onerror=alert(1)>", "\u0000\u202e局"),
  },
  { requiredKeys: [] },
);

// ---------------------------------------------------------------------------------- text

const at = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const nastyLine = fc.oneof(fc.constantFrom(...NASTY_STRINGS), fc.constantFrom("9".repeat(400), "-5", "1.5", "１２３", "|", "| | |", "\t\t", "三、收到和处理政府信息公开申请情况", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "总计"));
type LineOp = (lines: string[]) => string[];
const lineOp: fc.Arbitrary<LineOp> = fc.oneof(
  at.map((f) => (ls: string[]) => ls.filter((_, i) => i !== Math.floor(ls.length * f))),
  at.map((f) => (ls: string[]) => {
    const i = Math.floor(ls.length * f);
    return [...ls.slice(0, i + 1), ...ls.slice(i)];
  }),
  fc.tuple(at, at).map(([f, g]) => (ls: string[]) => {
    const out = ls.slice();
    if (ls.length === 0) return out;
    const [i, j] = [Math.floor(ls.length * f), Math.floor(ls.length * g)];
    [out[i], out[j]] = [out[j]!, out[i]!];
    return out;
  }),
  fc.tuple(at, nastyLine).map(([f, x]) => (ls: string[]) => {
    const i = Math.floor(ls.length * f);
    return [...ls.slice(0, i), x, ...ls.slice(i)];
  }),
  // A number in a line replaced by something else.
  fc.tuple(at, nastyLine).map(([f, x]) => (ls: string[]) => {
    const i = Math.floor(ls.length * f);
    return ls.map((l, k) => (k === i ? l.replace(/\d+/, x) : l));
  }),
  // Every number of a stretch of lines at once (a table's worth).
  fc.tuple(at, fc.constantFrom("x", "-1", "99999999999999", "0.5", "")).map(([f, x]) => (ls: string[]) => {
    const i = Math.floor(ls.length * f);
    return ls.map((l, k) => (k >= i && k < i + 20 ? l.replace(/\d+/g, x) : l));
  }),
  at.map((f) => (ls: string[]) => ls.slice(0, Math.floor(ls.length * f))),
  at.map((f) => (ls: string[]) => {
    const i = Math.floor(ls.length * f);
    return [...ls.slice(0, i), (ls[i] ?? "") + (ls[i + 1] ?? ""), ...ls.slice(i + 2)];
  }),
  fc.constant((ls: string[]) => ls.map((l) => l.replace(/\s*\|\s*/g, "\t"))),
  fc.constant((ls: string[]) => ls.map((l) => l.replace(/\s*\|\s*/g, " "))),
);

function utf16le(text: string, bom: boolean): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  if (bom) out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[(bom ? 2 : 0) + 2 * i] = c & 0xff;
    out[(bom ? 2 : 0) + 2 * i + 1] = c >> 8;
  }
  return out;
}

const encoding = fc.constantFrom("string", "utf8", "utf8-bom", "utf16-bom", "utf16-nobom", "broken-utf8");
function encode(text: string, how: string): string | Uint8Array {
  const utf8 = new TextEncoder().encode(text);
  switch (how) {
    case "utf8":
      return utf8;
    case "utf8-bom":
      return new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    case "utf16-bom":
      return utf16le(text, true);
    case "utf16-nobom":
      return utf16le(text, false);
    case "broken-utf8":
      return new Uint8Array([...utf8.subarray(0, utf8.length >> 1), 0xc3, 0x28, 0xa0, 0xa1, ...utf8.subarray(utf8.length >> 1)]);
    default:
      return text;
  }
}

describe("importReport on damaged published reports", () => {
  it("text: the five seeds with lines lost, duplicated, swapped, re-separated or replaced; other encodings", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: SEEDS.length - 1 }), fc.array(lineOp, { minLength: 1, maxLength: 6 }), encoding, hints, async (k, ops, how, hint) => {
        count("importReport text (damaged seeds)");
        const text = ops.reduce((ls, op) => op(ls), SEEDS[k]!.split("\n")).join("\n");
        await check({ kind: "text", data: encode(text, how), ...hint });
      }),
      { numRuns: 1200 },
    );
  });

  // ------------------------------------------------------------------------------- HTML
  const spanValue = fc.constantFrom("0", "-1", "1", "3", "99999", "1000000000", "1e9", "abc", "2.5", "", " 2", "0x10");
  type TextOp = (s: string) => string;
  const randomTag = (s: string, f: number) => {
    const tags = [...s.matchAll(/<[^>]*>/g)];
    return tags[Math.floor(tags.length * f)];
  };
  const htmlOp: fc.Arbitrary<TextOp> = fc.oneof(
    at.map((f) => (s: string) => {
      const m = randomTag(s, f);
      return m ? s.slice(0, m.index) + s.slice(m.index + m[0].length) : s;
    }),
    fc.tuple(at, at).map(([f, g]) => (s: string) => {
      const a = randomTag(s, Math.min(f, g));
      const b = randomTag(s, Math.max(f, g));
      if (!a || !b) return s;
      const end = b.index + b[0].length;
      return s.slice(0, end) + s.slice(a.index, end) + s.slice(end);
    }),
    fc.tuple(at, fc.constantFrom("rowspan", "colspan"), spanValue).map(([f, attr, v]) => (s: string) => {
      const cells = [...s.matchAll(/<t[dh]\b[^>]*>/g)];
      const m = cells[Math.floor(cells.length * f)];
      if (!m) return s;
      const tag = m[0].replace(new RegExp(`\\s${attr}="[^"]*"`), "").replace(/>$/, ` ${attr}="${v}">`);
      return s.slice(0, m.index) + tag + s.slice(m.index + m[0].length);
    }),
    fc.tuple(at, fc.constantFrom("<div>", "<table><tr><td>", "<span>", "<p>")).map(([f, open]) => (s: string) => {
      const i = Math.floor(s.length * f);
      return s.slice(0, i) + open.repeat(3000) + s.slice(i);
    }),
    fc.tuple(at, fc.constantFrom("<script>document.write('x')</script>", "<style>td{}</style>", "<!-- </table> -->", "<![CDATA[</td>]]>", "&#xFFFFFFFF;&#0;&#xD800;&bogus;&amp", "</td></tr></table>", "<td>", "<tr>", "<table>", "<br><br>", "<th colspan=\"99999\">总计</th>")).map(([f, x]) => (s: string) => {
      const i = Math.floor(s.length * f);
      return s.slice(0, i) + x + s.slice(i);
    }),
    fc.tuple(at, nastyLine).map(([f, x]) => (s: string) => {
      const cells = [...s.matchAll(/(<td\b[^>]*>)([^<]*)(<\/td>)/g)];
      const m = cells[Math.floor(cells.length * f)];
      return m ? s.slice(0, m.index) + m[1] + x.replace(/</g, "&lt;") + m[3] + s.slice(m.index + m[0].length) : s;
    }),
    at.map((f) => (s: string) => s.slice(0, Math.floor(s.length * f))),
  );

  it("HTML: the two fixture pages with tags and cells deleted or duplicated, absurd spans, deep nesting, junk", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: HTMLS.length - 1 }), fc.array(htmlOp, { minLength: 1, maxLength: 4 }), fc.constantFrom("string", "utf8", "utf16-bom"), hints, async (k, ops, how, hint) => {
        count("importReport HTML (damaged fixtures)");
        const html = ops.reduce((s, op) => op(s), HTMLS[k]!);
        await check({ kind: "html", data: encode(html, how), ...hint });
      }),
      { numRuns: 120 },
    );
  });

  // ------------------------------------------------------------------------------- .docx
  let DOCX: { zip: Uint8Array; xml: string }[] = [];
  beforeAll(async () => {
    const files = [await renderDocx(clean2024()), await renderDocx(seed2020()), await reportToDocx(clean2024())];
    DOCX = await Promise.all(files.map(async (zip) => ({ zip, xml: await (await JSZip.loadAsync(zip)).file("word/document.xml")!.async("string") })));
  });

  const elements = ["w:tc", "w:tr", "w:p", "w:tbl", "w:r", "w:tcPr", "w:body"];
  const xmlOp: fc.Arbitrary<TextOp> = fc.oneof(
    // An element (start tag to its end tag) removed or duplicated.
    fc.tuple(fc.constantFrom(...elements), at, fc.boolean()).map(([name, f, dup]) => (s: string) => {
      const starts = [...s.matchAll(new RegExp(`<${name}[ >]`, "g"))];
      const m = starts[Math.floor(starts.length * f)];
      if (!m) return s;
      const end = s.indexOf(`</${name}>`, m.index);
      if (end < 0) return s;
      const stop = end + name.length + 3;
      return dup ? s.slice(0, stop) + s.slice(m.index, stop) + s.slice(stop) : s.slice(0, m.index) + s.slice(stop);
    }),
    fc.tuple(fc.constantFrom("w:gridSpan", "w:gridBefore", "w:gridAfter"), spanValue, at).map(([name, v, f]) => (s: string) => {
      const cells = [...s.matchAll(name === "w:gridSpan" ? /<w:tcPr>/g : /<w:tr\b[^>]*>/g)];
      const m = cells[Math.floor(cells.length * f)];
      if (!m) return s;
      const inject = name === "w:gridSpan" ? `<w:gridSpan w:val="${v}"/>` : `<w:trPr><${name} w:val="${v}"/></w:trPr>`;
      return s.slice(0, m.index + m[0].length) + inject + s.slice(m.index + m[0].length);
    }),
    fc.tuple(fc.constantFrom('<w:vMerge/>', '<w:vMerge w:val="restart"/>', '<w:hMerge/>', '<w:hMerge w:val="continue"/>'), at).map(([x, f]) => (s: string) => {
      const cells = [...s.matchAll(/<w:tcPr>/g)];
      const m = cells[Math.floor(cells.length * f)];
      return m ? s.slice(0, m.index + m[0].length) + x + s.slice(m.index + m[0].length) : s;
    }),
    fc.constantFrom(3, 300, 5000).map((n) => (s: string) => s.replace(/<w:body>/, `<w:body>${"<w:sdt><w:sdtContent>".repeat(n)}`).replace(/<\/w:body>/, `${"</w:sdtContent></w:sdt>".repeat(n)}</w:body>`)),
    fc.constantFrom(50, 3000).map((n) => (s: string) => s.replace(/(<w:tc>)/, `$1${"<w:tbl><w:tr><w:tc>".repeat(n)}<w:p><w:r><w:t>深</w:t></w:r></w:p>${"</w:tc></w:tr></w:tbl>".repeat(n)}`)),
    fc.tuple(at, nastyLine).map(([f, x]) => (s: string) => {
      const runs = [...s.matchAll(/(<w:t(?: [^>]*)?>)([^<]*)(<\/w:t>)/g)];
      const m = runs[Math.floor(runs.length * f)];
      const esc = x.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
      return m ? s.slice(0, m.index) + m[1] + esc + m[3] + s.slice(m.index + m[0].length) : s;
    }),
    fc.tuple(at, fc.constantFrom("&#xFFFFFFFF;", "&#0;", "&#xD800;", "&bogus;", "</w:tbl>", "</w:body>", "<w:p>", "<!-- -->", "<?pi?>", "<![CDATA[x]]>", "<w:t>")).map(([f, x]) => (s: string) => {
      const i = Math.floor(s.length * f);
      return s.slice(0, i) + x + s.slice(i);
    }),
    at.map((f) => (s: string) => s.slice(0, Math.floor(s.length * f))),
  );

  it(".docx: Word XML with cells, rows and tables deleted or duplicated, absurd spans and merges, deep nesting, junk", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 2 }), fc.array(xmlOp, { minLength: 1, maxLength: 4 }), hints, async (k, ops, hint) => {
        count("importReport .docx (damaged document.xml)");
        const { zip, xml } = DOCX[k]!;
        const z = await JSZip.loadAsync(zip);
        z.file("word/document.xml", ops.reduce((s, op) => op(s), xml));
        await check({ kind: "docx", data: await z.generateAsync({ type: "uint8array" }), ...hint });
      }),
      { numRuns: 120 },
    );
  });

  it(".docx: the ZIP itself damaged — truncated, bytes flipped, entries missing", async () => {
    const zipOp = fc.oneof(
      at.map((f) => (b: Uint8Array) => b.subarray(0, Math.floor(b.length * f))),
      fc.array(fc.tuple(at, fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }).map((flips) => (b: Uint8Array) => {
        const out = b.slice();
        for (const [f, v] of flips) out[Math.floor(out.length * f)] = v;
        return out;
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 2 }), zipOp, async (k, op) => {
        count("importReport .docx (damaged ZIP)");
        await check({ kind: "docx", data: op(DOCX[k]!.zip) });
      }),
      { numRuns: 120 },
    );
    for (const [name, build] of [
      ["no document.xml", (z: JSZip) => z.remove("word/document.xml")],
      ["empty document.xml", (z: JSZip) => z.file("word/document.xml", "")],
      ["document.xml is binary", (z: JSZip) => z.file("word/document.xml", new Uint8Array([0, 1, 2, 255, 254]))],
      ["no body", (z: JSZip) => z.file("word/document.xml", '<?xml version="1.0"?><w:document/>')],
    ] as const) {
      count("importReport .docx (damaged ZIP)");
      const z = await JSZip.loadAsync(DOCX[0]!.zip);
      build(z);
      const r = await check({ kind: "docx", data: await z.generateAsync({ type: "uint8array" }) });
      expect(r.ok, name).toBe(false);
    }
  });
});

describe("detectKind on any upload", () => {
  it("answers a kind or a Chinese reason, for any file name and bytes", () => {
    const names = fc.oneof(fc.constantFrom("报告.docx", "a.DOCX", "x.html", "y.txt", "z.pdf", "noext", ".docx", "a.docx.exe", "a..", "a.%00.txt", ""), fc.string({ maxLength: 20 }));
    const heads = fc.constantFrom([], [0x50, 0x4b, 0x03, 0x04], [0x25, 0x50, 0x44, 0x46], [0xd0, 0xcf, 0x11, 0xe0], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0]);
    fc.assert(
      fc.property(names, heads, fc.uint8Array({ maxLength: 200 }), (name, head, rest) => {
        count("detectKind");
        const d = detectKind(name, new Uint8Array([...head, ...rest]));
        if (d.kind === undefined) expect(messageProblem(d.reason), d.reason).toBeNull();
        else expect(["text", "html", "docx"]).toContain(d.kind);
      }),
      { numRuns: 1000 },
    );
  });
});
