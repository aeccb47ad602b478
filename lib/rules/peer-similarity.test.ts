import fc from "fast-check";
import { describe, expect, it } from "vitest";
import example2024 from "../fixtures/example-2021-shifan-2024.json";
import { parseReport, type ReportDoc } from "../data";
import { validateReport } from "./engine";
import { MAX_DETAILED, PeerCorpus, type PeerSource } from "./peer-similarity";
import { MAX_COMPARED_CHARS, similarity, SIMILARITY_THRESHOLD } from "./similarity";

const A =
  "本局坚持以公开为常态、不公开为例外，围绕群众关切推进交通运输领域政务公开，完善主动公开目录，规范依申请公开办理流程，确保答复及时准确。" +
  "同时加强政府信息管理，落实信息发布保密审查制度，定期清理规范性文件，及时更新公开指南和公开目录，保证公开信息准确完整。";
const B =
  "今年重点建设了政务新媒体矩阵，开设了十个专栏，发布各类信息三千余条，群众满意度明显提升，相关经验被上级部门转发推广。" +
  "在监督保障方面，把政务公开纳入年度绩效考核，组织两次专题培训，邀请群众代表评议公开工作，对发现的问题建立台账限期整改。";
const C =
  "生态环境局围绕污染防治攻坚战，公开空气质量、水环境质量和重点排污单位监测信息，全年发布环境质量月报十二期，" +
  "开展环保设施向公众开放活动四次，接待参观群众六百余人次，并对建设项目环评审批结果全部依法公示接受监督。" +
  "针对群众反映集中的噪声和油烟问题，建立投诉办理结果公开机制，每月通报办理情况，做到件件有回音、事事有着落。";

function peer(agencyId: number, agency: string, narrative: PeerSource["narrative"], kind: PeerSource["kind"] = "report"): PeerSource {
  return { agencyId, agency, year: 2024, kind, ...(kind === "report" ? { href: `/p/a${agencyId}/2024` } : {}), narrative };
}

function load(x: unknown): ReportDoc {
  const r = parseReport(x);
  if (!r.ok) throw new Error("fixture");
  return r.report;
}

describe("PeerCorpus (内容雷同 with other agencies' reports of the same year)", () => {
  const corpus = new PeerCorpus([
    peer(1, "甲局", { overview: A, problems: B }),
    peer(2, "乙局", { overview: `${B}${C}` }),
    peer(3, "丙局", { overview: C }, "archive"),
  ]);

  it("gives the same percentage and passages as the pairwise comparison, for every peer sharing a passage", () => {
    const text = `${A}${C}`;
    const got = corpus.matches("overview", text).map((m) => [m.peer.agency, m.ratio, m.passages]);
    const pairwise: [string, ReturnType<typeof similarity>][] = [
      ["甲局", similarity(text, A)],
      ["乙局", similarity(text, `${B}${C}`)],
      ["丙局", similarity(text, C)],
    ];
    const expected = pairwise
      .filter(([, r]) => r.ratio > 0)
      .sort(([x, rx], [y, ry]) => ry.ratio - rx.ratio || x.localeCompare(y, "zh-CN"))
      .map(([name, r]) => [name, r.ratio, r.passages]);
    expect(got).toEqual(expected);
    expect(got[0]![1]).toBeGreaterThan(0.45);
  });

  it("compares a section only with the same section, and leaves out the agency's own report", () => {
    expect(corpus.matches("problems", A)).toEqual([]);
    expect(corpus.matches("problems", B).map((m) => [m.peer.agency, m.ratio])).toEqual([["甲局", 1]]);
    expect(corpus.matches("overview", A, { excludeAgencyId: 1 })).toEqual([]);
    expect(corpus.forAgency(2).matches("overview", C).map((m) => m.peer.agency)).toEqual(["丙局"]);
  });

  it("short texts and an empty corpus are not judged", () => {
    expect(corpus.matches("overview", "本年度未收到政府信息公开申请。")).toEqual([]);
    expect(new PeerCorpus([]).matches("overview", A)).toEqual([]);
  });

  it("the template's sub-headings in a peer's text are not counted as shared", () => {
    const withHeadings = new PeerCorpus([peer(9, "丁局", { overview: `（一）主动公开\n（二）依申请公开\n（三）政府信息管理\n（四）政府信息公开平台建设\n（五）监督保障\n${C}` })]);
    const mine = `（一）主动公开\n（二）依申请公开\n（三）政府信息管理\n（四）政府信息公开平台建设\n（五）监督保障\n${A}`;
    // The engine removes them from the report's own text too; the peer index never holds them.
    expect(withHeadings.matches("overview", mine.split("\n").slice(5).join("\n"))).toEqual([]);
  });

  it("agrees with the pairwise similarity on random mixtures of passages (property)", () => {
    const pieces = [A.slice(0, 40), A.slice(40), B.slice(0, 50), B.slice(50), C.slice(0, 30), C.slice(30)];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 2, maxLength: 6 }), fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 4 }), (mine, theirs) => {
        const text = mine.join("");
        const other = theirs.join("。");
        const single = new PeerCorpus([peer(5, "戊局", { overview: other })]).matches("overview", text);
        const pair = similarity(text, other);
        expect(single[0]?.ratio ?? 0).toBeCloseTo(pair.ratio, 10);
        expect(single[0]?.passages ?? []).toEqual(pair.ratio > 0 ? pair.passages : []);
      }),
      { numRuns: 200 },
    );
  });
});

