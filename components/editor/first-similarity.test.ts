import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { sectionSimilarity } from "@/lib/rules/similarity";
import { fingerprint, shortened } from "./first-similarity";
import { Highlighted } from "./highlighted";

const html = (text: string, passages: readonly { start: number; end: number; text: string }[]) => renderToStaticMarkup(createElement(Highlighted, { text, passages }));

describe("the server's first 内容雷同 result", () => {
  const lastYear =
    "本局坚持以公开为常态、不公开为例外，围绕群众关切推进交通运输领域政务公开，完善主动公开目录。\n" +
    "同时加强政府信息管理，落实信息发布保密审查制度，定期清理规范性文件，及时更新公开指南和公开目录。";

  it("shows exactly what the full text shows, carrying only the passages and what precedes each", () => {
    const texts = [
      lastYear,
      `今年新增的一段很长的说明文字，讲述本年度的新工作与新举措，与上年完全不同，足以超过四十个字符的长度限制。${lastYear.slice(0, 60)}又一段全新的内容，说明本年度的其他情况和做法。${lastYear.slice(70)}`,
      `短句。${lastYear.slice(10, 40)}`,
      "与上年毫无相同之处的一段文字，共有二十多个字符以上。",
    ];
    let some = 0;
    for (const text of texts) {
      const s = sectionSimilarity({}, text, lastYear);
      const cut = shortened(s.text, s.passages);
      expect(html(cut.text, cut.passages)).toBe(html(s.text, s.passages));
      expect(cut.text.length).toBeLessThanOrEqual(s.text.length);
      if (s.passages.length && cut.text.length < s.text.length) some++;
    }
    expect(some).toBeGreaterThan(0); // the cut did shorten something
  });

  it("fits only the text it was computed for", () => {
    expect(fingerprint(lastYear)).toBe(fingerprint(`${lastYear}`));
    expect(fingerprint(lastYear)).not.toBe(fingerprint(`${lastYear} `));
    expect(fingerprint("ab")).not.toBe(fingerprint("ba"));
    expect(fingerprint("")).toBe("0:" + (0x811c9dc5).toString(36));
  });
});
