import { describe, expect, it } from "vitest";
import example2023 from "../fixtures/example-2021-shifan-2023.json";
import example2024 from "../fixtures/example-2021-shifan-2024.json";
import { parseReport, type ReportDoc } from "../data";
import { validateReport } from "./engine";
import { isSignificant, similarity, SIMILARITY_THRESHOLD } from "./similarity";

const para =
  "本机关坚持以公开为常态、不公开为例外，围绕群众关切推进政务公开，完善主动公开目录，规范依申请公开办理流程，确保答复及时准确。" +
  "同时加强政府信息管理，落实信息发布保密审查制度，定期清理规范性文件，及时更新公开指南和公开目录，保证公开信息准确完整。";
const other =
  "今年重点建设了政务新媒体矩阵，开设了十个专栏，发布各类信息三千余条，群众满意度明显提升，相关经验被上级部门转发推广。" +
  "在监督保障方面，把政务公开纳入年度绩效考核，组织两次专题培训，邀请群众代表评议公开工作，对发现的问题建立台账限期整改。";

function load(x: unknown): ReportDoc {
  const r = parseReport(x);
  if (!r.ok) throw new Error("fixture");
  return r.report;
}

describe("内容雷同", () => {
  it("a copied text is 100 % similar; different texts are not", () => {
    expect(similarity(para, para).ratio).toBe(1);
    expect(similarity(para, other).ratio).toBe(0);
  });
  it("re-punctuation and spacing do not hide a copy", () => {
    const repunctuated = para.replace(/，/g, ",").replace(/。/g, ". ");
    expect(similarity(repunctuated, para).ratio).toBe(1);
  });
  it("finds the repeated passages with their offsets, for highlighting", () => {
    const text = `${other}${para}`;
    const r = similarity(text, para);
    expect(r.ratio).toBeGreaterThan(0.4);
    expect(r.passages).toHaveLength(1);
    expect(text.slice(r.passages[0]!.start, r.passages[0]!.end)).toBe(para.slice(0, -1));
  });
  it("the fast test for significant characters agrees with the Unicode classes for every character of the BMP and beyond", () => {
    const ignored = /[\s\p{P}\p{S}]/u;
    const differ: number[] = [];
    for (let cp = 0; cp <= 0x2ffff; cp++) if (isSignificant(cp) === ignored.test(String.fromCodePoint(cp))) differ.push(cp);
    expect(differ).toEqual([]);
  });
  it("a pair compared again gives the same (frozen, shared) result; another text or reference is compared afresh", () => {
    const text = `${other}${para}`;
    const first = similarity(text, para);
    expect(similarity(`${text}`, `${para}`)).toBe(first); // equal texts, other string objects
    expect(Object.isFrozen(first) && Object.isFrozen(first.passages) && Object.isFrozen(first.passages[0])).toBe(true);
    expect(similarity(text, other).ratio).toBeGreaterThan(0.4); // same text, another reference
    expect(similarity(text, other)).not.toBe(first);
    expect(similarity(para + other, para)).toEqual({ ratio: first.ratio, passages: [{ start: 0, end: para.length - 1, text: para.slice(0, -1) }] });
    expect(similarity(text, para)).toEqual(first);
  });
  it("short sections are not judged", () => {
    expect(similarity("无", "无").ratio).toBe(0);
    expect(similarity("本年度未收取政府信息公开信息处理费。", "本年度未收取政府信息公开信息处理费。").ratio).toBe(0);
  });
  it("the engine warns per section when last year's text is repeated above the threshold", () => {
    const last = load(example2023);
    const now = load(example2024);
    expect(validateReport(now, { previous: last }).issues.filter((i) => i.rule === "narrative.similarity")).toEqual([]);
    const copied = { ...now, narrative: { ...now.narrative, overview: last.narrative.overview } };
    const [issue] = validateReport(copied, { previous: last }).issues.filter((i) => i.rule === "narrative.similarity");
    expect(issue).toMatchObject({ severity: "warning", cell: "narrative.overview", reported: 100 });
    expect(issue!.message).toContain("「一、总体情况」与上年报告同一部分重复 100%");
    expect(SIMILARITY_THRESHOLD).toBe(0.5);
  });
});
