// The renderer-independent pieces: number and date formatting, titles and file names, narrative
// line classification, signature placement, text clean-up, and the content model.

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { clean2024, edit, seed2020 } from "../fixtures/load";
import { getEdition } from "../template";
import { reportContent } from "./content";
import { formatReportDate } from "./dates";
import { classifyLine } from "./narrative";
import { signoffPlacement } from "./signature";
import { cleanText, splitParagraphs, textWidthInChars } from "./text";
import { reportFileName, reportTitle, titleLines } from "./title";
import { formatCellValue, formatNumber, printedValues } from "./values";

describe("formatNumber / formatCellValue", () => {
  it("prints blank as nothing and 0 as 0", () => {
    expect(formatCellValue(null)).toBe("");
    expect(formatCellValue(0)).toBe("0");
    expect(formatCellValue(-0)).toBe("0");
  });

  it("prints amounts exactly as given, without float artefacts or grouping", () => {
    expect(formatNumber(2031.9)).toBe("2031.9");
    expect(formatNumber(12.3456)).toBe("12.3456");
    expect(formatNumber(0.1 + 0.2)).toBe("0.3"); // 0.30000000000000004 before rounding
    expect(formatNumber(1.1 * 3)).toBe("3.3");
    expect(formatNumber(2031.9 - 2e-13)).toBe("2031.9");
    expect(formatNumber(1000.0001 + 2000.0002)).toBe("3000.0003");
    expect(formatNumber(3119)).toBe("3119");
    expect(formatNumber(1e12)).toBe("1000000000000");
    expect(formatNumber(-8)).toBe("-8");
  });

  it("never uses exponent notation", () => {
    expect(formatNumber(1e-7)).toBe("0.0000001");
    expect(formatNumber(1.5e-7)).toBe("0.00000015");
    expect(formatNumber(-2.5e-8)).toBe("-0.000000025");
    expect(formatNumber(1e21)).toBe("1000000000000000000000");
  });

  it("prints plain digits that parse back to the value (to 15 significant digits)", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (n) => {
        const s = formatNumber(n);
        expect(s).toMatch(/^-?\d+(\.\d+)?$/);
        expect(Math.abs(Number(s) - n)).toBeLessThanOrEqual(Math.abs(n) * 1e-14);
      }),
    );
  });

  it("prints every integer count and every 4-decimal 万元 amount exactly", () => {
    const count = fc.tuple(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 999_999 })).map(([a, b]) => a * 1e6 + b);
    fc.assert(
      fc.property(count, (n) => {
        expect(formatNumber(n)).toBe(String(n));
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 0, max: 9999 }), (i, f) => {
        const text = f === 0 ? String(i) : `${i}.${String(f).padStart(4, "0")}`.replace(/0+$/, "");
        expect(formatNumber(Number(text))).toBe(text);
      }),
    );
  });
});

describe("printedValues", () => {
  it("prints reported values as reported, even a wrong total", () => {
    const r = edit(clean2024(), { "applications.received.total": 999 });
    expect(printedValues(r)("applications.received.total")).toBe(999);
  });

  it("fills a blank total with its computed sum, but leaves blank input cells blank", () => {
    const r = edit(clean2024(), { "applications.received.total": null, "applications.granted.natural": null });
    const v = printedValues(r);
    expect(v("applications.received.total")).toBe(32);
    expect(v("applications.granted.natural")).toBeNull();
  });

  it("leaves a total blank when all its addends are blank (blank ≠ 0)", () => {
    const cols = ["natural", "commercial", "research", "nonprofit", "legalService", "otherOrg", "total"];
    const r = edit(clean2024(), Object.fromEntries(cols.map((c) => [`applications.carriedOver.${c}`, null])));
    expect(printedValues(r)("applications.carriedOver.total")).toBeNull();
  });
});

describe("formatReportDate", () => {
  it("writes Arabic numerals without leading zeros (GB/T 9704)", () => {
    expect(formatReportDate("2025-01-20")).toEqual({ text: "2025年1月20日", iso: "2025-01-20" });
    expect(formatReportDate("2025/1/5")).toEqual({ text: "2025年1月5日", iso: "2025-01-05" });
    expect(formatReportDate("2025年01月05日")).toEqual({ text: "2025年1月5日", iso: "2025-01-05" });
    expect(formatReportDate(" 2024.12.31 ")).toEqual({ text: "2024年12月31日", iso: "2024-12-31" });
  });

  it("prints anything that is not a real date as given", () => {
    expect(formatReportDate("2025-02-30")).toEqual({ text: "2025-02-30" });
    expect(formatReportDate("二〇二五年一月")).toEqual({ text: "二〇二五年一月" });
  });
});

