import { describe, expect, it } from "vitest";
import { allCells, getEdition } from "@/lib/template";
import { commentAnchors } from "./anchors";

describe("commentAnchors", () => {
  it("names the whole report, every section and every cell of the edition, cells by their full path", () => {
    const a = commentAnchors("2021");
    expect(a[0]).toEqual({ value: "report", label: "整份报告" });
    const e = getEdition("2021");
    expect(a).toHaveLength(1 + e.sections.length + allCells(e).length);
    expect(a.find((x) => x.value === "narrative.overview")?.label).toBe(e.sections.find((s) => s.narrativeKey === "overview")!.heading);
    expect(a.find((x) => x.value === "applications.received.natural")?.label).toBe("表三「一、本年新收政府信息公开申请数量」行「自然人」列");
    expect(new Set(a.map((x) => x.value)).size).toBe(a.length);
  });

  it("an unknown edition: the whole report only", () => {
    expect(commentAnchors("1999")).toEqual([{ value: "report", label: "整份报告" }]);
  });
});
