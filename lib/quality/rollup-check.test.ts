// 本级与下级合计: a government's own report against the sum of its direct subordinates' reports in
// the run — the 总计 column of table 三, from the template; complete sums only; the scheme's relation.
import { describe, expect, it } from "vitest";
import { withCell, type ReportDoc } from "../data";
import { rollUp } from "../rollup";
import { allCells, cellLabel, getEdition } from "../template";
import { finishRun, type FinishInput } from "./batch";
import { rollupCells, rollupFindings, type ScopeAgency } from "./rollup-check";
import { DEFAULT_SCHEME } from "./score";
import { variantReport } from "./testing/generate";

// 县政府 (1) with two departments (2, 3) and a township (4) whose own department (5) its report covers.
const SCOPE: ScopeAgency[] = [
  { id: 1, name: "示范县人民政府", parentId: 100 },
  { id: 2, name: "示范县教育局", parentId: 1 },
  { id: 3, name: "示范县民政局", parentId: 1 },
  { id: 4, name: "示范县城关镇人民政府", parentId: 1 },
  { id: 5, name: "城关镇社会事务办", parentId: 4 },
];

const child = (id: number, seed: number): ReportDoc => {
  const d = variantReport({ agency: SCOPE[id - 1]!.name, seed });
  // Different figures per agency: 本年新收 of natural persons varies (its totals follow).
  return withCell(withCell(d, "applications.received.natural", 10 * id), "applications.received.total", d.tables.applications.received!.total! - d.tables.applications.received!.natural! + 10 * id);
};

function government(subs: ReportDoc[]): ReportDoc {
  const sum = rollUp(2024, "示范县人民政府", subs.map((d, k) => ({ agencyId: k, agencyName: d.agency.name, reportId: 0, state: "published" as const, edition: d.edition, tables: d.tables })));
  return { ...variantReport({ agency: "示范县人民政府", seed: 1 }), tables: sum.doc.tables };
}

const subs = [child(2, 2), child(3, 3), child(4, 4)];
const entries = (gov: ReportDoc, others: ReportDoc[] = subs) => [
  { key: "gov", agencyId: 1, report: gov },
  ...others.map((d) => ({ key: d.agency.name, agencyId: SCOPE.find((a) => a.name === d.agency.name)!.id, report: d })),
  // The township's only department: the same figures as the township's own report.
  { key: "town-dept", agencyId: 5, report: { ...child(4, 5), agency: { name: "城关镇社会事务办" } } },
];

describe("the cells that must agree", () => {
  it("are the 总计 column of table 三, read from the template", () => {
    const cells = rollupCells("2021");
    const rows = new Set(allCells(getEdition("2021")).filter((c) => c.table === "applications").map((c) => c.row));
    expect(cells.map((c) => c.ref)).toEqual([...rows].map((r) => `applications.${r}.total`));
    expect(cells.find((c) => c.ref === "applications.received.total")!.label).toBe(cellLabel(getEdition("2021"), "applications.received.total"));
  });
});

describe("a government's own report against its subordinates' sum", () => {
  it("agrees: no finding; the township's report already covers its own department", () => {
    expect(rollupFindings(2024, entries(government(subs)), SCOPE)).toEqual(new Map());
  });

  it("disagrees: one error per cell, with the reported figure, the sum and the agencies summed", () => {
    const gov = government(subs);
    const sum = gov.tables.applications.received!.total!;
    const found = rollupFindings(2024, entries(withCell(gov, "applications.received.total", sum + 7)), SCOPE);
    expect([...found.keys()]).toEqual(["gov"]);
    expect(found.get("gov")).toEqual([
      {
        rule: "rollup.sum",
        kind: "rollup",
        severity: "error",
        cell: "applications.received.total",
        reported: sum + 7,
        computed: sum,
        agencies: ["示范县教育局", "示范县民政局", "示范县城关镇人民政府"],
        message: `${cellLabel(getEdition("2021"), "applications.received.total")}：填报 ${sum + 7}，3 个下级单位年报合计 ${sum}，应相等`,
        text: `合计 ${sum} = ${subs.map((d) => `${d.agency.name} ${d.tables.applications.received!.total}`).join("，")}`,
      },
    ]);
  });

  it("atLeast: more than the sum (its own 本级 handling) passes, less fails; off checks nothing", () => {
    const gov = government(subs);
    const sum = gov.tables.applications.received!.total!;
    expect(rollupFindings(2024, entries(withCell(gov, "applications.received.total", sum + 7)), SCOPE, "atLeast")).toEqual(new Map());
    const less = rollupFindings(2024, entries(withCell(gov, "applications.received.total", sum - 1)), SCOPE, "atLeast").get("gov")!;
    expect(less.map((f) => [f.rule, f.cell])).toEqual([["rollup.sum", "applications.received.total"]]);
    expect(less[0]!.message).toContain(`少于 3 个下级单位年报合计 ${sum}`);
    expect(rollupFindings(2024, entries(withCell(gov, "applications.received.total", sum - 1)), SCOPE, "off")).toEqual(new Map());
  });

  it("an incomplete sum is not compared: one info naming the subordinate without a report, or with another edition's tables", () => {
    const gov = withCell(government(subs), "applications.received.total", 1);
    const missing = rollupFindings(2024, entries(gov, subs.slice(0, 2)), SCOPE).get("gov")!;
    expect(missing).toEqual([
      { rule: "rollup.incomplete", kind: "rollup", severity: "info", message: "未核对本级年报与下级单位年报合计：示范县城关镇人民政府的年报未计入本次检查", agencies: ["示范县城关镇人民政府"] },
    ]);
    const old = variantReport({ agency: "示范县民政局", seed: 3, edition2019: true });
    const other = rollupFindings(2024, entries(gov, [subs[0]!, old, subs[2]!]), SCOPE).get("gov")!;
    expect(other.map((f) => [f.rule, f.agencies])).toEqual([["rollup.incomplete", ["示范县民政局"]]]);
    expect(other[0]!.message).toContain("使用2019年版表格");
  });

  it("is part of a run: found, scored and ranked like any finding (an info deducts nothing)", () => {
    const gov = withCell(government(subs), "applications.received.total", 1);
    const inputs: FinishInput[] = entries(gov).map((e) => ({ key: e.key, agency: e.report.agency.name, agencyId: e.agencyId, source: "nianbao", checked: { findings: [], report: e.report } }));
    const result = finishRun(2024, inputs, DEFAULT_SCHEME, SCOPE);
    const g = result.items.find((i) => i.agency === "示范县人民政府")!;
    expect(g.findings.map((f) => f.rule)).toEqual(["rollup.sum"]);
    expect(g.breakdown).toEqual([{ kind: "rollup", label: "本级与下级合计", count: 1, deduction: 5 }]);
    expect(g.score).toBe(95);
    // Without the hierarchy (the CLI), nothing is said.
    expect(finishRun(2024, inputs, DEFAULT_SCHEME).items.flatMap((i) => i.findings)).toEqual([]);
  });
});
