// The quality check on planted problems: each problem is found with the engine's rule id, at the
// right report, with its evidence — and a clean report of every format gives no finding at all.
import { describe, expect, it } from "vitest";
import { withCell } from "../data";
import { importReport } from "../import";
import { importFile, finishRun, type FinishInput } from "./batch";
import { checkImported, checkStored, MAX_LOSS_FINDINGS } from "./check";
import { FINDING_KINDS, ruleKind } from "./kinds";
import { plantedFiles, renderFile, variantReport, type FileKind } from "./testing/generate";

async function check(kind: FileKind, doc = variantReport({ agency: "示范市应急管理局", seed: 1 }), opts: { dropSection?: string; previous?: ReturnType<typeof variantReport>; edit?: (s: string) => string } = {}) {
  const f = await renderFile(doc, kind, `x.${kind}`, opts.dropSection ? { dropSection: opts.dropSection } : {});
  const bytes = opts.edit ? new TextEncoder().encode(opts.edit(new TextDecoder().decode(f.bytes))) : f.bytes;
  const imported = await importFile(f.name, bytes, 2024, importReport);
  return checkImported(imported.result, { year: 2024, ...(opts.previous ? { previous: opts.previous } : {}) });
}

const rules = (c: { findings: { rule: string }[] }) => c.findings.map((f) => f.rule);

describe("a clean report", { timeout: 60_000 }, () => {
  it.each(["docx", "html", "txt"] as const)("as .%s has no finding", async (kind) => {
    const c = await check(kind);
    expect(c.findings).toEqual([]);
    expect(c.date).toBe("2025-01-20");
    expect(c.edition).toBe("2021");
  });
});

describe("planted problems", { timeout: 60_000 }, () => {
  it("a wrong total: the engine's rule, the cell, reported and computed", async () => {
    const doc = variantReport({ agency: "示范市应急管理局", seed: 1 });
    const c = await check("docx", withCell(doc, "appeals.review.total", doc.tables.appeals.review!.total! + 4));
    expect(c.findings).toHaveLength(1);
    expect(c.findings[0]).toMatchObject({ rule: "appeals.total", kind: "arithmetic", severity: "error", cell: "appeals.review.total", reported: doc.tables.appeals.review!.total! + 4, computed: doc.tables.appeals.review!.total! });
  });

  it("a missing section: named with its official heading; its narrative is not reported again", async () => {
    const c = await check("html", undefined, { dropSection: "problems" });
    expect(rules(c)).toEqual(["structure.sectionMissing"]);
    expect(c.findings[0]!.message).toContain("五、存在的主要问题及改进情况");
  });

  it("a missing table section: no blank-cell findings for the cells of the table that is not there", async () => {
    const c = await check("html", undefined, { dropSection: "appeals" });
    expect(rules(c)).toEqual(["structure.sectionMissing"]);
    expect(c.findings[0]!.message).toContain("四、政府信息公开行政复议、行政诉讼情况");
  });

  it("a late date: after 31 January of the next year, from the document or as entered", async () => {
    const c = await check("txt", variantReport({ agency: "示范市应急管理局", seed: 1, date: "2025-02-01" }));
    expect(c.findings).toEqual([expect.objectContaining({ rule: "publication.late", kind: "timeliness", text: "2025年2月1日" })]);
    const onTime = checkStored(variantReport({ agency: "示范市测试局", seed: 1, date: "2025-01-31" }), { year: 2024 });
    expect(onTime.findings).toEqual([]);
    const entered = checkStored(variantReport({ agency: "示范市测试局", seed: 1, date: "2025-01-10" }), { year: 2024, publishedOn: { date: "2025年3月2日", source: "entered" } });
    expect(entered).toMatchObject({ date: "2025-03-02", dateSource: "entered" });
    expect(rules(entered)).toEqual(["publication.late"]);
  });

  it("no date at all", () => {
    const doc = variantReport({ agency: "示范市测试局", seed: 1 });
    const c = checkStored({ ...doc, meta: { ...doc.meta, date: "" } }, { year: 2024 });
    expect(rules(c)).toEqual(["publication.dateMissing"]);
  });

  it("a 2019 table in a 2024 report: document.editionYear", async () => {
    const c = await check("txt", variantReport({ agency: "示范市交通运输局", seed: 3, edition2019: true }));
    expect(rules(c)).toEqual(["document.editionYear"]);
    expect(c.edition).toBe("2019");
    expect(c.findings[0]!.kind).toBe("format");
  });

  it("blank cells: one finding per table naming every blank cell", async () => {
    let doc = variantReport({ agency: "示范市测试局", seed: 1 });
    for (const ref of ["applications.received.natural", "appeals.review.upheld", "appeals.review.corrected"]) doc = withCell(doc, ref, null);
    // Totals left blank too (a blank total takes its computed value): only the blanks are findings.
    doc = withCell(withCell(doc, "applications.received.total", null), "appeals.review.total", null);
    const c = await check("html", doc);
    const blank = c.findings.filter((f) => f.rule === "cell.blank");
    expect(blank.map((f) => f.cells)).toEqual([["applications.received.natural"], ["appeals.review.upheld", "appeals.review.corrected"]]);
    expect(blank[1]!.message).toContain("2 个单元格未填写");
    expect(blank[1]!.kind).toBe("blank");
  });

  it("carry-over mismatch with last year's report", async () => {
    const prev = variantReport({ agency: "示范市应急管理局", seed: 9, year: 2023, date: "2024-01-20" });
    const doc = variantReport({ agency: "示范市应急管理局", seed: 1 });
    const carried = doc.tables.applications.carriedOver!.natural!;
    const previous = withCell(prev, "applications.carriedForward.natural", carried + 3);
    const c = await check("docx", doc, { previous });
    expect(c.findings.filter((f) => f.rule === "carry.applications")).toEqual([expect.objectContaining({ kind: "carryOver", cell: "applications.carriedOver.natural", reported: carried, computed: carried + 3 })]);
    const agreeing = await check("docx", doc, { previous: withCell(prev, "applications.carriedForward.natural", carried) });
    expect(agreeing.findings.filter((f) => f.rule === "carry.applications")).toEqual([]);
  });

  it("import losses: what the importer could not read, with where it is", async () => {
    const c = await check("html", undefined, { edit: (h) => h.replace("</tbody>", "<tr><th>本表无此行</th><td>5</td><td>6</td><td>7</td></tr></tbody>") });
    const lost = c.findings.filter((f) => f.kind === "import");
    expect(lost.length).toBeGreaterThan(0);
    expect(lost[0]!.rule).toBe("import.unread");
    expect(lost[0]!.message).toContain("本表无此行");
  });

  it("an unreadable file is one finding, not a crash", async () => {
    const imported = await importFile("x.docx", new Uint8Array([1, 2, 3]), 2024, importReport);
    const c = checkImported(imported.result, { year: 2024 });
    expect(rules(c)).toEqual(["import.failed"]);
    expect(c.report).toBeUndefined();
  });

  it("losses are capped per report", () => {
    const notes = Array.from({ length: MAX_LOSS_FINDINGS + 7 }, (_, i) => ({ code: "text.stray" as const, message: `第 ${i} 行` }));
    const doc = variantReport({ agency: "示范市测试局", seed: 1 });
    const c = checkImported({ ok: true, type: "report", report: doc, edition: "2021", findings: { tables: ["proactive", "applications", "appeals"], sections: ["一", "二", "三", "四", "五", "六"], editionBasis: "tables" }, evidence: { cells: [], unknown: [] }, warnings: [], unrecognized: notes }, { year: 2024 });
    expect(c.findings).toHaveLength(MAX_LOSS_FINDINGS + 1);
    expect(c.findings.at(-1)!.message).toContain("另有 7 处");
  });
});

