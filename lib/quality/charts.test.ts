import { describe, expect, it } from "vitest";
import { commonKinds, onTime, scoreDistribution } from "./charts";
import type { Finding } from "./types";

const f = (kind: Finding["kind"], rule = "x"): Finding => ({ rule, kind, severity: "error", message: "" });

describe("run charts", () => {
  it("bands scores", () => {
    expect(scoreDistribution([{ score: 100 }, { score: 90 }, { score: 89.5 }, { score: 60 }, { score: 12 }]).values).toEqual([2, 1, 0, 1, 1]);
  });
  it("counts reports per kind (a report once per kind), most common first", () => {
    const d = commonKinds([{ findings: [f("arithmetic"), f("arithmetic")] }, { findings: [f("timeliness"), f("arithmetic")] }, { findings: [] }]);
    expect(d).toEqual({ categories: ["数据勾稽", "发布时间"], values: [2, 1] });
  });
  it("on time, late, unknown", () => {
    expect(onTime([{ findings: [], date: "2025-01-02" }, { findings: [f("timeliness", "publication.late")], date: "2025-02-02" }, { findings: [] }]).values).toEqual([1, 1, 1]);
  });
});

describe("the dashboard's 依申请 trend", () => {
  it("per year: received and the outcome groups of the template, years without reports left out", async () => {
    const { applicationTrend } = await import("./trend");
    const { variantReport } = await import("./testing/generate");
    const doc = variantReport({ agency: "示范市测试局", seed: 1 });
    const t = doc.tables.applications;
    const trend = applicationTrend([
      { year: 2023, doc, reports: 0 },
      { year: 2024, doc, reports: 3 },
    ]);
    expect(trend.categories).toEqual(["2024年"]);
    expect(trend.series.map((s) => s.name)).toEqual(["本年新收", "予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"]);
    expect(trend.series[0]!.values).toEqual([t.received!.total]);
    const outcomes = trend.series.slice(1).reduce((s, x) => s + x.values[0]!, 0);
    expect(outcomes).toBe(t.handledTotal!.total);
  });
});
