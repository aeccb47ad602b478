// Round trip: a report rendered by the app's own renderers (HTML page and .docx) and imported back
// gives the identical data — cells, narratives and the document's identity.
import { describe, expect, it } from "vitest";
import example2023 from "../fixtures/example-2021-shifan-2023.json";
import example2024 from "../fixtures/example-2021-shifan-2024.json";
import seed from "../fixtures/seed-001-nantong-2020.json";
import { parseReport, type ReportDoc } from "../data";
import { renderDocx, renderHtml } from "../render";
import { importReport } from "./index";

function load(x: unknown): ReportDoc {
  const r = parseReport(x);
  if (!r.ok) throw new Error("fixture invalid");
  return r.report;
}

const fixtures = { "2021 example 2024": example2024, "2021 example 2023": example2023, "2019 seed 001 (with its printed errors)": seed };

describe.each(Object.entries(fixtures))("round trip of %s", (_name, fixture) => {
  const original = load(fixture);
  const hints = { yearHint: original.year, agencyHint: original.agency.name };

  it("through the HTML page", async () => {
    const result = await importReport({ kind: "html", data: renderHtml(original), ...hints });
    if (!result.ok || result.type !== "report") throw new Error(`import failed: ${JSON.stringify(result).slice(0, 300)}`);
    expect(result.edition).toBe(original.edition);
    expect(result.report.tables).toEqual(original.tables);
    expect(result.report.narrative).toEqual(original.narrative);
    expect(result.report.year).toBe(original.year);
    expect(result.unrecognized).toEqual([]);
  });

  it("through the .docx", async () => {
    const result = await importReport({ kind: "docx", data: await renderDocx(original), ...hints });
    if (!result.ok || result.type !== "report") throw new Error(`import failed: ${JSON.stringify(result).slice(0, 300)}`);
    expect(result.edition).toBe(original.edition);
    expect(result.report.tables).toEqual(original.tables);
    expect(result.report.narrative).toEqual(original.narrative);
    expect(result.unrecognized).toEqual([]);
  });
});
