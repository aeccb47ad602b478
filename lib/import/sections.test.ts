import { describe, expect, it } from "vitest";
import { agencyFromPreamble, agencyFromTitle, isTitleLike, mostMentionedYear, parseDateLine, statedYear, statisticsPeriodYear, yearFromTitle } from "./meta";
import { isFurnitureLine, outline } from "./outline";
import { findLegacyHeadings, findStatutoryHeadings, legacyHeadingNumber, matchStatutoryHeading } from "./sections";
import type { Block } from "./source";
import { readText } from "./text/read-text";

describe("statutory section headings", () => {
  it("the template headings, full- or half-width, traditional", () => {
    expect(matchStatutoryHeading("一、总体情况")?.key).toBe("overview");
    expect(matchStatutoryHeading("二、主動公開政府信息情況")?.key).toBe("proactive");
    expect(matchStatutoryHeading("三，收到和处理政府信息公开申请情况")?.key).toBe("applications");
    expect(matchStatutoryHeading("六、其他需要報告的事項")?.key).toBe("other");
  });

  it("reworded headings seen in real reports", () => {
    expect(matchStatutoryHeading("五、政府信息公开工作存在的主要问题及改进情况")?.key).toBe("problems");
    expect(matchStatutoryHeading("五、存在的主要问题及改进措施")?.key).toBe("problems");
    expect(matchStatutoryHeading("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况")?.key).toBe("appeals");
    expect(matchStatutoryHeading("四、政府信息公开行政复议和行政诉讼情况")?.key).toBe("appeals");
  });

  it("the number must be the section's own; legacy headings do not pass", () => {
    expect(matchStatutoryHeading("三、主动公开政府信息情况")).toBeUndefined(); // seed 000
    expect(matchStatutoryHeading("六、存在问题及改进措施")).toBeUndefined(); // seed 000
    expect(matchStatutoryHeading("一、概述")).toBeUndefined();
    expect(matchStatutoryHeading("三、依申请公开和不予公开政府信息的情况")).toBeUndefined(); // seed 003
    expect(matchStatutoryHeading("二、政府信息主动公开、依申请公开等基本情况")).toBeUndefined(); // seed 003
  });

  it("table row labels and sub-headings are not section headings", () => {
    expect(matchStatutoryHeading("一、本年新收政府信息公开申请数量")).toBeUndefined();
    expect(matchStatutoryHeading("三、本年度办理结果")).toBeUndefined();
    expect(matchStatutoryHeading("四、结转下年度继续办理")).toBeUndefined();
    expect(matchStatutoryHeading("（一）主动公开")).toBeUndefined();
  });

  it("an unnumbered heading (Word auto-numbering) must be worded as the template", () => {
    expect(matchStatutoryHeading("总体情况")?.key).toBe("overview");
    expect(matchStatutoryHeading("存在问题")).toBeUndefined();
  });

  it("a long paragraph is never a heading", () => {
    expect(matchStatutoryHeading(`一、总体情况${"。".repeat(70)}`)).toBeUndefined();
  });

  it("headings are taken in order, each once", () => {
    const doc = readText(["一、总体情况", "x", "三、收到和处理政府信息公开申请情况", "二、主动公开政府信息情况", "五、存在的主要问题及改进情况", "一、总体情况"].join("\n"));
    expect(findStatutoryHeadings(doc.blocks).map((h) => h.number)).toEqual(["一", "三", "五"]);
  });
});

describe("legacy headings", () => {
  it("numbered 一、二、… in sequence", () => {
    const doc = readText(["一、概述", "（一）小标题", "二、工作开展情况", "四、跳号", "三、主动公开", "1.不是"].join("\n"));
    expect(findLegacyHeadings(doc.blocks).map((h) => h.paragraph.text)).toEqual(["一、概述", "二、工作开展情况", "三、主动公开"]);
  });
  it("sentences are not headings", () => {
    expect(legacyHeadingNumber("一、我局认真落实条例。")).toBeUndefined();
    expect(legacyHeadingNumber("十、其他")).toBe(10);
  });
});

