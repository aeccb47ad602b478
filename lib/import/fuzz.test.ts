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

import fc from "fast-check";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseReportJson } from "../data";
import { messageProblem } from "../data/testing/mutations";
import { detectKind, importReport } from "./index";
import { encode, encoding, FIXTURE_HTMLS as HTMLS, fixtureDocxFiles, htmlOp, importHints as hints, lineOp, SEED_TEXTS as SEEDS, withDocumentXml, xmlOp, zipOp } from "./testing/damage";
import type { ImportInput, ImportResult } from "./types";

const counts: Record<string, number> = {};
const count = (target: string) => (counts[target] = (counts[target] ?? 0) + 1);
afterAll(() => {
  for (const [target, n] of Object.entries(counts)) console.log(`fuzz ${target}: ${n} cases`);
});

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
    DOCX = await fixtureDocxFiles();
  });

  it(".docx: Word XML with cells, rows and tables deleted or duplicated, absurd spans and merges, deep nesting, junk", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 2 }), fc.array(xmlOp, { minLength: 1, maxLength: 4 }), hints, async (k, ops, hint) => {
        count("importReport .docx (damaged document.xml)");
        const { zip, xml } = DOCX[k]!;
        await check({ kind: "docx", data: await withDocumentXml(zip, ops.reduce((s, op) => op(s), xml)), ...hint });
      }),
      { numRuns: 120 },
    );
  });

  it(".docx: the ZIP itself damaged — truncated, bytes flipped, entries missing", async () => {
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

describe("an internal failure", () => {
  it("is still a Chinese sentence for the user; the exception text is kept apart in `text`", async () => {
    // Bytes whose every read throws: the importer's last-resort catch.
    const exploding = new Proxy(new Uint8Array(8), {
      get: () => {
        throw new TypeError("boom");
      },
    });
    const r = await importReport({ kind: "text", data: exploding });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]!.code).toBe("internal");
    expect(messageProblem(r.errors[0]!.message)).toBeNull();
    expect(r.errors[0]!.message).not.toContain("boom");
    expect(r.errors[0]!.text).toBe("TypeError: boom");
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
        else expect(["text", "html", "docx", "pdf"]).toContain(d.kind);
      }),
      { numRuns: 1000 },
    );
  });
});
