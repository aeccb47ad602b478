import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { emptyReport, withCell, type ReportDoc } from "../data";
import { allCells, EDITIONS, getEdition } from "../template";
import { validateReport } from "./engine";
import { anchorLabel, blankInputCells, cellPathLabel, completenessGaps, summarizeGaps } from "./completeness";

const example = JSON.parse(readFileSync("lib/fixtures/example-2021-shifan-2024.json", "utf8")) as ReportDoc;

describe("completeness (the workflow's gate, derived from the template)", () => {
  it("the complete example has no gap", () => {
    expect(completenessGaps(example)).toEqual([]);
  });

  it("an empty report: the three narratives and every input cell of the three tables, in document order", () => {
    for (const edition of EDITIONS) {
      const r = emptyReport(edition.id, "某局", edition.appliesTo.fromYear);
      const gaps = completenessGaps(r);
      const narratives = edition.sections.filter((s) => s.kind === "narrative");
      const inputs = allCells(edition).filter((c) => !c.derived);
      expect(gaps.filter((g) => g.kind === "narrative").map((g) => g.ref)).toEqual(narratives.map((s) => `narrative.${s.narrativeKey}`));
      expect(gaps.filter((g) => g.kind === "cell").map((g) => g.ref)).toEqual(inputs.map((c) => c.ref));
      expect(gaps[0]!.message).toBe(`「${narratives[0]!.heading}」未填写`);
      expect(summarizeGaps(gaps)).toContain("个单元格未填写");
    }
  });

  it("0 is a value; a blank is not; totals are not asked for", () => {
    const ref = "applications.withheldSecurityStability.natural";
    const r = withCell(structuredClone(example), ref, null);
    expect(completenessGaps(r).map((g) => g.ref)).toEqual([ref]);
    expect(completenessGaps(withCell(r, ref, 0))).toEqual([]);
    expect(completenessGaps(withCell(structuredClone(example), "applications.handledTotal.total", null))).toEqual([]);
  });

  it("a narrative with only the inserted sub-headings, or a bare 无 / 暂无问题, is not content", () => {
    const edition = getEdition("2021");
    const overview = edition.sections.find((s) => s.narrativeKey === "overview")!;
    const headingsOnly = overview.subBlocks!.map((b) => b.label).join("\n\n");
    for (const [key, text, expected] of [
      ["overview", headingsOnly, "只有小标题"],
      ["problems", "无", "只写了「无」"],
      ["problems", "暂无问题。", "只写了「暂无问题。」"],
      ["problems", "  \n ", "未填写"],
    ] as const) {
      const r = { ...example, narrative: { ...example.narrative, [key]: text } };
      const gaps = completenessGaps(r);
      expect(gaps).toHaveLength(1);
      expect(gaps[0]!.ref).toBe(`narrative.${key}`);
      expect(gaps[0]!.message).toContain(expected);
    }
    const fine = { ...example, narrative: { ...example.narrative, problems: "本年度未发现突出问题，下一步将继续规范依申请公开办理流程。" } };
    expect(completenessGaps(fine)).toEqual([]);
  });

  it("names a cell by its full path, never by an ambiguous leaf; every path is unique", () => {
    const e = getEdition("2021");
    expect(cellPathLabel(e, "applications.withheldSecurityStability.natural")).toMatch(/^表三「（三）不予公开 \/ 3\.危及.*」行「自然人」列$/);
    expect(cellPathLabel(e, "applications.withheldSecurityStability.commercial")).toMatch(/「法人或其他组织 \/ 商业企业」列$/);
    expect(anchorLabel(e, "narrative.problems")).toBe(e.sections.find((s) => s.narrativeKey === "problems")!.heading);
    expect(anchorLabel(e, "report")).toBe("整份报告");
    for (const edition of EDITIONS) {
      const labels = allCells(edition).map((c) => cellPathLabel(edition, c.ref));
      expect(new Set(labels).size).toBe(labels.length);
    }
  });

  it("the rule engine is unchanged: blanks stay warnings (a published report with blanks validates as before)", () => {
    const r = emptyReport(2024, "某局");
    const v = validateReport(r);
    expect(v.errors).toBe(0);
    expect(v.issues.filter((i) => i.rule === "cell.blank")).toHaveLength(3);
  });

  it("lists the blank input cells of the tables (for the roll-up)", () => {
    const e = getEdition("2021");
    expect(blankInputCells(e, example.tables as never)).toEqual([]);
    expect(blankInputCells(e, {})).toHaveLength(allCells(e).filter((c) => !c.derived).length);
  });
});
