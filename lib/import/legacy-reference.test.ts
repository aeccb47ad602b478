// An archived legacy report as last year's reference: its free sections assigned to the statutory
// narrative sections, and its traditional-script text compared with a simplified-script report.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import example2024 from "../fixtures/example-2021-shifan-2024.json";
import { parseReport } from "../data";
import { validateReport } from "../rules";
import { importReport } from "./index";
import { archiveReference, narrativeKeyOfLegacyHeading } from "./legacy-reference";
import type { LegacyReport } from "./legacy";

const seed = (name: string) => readFileSync(new URL(`./fixtures/seeds/${name}`, import.meta.url), "utf8");

async function legacyOf(name: string): Promise<LegacyReport> {
  const r = await importReport({ kind: "text", data: seed(name) });
  if (!r.ok || r.type !== "legacy") throw new Error(`${name}: not a legacy report`);
  return r.legacy;
}

function report2024() {
  const parsed = parseReport(example2024);
  if (!parsed.ok) throw new Error("fixture");
  return parsed.report;
}

describe("legacy sections by statutory narrative section", () => {
  it("assigns the headings seen in the seeds and in format-legacy.md §2", () => {
    const cases: [string, string | null][] = [
      ["一、概述", "overview"],
      ["二、政府信息主動公開情況", "overview"],
      ["四、依申请公开及行政复议、诉讼情况", "overview"],
      ["五、行政复议和诉讼情况", "overview"],
      ["机构建设和保障经费情况", "overview"],
      ["四、收费及减免情况", "other"],
      ["五、政府信息公开相关费用情况", "other"],
      ["六、其他需要报告的事项", "other"],
      ["六、存在主要困难和问题", "problems"],
      ["七、下一步工作建议和改进情况", "problems"],
      ["三、2018年政府信息公開工作思路", "problems"],
      ["存在的主要问题和改进措施", "problems"],
      ["附件：政府信息公开情况统计表", null],
    ];
    expect(cases.map(([h]) => [h, narrativeKeyOfLegacyHeading(h)])).toEqual(cases);
  });

  it("seed 003 (衢州 2018): seven sections into 一 (four), 五 (two) and 六 (fees), in printed order", async () => {
    const ref = archiveReference(await legacyOf("003_7bcad31b0e10dcd8.txt"));
    expect(ref.year).toBe(2018);
    expect(ref.parts.overview.map((s) => s.heading)).toEqual([
      "一、政府信息公开基本情况",
      "二、政府信息主动公开、依申请公开等基本情况",
      "三、依申请公开和不予公开政府信息的情况",
      "五、行政复议和诉讼情况",
    ]);
    expect(ref.parts.problems.map((s) => s.heading)).toEqual(["六、存在主要困难和问题", "七、下一步工作建议和改进情况"]);
    expect(ref.parts.other.map((s) => s.heading)).toEqual(["四、收费及减免情况"]);
    expect(ref.narrative.problems).toBe(`${ref.parts.problems[0]!.text}\n${ref.parts.problems[1]!.text}`);
  });

  it("every legacy seed yields an overview; every section with text ends up in exactly one place", async () => {
    for (const name of ["000_bb6b4cb57292b92b.txt", "002_dde7539a227df57a.txt", "003_7bcad31b0e10dcd8.txt", "004_e5c3cb7e9a4f2ae8.txt"]) {
      const legacy = await legacyOf(name);
      const ref = archiveReference(legacy);
      expect(ref.narrative.overview.length, name).toBeGreaterThan(100);
      const placed = [...ref.parts.overview, ...ref.parts.problems, ...ref.parts.other].map((s) => s.heading).sort();
      expect(placed, name).toEqual(legacy.sections.filter((s) => s.text.trim()).map((s) => s.heading).sort());
    }
  });

  it("a copy of the archive as shown (seed 004, traditional script) is 内容雷同 with it", async () => {
    const legacy = await legacyOf("004_e5c3cb7e9a4f2ae8.txt");
    const ref = archiveReference(legacy);
    expect(ref.narrative.overview).toContain("烏魯木齊");
    // (Years aside: the engine compares whatever archive it is given.)
    const now = report2024();
    const copied = { ...now, narrative: { ...now.narrative, overview: ref.narrative.overview.slice(0, 600) } };
    expect(validateReport(now, { previousArchive: { year: 2017, narrative: ref.narrative } }).issues.some((i) => i.rule === "narrative.similarity")).toBe(false);
    const result = validateReport(copied, { previousArchive: { year: 2017, narrative: ref.narrative } });
    const issue = result.issues.find((i) => i.rule === "narrative.similarity");
    expect(issue?.message).toMatch(/^「一、总体情况」与 2017 年度归档年报（旧式）的相应内容重复 100%/);
    // No statutory tables last year: the cross-year table checks are stated not to apply, nothing else.
    expect(result.issues.filter((i) => i.rule.startsWith("carry.")).map((i) => [i.rule, i.severity])).toEqual([["carry.archive", "info"]]);
  });
});

describe("asArchive: any published report can be kept as a read-only archive (issue 14)", () => {
  it("a statutory 2020 report imported with asArchive becomes a legacy record of 2020 with its sections", async () => {
    const { readFileSync } = await import("node:fs");
    const { importReport } = await import("./import-report");
    const text = readFileSync(new URL("./fixtures/seeds/001_e58fc4138ebb9d36.txt", import.meta.url), "utf8");
    const normal = await importReport({ kind: "text", data: text, agencyHint: "示范市交通运输局" });
    expect(normal.ok && normal.type).toBe("report");
    const archived = await importReport({ kind: "text", data: text, agencyHint: "示范市交通运输局", asArchive: true });
    expect(archived.ok && archived.type).toBe("legacy");
    if (archived.ok && archived.type === "legacy") {
      expect(archived.legacy.year).toBe(2020);
      expect(archived.legacy.sections.length).toBeGreaterThanOrEqual(4);
      expect(archived.legacyReason).toContain("往年归档");
    }
  });
});
