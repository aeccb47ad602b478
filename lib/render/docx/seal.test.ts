// 盖章版 and the header fields in the .docx (issue 16 §7): the seal's place above the agency name
// and date (GB/T 9704 §7.3.5.1), and 单位负责人/联系人/联系电话 as the 附注 under the date.
import { describe, expect, it } from "vitest";
import { clean2024 } from "../../fixtures/load";
import type { ReportDoc } from "../../data";
import { sealedSignoffPlacement, signoffPlacement } from "../signature";
import { bodyParagraphs, openDocx } from "../testing/docx-parts";
import { child, findAllDeep, wText, type XmlElement } from "../testing/xml";
import { renderHtml } from "../html";
import { renderDocx } from "./index";

async function paragraphs(report: ReportDoc, sealed: boolean): Promise<XmlElement[]> {
  const parts = await openDocx(await renderDocx(report, { sealed }));
  return bodyParagraphs(await parts.xml("word/document.xml"));
}
const rightIndent = (p: XmlElement) => Number(child(child(p, "w:pPr")!, "w:ind")?.attrs["w:right"] ?? 0);
const withHead = (): ReportDoc => {
  const r = clean2024();
  return { ...r, meta: { ...r.meta, date: "2025-01-20", principal: "张伟", contact: "王敏", phone: "0517-83601234" } };
};

describe("sealed sign-off placement", () => {
  it("puts the date 右空四字 and centres the name on it", () => {
    const p = sealedSignoffPlacement("示范市应急管理局", "2025年1月20日");
    expect(p.dateRight).toBe(4);
    // date is 2025年1月20日 = 4 digits ×0.5 + 年 + 1×0.5 + 月 + 2×0.5 + 日 = 6.5 chars wide; name 8 chars.
    expect(p.nameRight! + 8 / 2).toBeCloseTo(4 + 6.5 / 2, 5);
    expect(p.sealRight + 2).toBeCloseTo(4 + 6.5 / 2, 5);
  });
  it("differs from the unsealed layout (右空二字)", () => {
    expect(signoffPlacement("示范市应急管理局", "2025年1月20日").dateRight).not.toBe(sealedSignoffPlacement("示范市应急管理局", "2025年1月20日").dateRight);
  });
});

describe(".docx 盖章版", () => {
  it("marks the seal's place right after the body, above the agency name and the date, bookmarked 盖章", async () => {
    const ps = await paragraphs(withHead(), true);
    const texts = ps.map((p) => wText(p));
    const seal = texts.indexOf("（盖章）");
    expect(seal).toBeGreaterThan(0);
    expect(texts[seal + 2]).toBe("示范市应急管理局");
    expect(texts[seal + 3]).toBe("2025年1月20日");
    expect(findAllDeep(ps[seal]!, "w:bookmarkStart")[0]?.attrs["w:name"]).toBe("seal");
    // date 右空四字: 4 × 16 pt characters = 1280 twips.
    expect(rightIndent(ps[seal + 3]!)).toBe(1280);
    // the body text comes right before: the seal's top is within one line of it.
    expect(texts[seal - 1]!.length).toBeGreaterThan(0);
  });
  it("the unsealed file has no seal mark", async () => {
    const texts = (await paragraphs(withHead(), false)).map((p) => wText(p));
    expect(texts).not.toContain("（盖章）");
  });
  it("prints the header fields as the 附注 under the date, in both layouts and in HTML", async () => {
    for (const sealed of [false, true]) {
      const texts = (await paragraphs(withHead(), sealed)).map((p) => wText(p));
      const date = texts.lastIndexOf("2025年1月20日");
      expect(texts[date + 1]).toBe("（单位负责人：张伟；联系人：王敏；联系电话：0517-83601234）");
    }
    expect(renderHtml(withHead())).toContain(`<p class="nb-attached">（单位负责人：张伟；联系人：王敏；联系电话：0517-83601234）</p>`);
    const none = (await paragraphs(clean2024(), false)).map((p) => wText(p));
    expect(none.some((t) => t.includes("联系人"))).toBe(false);
  });
});