describe("narrative.peerSimilarity in the engine", () => {
  const now = load(example2024);

  it("warns per section above the threshold, naming the best-matching report, with the repeated passages", () => {
    const copied = { ...now, narrative: { ...now.narrative, overview: `${A}${C.slice(0, 80)}` } };
    const peers = new PeerCorpus([peer(1, "甲局", { overview: A }), peer(3, "丙局", { overview: `${A}${C.slice(0, 60)}` }), peer(4, "丁局", { overview: B })]).forAgency(99);
    const issues = validateReport(copied, { peers }).issues.filter((i) => i.rule === "narrative.peerSimilarity");
    expect(issues).toHaveLength(1);
    const [issue] = issues;
    expect(issue).toMatchObject({ severity: "warning", cell: "narrative.overview", computed: Math.round(SIMILARITY_THRESHOLD * 100), peer: { agency: "丙局", year: 2024, kind: "report", href: "/p/a3/2024" } });
    expect(issue!.reported).toBe(Math.round(similarity(`${A}${C.slice(0, 80)}`, `${A}${C.slice(0, 60)}`).ratio * 100));
    expect(issue!.message).toMatch(/^「一、总体情况」与丙局 2024 年度已公开年报的同一部分重复 \d+%（1 处重复段落；另有 1 份同年度报告也超过 50%），/);
    expect(issue!.passages).toEqual(similarity(`${A}${C.slice(0, 80)}`, `${A}${C.slice(0, 60)}`).passages.map((p) => p.text));
    // The client never has the peers: without them the rule is silent, the others unchanged.
    const without = validateReport(copied);
    expect(without.issues.filter((i) => i.rule !== "narrative.peerSimilarity")).toEqual(validateReport(copied, { peers }).issues.filter((i) => i.rule !== "narrative.peerSimilarity"));
  });

  it("an archived peer is named as such; the agency's own text is never its peer", () => {
    const copied = { ...now, narrative: { ...now.narrative, problems: C } };
    const corpus = new PeerCorpus([peer(3, "丙局", { problems: C }, "archive")]);
    expect(validateReport(copied, { peers: corpus.forAgency(99) }).issues.find((i) => i.rule === "narrative.peerSimilarity")?.message).toContain("与丙局 2024 年度年报（旧式归档）的同一部分重复 100%");
    expect(validateReport(copied, { peers: corpus.forAgency(3) }).issues.some((i) => i.rule === "narrative.peerSimilarity")).toBe(false);
  });
});

describe("PeerCorpus: bounded on adversarial input (issue 14)", () => {
  it("a text and peers made of one repeated phrase cost a bounded number of steps, not (text × peer length)", () => {
    // Every 10-character passage of these texts is the same: before the fix each position of the
    // text walked every copy of it in every peer — 30,000 × 30,000 × 20 steps.
    const same = "公开".repeat(15_000);
    const corpus = new PeerCorpus(Array.from({ length: 20 }, (_, i) => peer(i + 1, `第${i}局`, { overview: same })));
    const t = performance.now();
    const got = corpus.matches("overview", same, { min: SIMILARITY_THRESHOLD });
    expect(performance.now() - t).toBeLessThan(3000);
    expect(got).toHaveLength(20);
    expect(got[0]!.ratio).toBe(1);
  });

  it("many peers over the threshold: passages only for the best MAX_DETAILED, every one still counted with its ratio", () => {
    const peers = Array.from({ length: MAX_DETAILED + 30 }, (_, i) => peer(i + 1, `第${String(i).padStart(3, "0")}局`, { overview: A }));
    const got = new PeerCorpus(peers).matches("overview", A, { min: SIMILARITY_THRESHOLD });
    expect(got).toHaveLength(MAX_DETAILED + 30);
    expect(got.every((m) => m.ratio === 1)).toBe(true);
    expect(got.filter((m) => m.passages.length > 0)).toHaveLength(MAX_DETAILED);
    expect(got[0]!.passages.length).toBeGreaterThan(0);
  });

  it("texts beyond MAX_COMPARED_CHARS are compared on their first MAX_COMPARED_CHARS characters", () => {
    const long = `${A}${"新".repeat(MAX_COMPARED_CHARS)}`;
    const corpus = new PeerCorpus([peer(1, "甲局", { overview: "新".repeat(MAX_COMPARED_CHARS * 3) })]);
    const t = performance.now();
    const got = corpus.matches("overview", long);
    expect(performance.now() - t).toBeLessThan(3000);
    expect(got[0]!.passages.every((p) => p.end <= MAX_COMPARED_CHARS)).toBe(true);
    expect(similarity(long, long).passages.every((p) => p.end <= MAX_COMPARED_CHARS)).toBe(true);
  });
});
