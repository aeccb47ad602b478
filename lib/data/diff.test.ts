import { describe, expect, it } from "vitest";
import example from "../fixtures/example-2021-shifan-2024.json";
import { describeDiff, diffReports, isEmptyDiff } from "./diff";
import { parseReport } from "./parse";
import { withCell } from "./report";
import type { ReportDoc } from "./types";

function load(): ReportDoc {
  const r = parseReport(example);
  if (!r.ok) throw new Error("fixture invalid");
  return r.report;
}

describe("report diff", () => {
  it("an identical copy has no differences", () => {
    const a = load();
    expect(isEmptyDiff(diffReports(a, structuredClone(a)))).toBe(true);
  });

  it("lists changed cells with labels and old → new, blank distinct from 0", () => {
    const a = load();
    const b = withCell(withCell(a, "applications.withheldThirdParty.natural", 9), "appeals.review.upheld", null);
    const d = diffReports(a, b);
    expect(d.cells.map((c) => c.ref)).toEqual(["applications.withheldThirdParty.natural", "appeals.review.upheld"]);
    expect(d.cells[0]).toMatchObject({ label: "表三「4.保护第三方合法权益」行「自然人」列", after: 9 });
    expect(d.cells[1]!.after).toBeNull();
    expect(describeDiff(d)[1]).toMatch(/表四.*→ 未填写$/);
  });

  it("lists changed narrative and meta texts under their headings", () => {
    const a = load();
    const b = { ...a, narrative: { ...a.narrative, problems: a.narrative.problems + "补充。" }, meta: { ...a.meta, signature: "别的单位" } };
    const d = diffReports(a, b);
    expect(d.texts.map((t) => [t.path, t.label])).toEqual([
      ["narrative.problems", "五、存在的主要问题及改进情况"],
      ["meta.signature", "落款单位"],
    ]);
    expect(describeDiff(d)[0]).toContain("文字修改");
  });

  it("truncates long descriptions", () => {
    const a = load();
    let b = a;
    for (const col of ["natural", "commercial", "research", "nonprofit", "legalService", "otherOrg"]) b = withCell(b, `applications.granted.${col}`, 999);
    expect(describeDiff(diffReports(a, b), 3)).toHaveLength(4);
  });
});
