import { describe, expect, it } from "vitest";
import { clean2024 } from "../../fixtures/load";
import { renderPublicNotFound, renderPublicPage } from "./public-page";

describe("renderPublicPage", () => {
  const doc = { ...clean2024(), meta: { title: `</title><script>alert(1)</script>` } };
  const r1 = { id: 7, publishedAt: new Date("2025-01-20T02:00:00Z"), contentHash: "a".repeat(64) };
  const r2 = { id: 9, publishedAt: new Date("2025-02-01T02:00:00Z"), contentHash: "b".repeat(64) };

  it("a complete document: escaped title, report body, hash, no scripts", () => {
    const html = renderPublicPage({ agencyCode: "sfsyjj", year: 2024, doc, current: r1, revisions: [r1] });
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("<title>&lt;/title&gt;&lt;script&gt;");
    expect(html).not.toContain("<script>");
    expect(html).toContain(`class="nb-report"`);
    expect(html).toContain(`<code>${"a".repeat(16)}</code>`);
    expect(html).not.toContain("全部发布版本");
  });

  it("an earlier revision says so and lists every revision", () => {
    const html = renderPublicPage({ agencyCode: "sfsyjj", year: 2024, doc, current: r1, revisions: [r2, r1] });
    expect(html).toContain("已被更正");
    expect(html).toContain(`<a href="/p/sfsyjj/2024">查看最新版本</a>`);
    expect(html).toContain(`href="/p/sfsyjj/2024?rev=7" aria-current="page"`);
    expect(html).toContain("（最新）");
  });

  it("a back-filled publication shows the date the agency gave, or says it is not known", () => {
    const dated = { ...r1, backfill: true, publishedOn: "2021-01-28" };
    expect(renderPublicPage({ agencyCode: "sfsyjj", year: 2020, doc, current: dated, revisions: [dated] })).toContain("发布时间：2021年1月28日（补录，由原发布文件导入）");
    const undated = { ...r1, backfill: true, publishedOn: null };
    const html = renderPublicPage({ agencyCode: "sfsyjj", year: 2020, doc, current: undated, revisions: [undated] });
    expect(html).toContain("发布时间：原发布日期不详（补录");
    expect(html).not.toContain("2025-01-20");
  });

  it("the 404 page is Chinese", () => {
    expect(renderPublicNotFound()).toContain("页面不存在（404）");
  });
});