describe("dates, years, agencies", () => {
  it("date lines in the forms reports use", () => {
    expect(parseDateLine("2019年1月7日")).toBe("2019-01-07");
    expect(parseDateLine(" 2025 年 1 月 20 日 ")).toBe("2025-01-20");
    expect(parseDateLine("2025-01-20")).toBe("2025-01-20");
    expect(parseDateLine("2025.1.2")).toBe("2025-01-02");
    expect(parseDateLine("二〇二五年一月二十日")).toBe("2025-01-20");
    expect(parseDateLine("二〇一九年十二月二日")).toBe("2019-12-02");
    expect(parseDateLine("２０２４年１２月３１日")).toBe("2024-12-31");
    expect(parseDateLine("2025年2月30日")).toBeUndefined();
    expect(parseDateLine("2025年1月20日发布")).toBeUndefined();
  });

  it("title: year and agency, year first or agency first, traditional kept as printed", () => {
    expect(yearFromTitle("2018年瀘州市政府信息公開工作年度報告")).toBe(2018);
    expect(agencyFromTitle("2018年瀘州市政府信息公開工作年度報告")).toBe("瀘州市");
    expect(agencyFromTitle("2017年高新區(新市區)政府信息公開工作年度報告")).toBe("高新區(新市區)");
    expect(agencyFromTitle("南通市应急管理局2020年政府信息公开工作年度报告")).toBe("南通市应急管理局");
    expect(agencyFromTitle("南通市人民政府2020年度政府信息公开年度报告")).toBe("南通市人民政府");
    expect(agencyFromTitle("关于南通市应急管理局2020年政府信息公开工作年度报告")).toBe("南通市应急管理局");
  });

  it("title-like lines", () => {
    expect(isTitleLike("示范市生态环境局2024年政府信息公开工作年度报告")).toBe(true);
    expect(isTitleLike("2018年瀘州市政府信息公開工作年度報告")).toBe(true);
    expect(isTitleLike("本报告是依据…编制的2019年度政府信息公开工作年度报告。")).toBe(false);
  });

  it("opening paragraph: 「由…编制」, 「现将…（以下简称…）2018年…」", () => {
    expect(agencyFromPreamble("本报告是依据国务院《政府信息公开条例》要求,由巴州应急管理局编制的2019年度政府信息公开工作年度报告。")).toBe("巴州应急管理局");
    expect(agencyFromPreamble("根据《条例》规定,现将衢州市安全生产监督管理局(以下简称市安监局)2018年政府信息公开工作年度报告予以公布。")).toBe(
      "衢州市安全生产监督管理局",
    );
    expect(agencyFromPreamble("本报告根据条例编制。")).toBeUndefined();
  });

  it("stated years, and the most mentioned year as a last resort (dates do not count)", () => {
    expect(statedYear("由巴州应急管理局编制的2019年度政府信息公开工作年度报告")).toBe(2019);
    expect(statisticsPeriodYear("注:本年報中所列數據的統計期限自2017年1月1日之日起")).toBe(2017);
    expect(mostMentionedYear(["2020年,我局…", "2021年将…", "2020年,在推进…", "2021年1月5日", "2021年2月8日"])).toBe(2020);
    expect(mostMentionedYear(["没有年份"])).toBeUndefined();
  });
});

describe("outline", () => {
  const para = (text: string, line: number): Block => ({ type: "paragraph", text, loc: { line } });

  it("title, signature and date; the tail after the date", () => {
    const o = outline(readText(["某局2024年政府信息公开工作年度报告", "本报告…", "一、总体情况", "正文", "六、其他需要报告的事项", "无", "某局", "2025年1月20日", "附件", "用户登录"].join("\n")));
    expect(o.title?.text).toBe("某局2024年政府信息公开工作年度报告");
    expect(o.signature?.text).toBe("某局");
    expect(o.date?.iso).toBe("2025-01-20");
    expect(o.tail.map((b) => (b.type === "paragraph" ? b.text : ""))).toEqual(["附件", "用户登录"]);
    expect(o.body.map((b) => (b.type === "paragraph" ? b.text : ""))).toEqual(["本报告…", "一、总体情况", "正文", "六、其他需要报告的事项", "无"]);
  });

  it("a long sentence before the date is not a signature (seed 000)", () => {
    const o = outline(readText(["一、概述", "（六）强化培训督查。进一步提升认识，规范考核问责。", "2019年12月2日"].join("\n")));
    expect(o.signature).toBeUndefined();
    expect(o.date?.iso).toBe("2019-12-02");
  });

  it("without a date: trailing furniture is cut (seed 002), a single short line is content (seed 001's 「无」)", () => {
    const seed002 = outline({ kind: "text", blocks: [para("一、概述", 1), para("正文。", 2), para("相關詞條", 3), para("熱門詞條", 4), para("聯絡我們", 5)] });
    expect(seed002.furniture.map((p) => p.text)).toEqual(["相關詞條", "熱門詞條", "聯絡我們"]);
    const seed001 = outline({ kind: "text", blocks: [para("六、其他需要报告的事项", 1), para("无", 2)] });
    expect(seed001.furniture).toEqual([]);
    expect(seed001.body).toHaveLength(2);
  });

  it("a title set on two lines, the agency on the first", () => {
    const o = outline({ kind: "text", blocks: [para("示范市生态环境局", 1), para("2024年政府信息公开工作年度报告", 2), para("一、总体情况", 3)] });
    expect(o.title).toMatchObject({ text: "示范市生态环境局2024年政府信息公开工作年度报告", loc: { line: 1 } });
    expect(o.furniture).toEqual([]);
  });

  it("lines before the title are furniture", () => {
    const o = outline({ kind: "text", blocks: [para("首页 > 政务公开", 1), para("某局2024年政府信息公开工作年度报告", 2), para("一、总体情况", 3)] });
    expect(o.furniture.map((p) => p.text)).toEqual(["首页 > 政务公开"]);
  });

  it("furniture words, simplified or traditional, only in short lines", () => {
    expect(isFurnitureLine("用戶登錄")).toBe(true);
    expect(isFurnitureLine("发布日期：2025-01-20 来源：某局")).toBe(true);
    expect(isFurnitureLine(`我局在门户网站设置了分享到微信的功能，${"并".repeat(60)}`)).toBe(false);
  });
});