describe("reportTitle / reportFileName", () => {
  it("uses meta.title, else agency + year", () => {
    expect(reportTitle(clean2024())).toBe("示范市应急管理局2024年政府信息公开工作年度报告");
    expect(reportTitle(seed2020())).toBe("南通市应急管理局2020年政府信息公开工作年度报告");
  });

  it("gives the suggested file name", () => {
    expect(reportFileName(clean2024(), "docx")).toBe("示范市应急管理局2024年政府信息公开工作年度报告.docx");
    expect(reportFileName(clean2024(), ".html")).toBe("示范市应急管理局2024年政府信息公开工作年度报告.html");
  });

  it("strips characters no file system accepts", () => {
    const r = { ...clean2024(), meta: { title: ' ../a/b\\c:d*e?f"g<h>i|j\u0001k. ' } };
    const name = reportFileName(r, "docx");
    expect(name).toBe("abcdefghijk.docx");
    expect(name).not.toMatch(/[\\/:*?"<>|\u0000-\u001f]/);
  });

  it("never returns an empty or over-long name", () => {
    expect(reportFileName({ ...clean2024(), meta: { title: "///" } }, "docx")).toBe("政府信息公开工作年度报告.docx");
    const long = reportFileName({ ...clean2024(), meta: { title: "长".repeat(300) } }, "docx");
    expect(Array.from(long).length).toBeLessThanOrEqual(85);
  });

  it("breaks a long title between the agency and 「〈年〉年…年度报告」, never inside a word", () => {
    expect(titleLines("示范市应急管理局2024年政府信息公开工作年度报告", 20)).toEqual(["示范市应急管理局", "2024年政府信息公开工作年度报告"]);
    expect(titleLines("某局2024年政府信息公开工作年度报告", 20)).toEqual(["某局2024年政府信息公开工作年度报告"]);
    expect(titleLines("一个没有年份的非常非常非常非常非常非常长的报告标题文字", 20)).toHaveLength(1);
  });
});

describe("classifyLine (（一） headings, document-format.md §3)", () => {
  it("a short （一） line alone is a level-2 heading", () => {
    expect(classifyLine("（一）收取信息处理费情况")).toEqual({ kind: "heading", text: "（一）收取信息处理费情况" });
    expect(classifyLine("（十二）其他事项：")).toEqual({ kind: "heading", text: "（十二）其他事项：" });
    // Typed by hand with a full stop, alone on its line: the same heading as the inserted one.
    expect(classifyLine("（一）主动公开。")).toEqual({ kind: "heading", text: "（一）主动公开。" });
  });

  it("a （一） run-in heading ending at the first 。 is the lead of its paragraph", () => {
    expect(classifyLine("（一）主动公开。全年主动公开信息436条。")).toEqual({
      kind: "paragraph",
      lead: "（一）主动公开。",
      text: "全年主动公开信息436条。",
    });
  });

  it("anything else stays a plain paragraph", () => {
    for (const line of [
      "一是加强组织保障，健全管理机制。",
      "（一）本年度未收取信息处理费，也未发生相关争议，特此说明。",
      "(一)半角括号不算",
      "1.属于国家秘密",
      "（一）",
      "（一）这是一个非常长的开头句子超过了二十个字符所以不是标题。后文。",
    ]) {
      expect(classifyLine(line)).toEqual({ kind: "paragraph", text: line });
    }
  });
});

describe("signoffPlacement (GB/T 9704 §7.3.5.2, no seal)", () => {
  it("name 右空二字; date two characters right of the name's first character", () => {
    // 12-character name, 6.5-character date: date ends 12 − 2 − 6.5 + 2 = 5.5 characters from the margin
    const p = signoffPlacement("示范市应急管理局办公室主任", "2025年1月22日");
    expect(p.nameRight).toBe(2);
    const nameStart = p.nameRight + textWidthInChars("示范市应急管理局办公室主任");
    const dateStart = p.dateRight! + textWidthInChars("2025年1月22日");
    expect(nameStart - dateStart).toBe(2);
  });

  it("when the shifted date would stick out, the date keeps 右空二字 and the name moves left", () => {
    const p = signoffPlacement("示范市应急管理局", "2025年1月22日");
    expect(p.dateRight).toBe(2);
    expect(p.nameRight + 8 - (p.dateRight! + 6.5)).toBe(2);
    expect(p.nameRight).toBe(2.5);
  });

  it("without a date the name is 右空二字", () => {
    expect(signoffPlacement("某局", undefined)).toEqual({ nameRight: 2 });
  });
});

describe("text clean-up", () => {
  it("drops characters XML cannot carry, keeps everything else", () => {
    expect(cleanText("a\u0000b\u0007c\u000bd\ud800e\tf\n")).toBe("abcde\tf\n");
    expect(cleanText("𠀀“三安全一稳定”<script>")).toBe("𠀀“三安全一稳定”<script>");
  });

  it("splits paragraphs on any line break, trims hand-typed indents, drops empty lines", () => {
    expect(splitParagraphs("　　第一段。\r\n\n  第二段。\r第三段。\n")).toEqual(["第一段。", "第二段。", "第三段。"]);
    expect(splitParagraphs("")).toEqual([]);
  });
});

describe("reportContent", () => {
  it("has the six sections of the edition, in order, with the tables in 二、三、四", () => {
    for (const r of [clean2024(), seed2020()]) {
      const c = reportContent(r);
      expect(c.sections.map((s) => s.heading)).toEqual(getEdition(r.edition).sections.map((s) => s.heading));
      expect(c.sections.map((s) => s.kind)).toEqual(["narrative", "table", "table", "table", "narrative", "narrative"]);
    }
  });

  it("uses meta.preamble when given, else a default naming the Regulation and the statistics period", () => {
    expect(reportContent(clean2024()).preamble[0]).toMatch(/^本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》编制，统计期限为2024年1月1日/);
    const seed = reportContent(seed2020());
    expect(seed.defaultPreamble).toBe(true);
    expect(seed.preamble).toEqual([
      "本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式（试行）》编制，统计期限为2020年1月1日至12月31日。",
    ]);
  });

  it("signs with meta.signature, else the agency; a date line only when meta.date is given", () => {
    expect(reportContent(clean2024())).toMatchObject({ signature: "示范市应急管理局", date: { text: "2025年1月22日" } });
    const seed = reportContent(seed2020());
    expect(seed.signature).toBe("南通市应急管理局");
    expect(seed.date).toBeUndefined();
  });
});
