// Test helper (not app code): damage done to real published reports, for fuzzing the importer —
// in-process (lib/import/fuzz.test.ts) and through the upload endpoint (e2e/fuzz-http.e2e.ts).
// Each operator is a function of a fraction in [0, 1) (where in the file), so fast-check can
// shrink it and a failure names the place. Fixtures are read relative to the project root (the
// working directory of both vitest and Playwright).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import JSZip from "jszip";
import { parseReportJson, type ReportDoc } from "../../data";
import { NASTY_STRINGS } from "../../data/testing/mutations";
import { renderDocx } from "../../render";
import { reportToDocx } from "../fixtures/from-layout";

const fixture = (path: string) => readFileSync(join(process.cwd(), path), "utf8");

/** The five scraped text reports of lib/import/fixtures/seeds. */
export const SEED_TEXTS: readonly string[] = ["000_bb6b4cb57292b92b", "001_e58fc4138ebb9d36", "002_dde7539a227df57a", "003_7bcad31b0e10dcd8", "004_e5c3cb7e9a4f2ae8"].map((n) =>
  fixture(`lib/import/fixtures/seeds/${n}.txt`),
);
/** The official-layout page and the one with the usual hand-made deviations. */
export const FIXTURE_HTMLS: readonly string[] = [fixture("lib/import/fixtures/official-2021.html"), fixture("lib/import/fixtures/deviations-2021.html")];

export function fixtureReport(name: string): ReportDoc {
  const r = parseReportJson(fixture(`lib/fixtures/${name}`));
  if (!r.ok) throw new Error(name);
  return r.report;
}

/** .docx files as published: the app's own rendering of two fixture reports and a plain Word layout; with their document.xml. */
export async function fixtureDocxFiles(): Promise<{ zip: Uint8Array; xml: string }[]> {
  const a = fixtureReport("example-2021-shifan-2024.json");
  const b = fixtureReport("seed-001-nantong-2020.json");
  const files = [await renderDocx(a), await renderDocx(b), await reportToDocx(a)];
  return Promise.all(files.map(async (zip) => ({ zip, xml: await (await JSZip.loadAsync(zip)).file("word/document.xml")!.async("string") })));
}

/** The same .docx with document.xml replaced. */
export async function withDocumentXml(zip: Uint8Array, xml: string): Promise<Uint8Array> {
  const z = await JSZip.loadAsync(zip);
  z.file("word/document.xml", xml);
  return z.generateAsync({ type: "uint8array" });
}

/** Hints as the caller may give them (the upload form's year, the signed-in agency), also bad ones. */
export const importHints = fc.record(
  {
    yearHint: fc.constantFrom(2019, 2020, 2021, 2024, 1999, 2000, 2101, 2020.5, -1),
    agencyHint: fc.constantFrom("示范市交通运输局", "", "   ", "某".repeat(500), "<img src=x onerror=alert(1)>", "\u0000\u202e局"),
  },
  { requiredKeys: [] },
);

// ---------------------------------------------------------------------------------- text lines

export const at = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
export const nastyLine = fc.oneof(fc.constantFrom(...NASTY_STRINGS), fc.constantFrom("9".repeat(400), "-5", "1.5", "１２３", "|", "| | |", "\t\t", "三、收到和处理政府信息公开申请情况", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "总计"));
export type LineOp = (lines: string[]) => string[];
export const lineOp: fc.Arbitrary<LineOp> = fc.oneof(
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

export const encoding = fc.constantFrom("string", "utf8", "utf8-bom", "utf16-bom", "utf16-nobom", "broken-utf8");
export function encode(text: string, how: string): string | Uint8Array {
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

// ---------------------------------------------------------------------------------- HTML

export const spanValue = fc.constantFrom("0", "-1", "1", "3", "99999", "1000000000", "1e9", "abc", "2.5", "", " 2", "0x10");
export type TextOp = (s: string) => string;
const randomTag = (s: string, f: number) => {
  const tags = [...s.matchAll(/<[^>]*>/g)];
  return tags[Math.floor(tags.length * f)];
};
export const htmlOp: fc.Arbitrary<TextOp> = fc.oneof(
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

// ---------------------------------------------------------------------------------- .docx

const ELEMENTS = ["w:tc", "w:tr", "w:p", "w:tbl", "w:r", "w:tcPr", "w:body"];
export const xmlOp: fc.Arbitrary<TextOp> = fc.oneof(
  // An element (start tag to its end tag) removed or duplicated.
  fc.tuple(fc.constantFrom(...ELEMENTS), at, fc.boolean()).map(([name, f, dup]) => (s: string) => {
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

/** Damage to the ZIP container itself. */
export const zipOp: fc.Arbitrary<(b: Uint8Array) => Uint8Array> = fc.oneof(
  at.map((f) => (b: Uint8Array) => b.subarray(0, Math.floor(b.length * f))),
  fc.array(fc.tuple(at, fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }).map((flips) => (b: Uint8Array) => {
    const out = b.slice();
    for (const [f, v] of flips) out[Math.floor(out.length * f)] = v;
    return out;
  }),
);