describe("a run", { timeout: 60_000 }, () => {
  it("finds exactly the planted problems at the right agency; the later report is the copy", async () => {
    const { files, expected } = await plantedFiles();
    const inputs: FinishInput[] = [];
    for (const f of files) {
      const imported = await importFile(f.name, f.bytes, 2024, importReport);
      inputs.push({ key: f.name, agency: imported.documentAgency!, source: "file", fileName: f.name, checked: checkImported(imported.result, { year: 2024 }) });
    }
    const result = finishRun(2024, inputs);
    const got = Object.fromEntries(result.items.map((i) => [i.agency, rules(i)]));
    expect(got).toEqual(expected);
    const copy = result.items.find((i) => i.findings.some((f) => f.rule === "narrative.peerSimilarity"))!;
    expect(copy.findings.find((f) => f.rule === "narrative.peerSimilarity")).toMatchObject({ cell: "narrative.overview", peer: { agency: "示范市应急管理局", year: 2024 } });
    expect(copy.findings.find((f) => f.rule === "narrative.peerSimilarity")!.passages!.length).toBeGreaterThan(0);
    // Scores and ranks follow the default scheme.
    expect(result.items.map((i) => [i.score, i.rank])).toEqual([[95, 1], [85, 2], [80, 3]]);
  });
});

describe("kinds", () => {
  it("every engine rule id has a kind", () => {
    for (const r of ["applications.rowTotal", "carry.inForce", "narrative.figures", "narrative.similarity", "cell.blank", "document.editionYear", "publication.late"]) {
      expect(FINDING_KINDS).toContain(ruleKind(r));
    }
    expect(ruleKind("carry.inForce")).toBe("carryOver");
    expect(ruleKind("narrative.similarity")).toBe("similarity");
  });
});
