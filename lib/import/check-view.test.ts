// The check before an import is saved (issue 15 §6): counts that add up to the template's cells,
// blanks grouped by reason, and each template row's printed source beside its placed values.
import { describe, expect, it } from "vitest";
import { clean2024 } from "../fixtures/load";
import { getEdition, TABLE_KEYS } from "../template";
import { checkView } from "./check-view";
import { importReport } from "./index";
import { reportAsText, labelThenValueRow } from "./testing/shapes";
import type { ImportResult } from "./types";

function report(r: ImportResult) {
  if (!r.ok || r.type !== "report") throw new Error("expected a report");
  return r;
}

const original = clean2024();
const cellCount = TABLE_KEYS.reduce((n, k) => n + getEdition("2021").tables[k].blocks.reduce((m, b) => m + b.rows.length * b.columns.length, 0), 0);

describe("checkView", () => {
  it("a complete print: every value imported or blank as printed, each row beside its printed line", async () => {
    const text = reportAsText(original, labelThenValueRow);
    const v = checkView(report(await importReport({ kind: "text", data: text, agencyHint: original.agency.name, yearHint: original.year })));
    expect(v.counts.imported + v.counts.blankAsPrinted + v.counts.unknown).toBe(cellCount);
    expect(v.counts.unknown).toBe(0);
    expect(v.unknown).toEqual([]);
    const t3 = v.tables.find((t) => t.key === "applications")!;
    expect(t3.name).toBe("表三");
    const granted = t3.rows.find((r) => r.label === "（一）予以公开")!;
    expect(granted.values.map((x) => x.column)).toEqual(["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]);
    expect(granted.values.map((x) => x.value)).toEqual(Object.values(original.tables.applications.granted ?? {}));
    expect(granted.sources.length).toBeGreaterThan(0);
    for (const s of granted.sources) expect(s.where).toMatch(/^第 \d+ 行$/);
    // 表四's rows are named with their group (a column-group table).
    expect(v.tables.find((t) => t.key === "appeals")!.rows.map((r) => r.label)).toContain("行政诉讼·未经复议直接起诉");
  });

  it("a lost table: its cells are unknown, grouped under one reason, named and counted", async () => {
    const lines = reportAsText(original, labelThenValueRow).split("\n");
    const from = lines.findIndex((l) => l.startsWith("表四"));
    const to = lines.findIndex((l) => l.startsWith("五、"));
    const v = checkView(report(await importReport({ kind: "text", data: [...lines.slice(0, from), ...lines.slice(to)].join("\n"), agencyHint: original.agency.name, yearHint: original.year })));
    expect(v.counts.unknown).toBe(15);
    expect(v.unknown).toHaveLength(1);
    expect(v.unknown[0]!.why).toBe("文件中未找到该表");
    expect(v.unknown[0]!.cells).toHaveLength(13);
    expect(v.unknown[0]!.cells.at(-1)).toBe("等 15 格");
    expect(v.unknown[0]!.cells[0]).toBe("表四「行政复议」「结果维持」");
    expect(v.tables.find((t) => t.key === "appeals")!.found).toBe(false);
  });
});
