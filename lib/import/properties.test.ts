// Properties: the importer never throws, whatever it is given, and every failure is a Chinese note.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EDITIONS, TABLE_KEYS } from "../template";
import { labelIndex } from "./labels";
import { importReport } from "./index";
import type { ImportResult } from "./types";

const HAN = /[\u4e00-\u9fff]/;

function checkResult(r: ImportResult): void {
  const notes = r.ok ? [...r.warnings, ...r.unrecognized] : [...r.errors, ...r.warnings];
  for (const n of notes) {
    expect(n.message).toMatch(HAN);
    expect(n.code).not.toBe("internal");
  }
  if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
}

/** Pieces real reports are made of: template labels, headings, numbers, fillers, separators. */
const PIECES: string[] = (() => {
  const out = new Set<string>(["|", "||", " | ", "\n", "\t", "/", "-", "—", "+2", "-8", "2031.9", "3,985,758", "１２", "无", "2020年", "2025年1月20日", "附件", "用戶登錄", "某局2022年政府信息公开工作年度报告"]);
  for (const e of EDITIONS) {
    for (const s of e.sections) out.add(s.heading);
    for (const t of TABLE_KEYS) for (const entry of labelIndex(e, t).entries) out.add(entry.label);
  }
  return [...out];
})();

const piece = fc.oneof(fc.constantFrom(...PIECES), fc.integer({ min: -5, max: 5000 }).map(String), fc.string({ maxLength: 6 }));
const separator = fc.constantFrom(" | ", "\n", " |\n", "|", "\t");
const reportLike = fc.array(fc.tuple(piece, separator), { maxLength: 150 }).map((parts) => parts.map(([p, sep]) => p + sep).join(""));

describe("importReport never throws", () => {
  it("on arbitrary strings (text)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 400 }), async (s) => {
        checkResult(await importReport({ kind: "text", data: s }));
      }),
      { numRuns: 300 },
    );
  });

  it("on arbitrary unicode text with hints", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "grapheme", maxLength: 300 }), fc.integer({ min: 1990, max: 2110 }), async (s, year) => {
        checkResult(await importReport({ kind: "text", data: s, yearHint: year, agencyHint: "某局" }));
      }),
      { numRuns: 200 },
    );
  });

  it("on report-like text made of template labels, numbers and separators", async () => {
    await fc.assert(
      fc.asyncProperty(reportLike, fc.boolean(), async (s, hint) => {
        const r = await importReport({ kind: "text", data: s, ...(hint ? { agencyHint: "某局", yearHint: 2022 } : {}) });
        checkResult(r);
        // A statutory result is always a valid nianbao/report@1 document (importReport validates it).
        if (r.ok && r.type === "report") expect(r.report.format).toBe("nianbao/report@1");
      }),
      { numRuns: 300 },
    );
  });

  it("on arbitrary HTML-ish strings and arbitrary bytes", async () => {
    const tags = fc.constantFrom("<table>", "</table>", "<tr>", "<td rowspan=\"3\">", "<td colspan=\"0\">", "</td>", "<th colspan=\"999\">", "<p>", "<br>", "<div>", "</div>", "<!DOCTYPE html>", "<script>", "</script>");
    const html = fc.array(fc.oneof(tags, fc.constantFrom(...PIECES), fc.string({ maxLength: 5 })), { maxLength: 150 }).map((a) => a.join(""));
    await fc.assert(
      fc.asyncProperty(html, async (s) => {
        checkResult(await importReport({ kind: "html", data: s, agencyHint: "某局", yearHint: 2023 }));
      }),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.constantFrom("text", "html", "docx") as fc.Arbitrary<"text" | "html" | "docx">, async (bytes, kind) => {
        checkResult(await importReport({ kind, data: bytes }));
      }),
      { numRuns: 200 },
    );
  });
});
