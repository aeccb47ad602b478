import { describe, expect, it } from "vitest";
import { renderReportBody } from "../render";
import { highlightFindings } from "./highlight";
import { variantReport } from "./testing/generate";

describe("findings in place", () => {
  const doc = variantReport({ agency: "示范市测试局", seed: 5 });
  const html = renderReportBody(doc, { idPrefix: "qc" });

  it("frames the cells a finding names, marks repeated passages, flags the section", () => {
    const passage = doc.narrative.overview.slice(10, 40);
    const out = highlightFindings(html, [
      { rule: "appeals.total", kind: "arithmetic", severity: "error", message: "", cell: "appeals.review.total", cells: ["appeals.review.total", "appeals.review.upheld"] },
      { rule: "narrative.peerSimilarity", kind: "similarity", severity: "warning", message: "", cell: "narrative.overview", passages: [passage] },
    ]);
    expect(out.match(/class="[^"]*qc-hit[^"]*"[^>]* data-cell="appeals\.review\.(total|upheld)"/g)).toHaveLength(2);
    expect(out).toContain(`<mark>${passage}</mark>`);
    expect(out).toContain('<section class="nb-section qc-hit" data-section="overview">');
    expect(out.match(/此处有问题/g)).toHaveLength(2);
  });

  it("leaves the report alone without findings, and escapes nothing twice", () => {
    expect(highlightFindings(html, [])).toBe(html);
    const out = highlightFindings(html, [{ rule: "x", kind: "similarity", severity: "warning", message: "", passages: ["<script>alert(1)</script>不在文中的一段文字"] }]);
    expect(out).toBe(html);
  });
});
