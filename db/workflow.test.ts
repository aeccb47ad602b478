import { and, eq, like, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import example from "../lib/fixtures/example-2021-shifan-2024.json";
import { computeDerived, parseReport, withCell, type ReportDoc } from "../lib/data";
import { validateReport } from "../lib/rules";
import { issueKey } from "../lib/workflow/acknowledgements";
import type { Actor } from "../lib/auth/access";
import { getAgencyByCode } from "./agencies";
import { createReport, saveReport } from "./reports";
import { actorsByLogin } from "./testing/actors";
import { TEST_DIALECT, useTempStore, type TempStore } from "./testing/stores";
import { all, one, rawExec } from "./unit";
import { applyTransition, confirmWarning, contentHash, lastChanges } from "./workflow";

let s: TempStore;
let other: TempStore; // a second app server on the same database
let actors: Map<string, Actor>;
const actor = (login: string): Actor => actors.get(login)!;

useTempStore("wf", async (store) => {
  s = store;
  other = await s.another();
  actors = await s.run(actorsByLogin());
});

const snapshotsOf = (id: number) => s.run(all((d, t) => d.select().from(t.reportVersions).where(eq(t.reportVersions.reportId, id)).orderBy(t.reportVersions.id)));
/** The message of an error, or of the database error under a wrapped one. */
const messages = (e: unknown): string => (e instanceof Error ? `${e.message} ${messages(e.cause)}` : "");

function cleanDoc(agencyName: string) {
  const parsed = parseReport({ ...example, agency: { name: agencyName } });
  if (!parsed.ok) throw new Error("fixture");
  return parsed.report;
}

describe(`review cycle on the database (${TEST_DIALECT})`, () => {
  it("submit → return with a cell comment → fix → submit → approve → publish → revise", async () => {
    const drafter = actor("yingji-drafter");
    const reviewer = actor("yingji-reviewer");
    const created = await s.run(createReport(drafter, 2024));
    if (!created.ok) throw new Error(created.error);
    const id = created.id;

    // An error blocks submission.
    let doc = withCell(cleanDoc("示范市应急管理局"), "applications.received.natural", 999);
    let saved = await s.run(saveReport(drafter, id, 1, doc));
    if (saved.kind !== "saved") throw new Error(saved.kind);
    expect(await s.run(applyTransition(drafter, id, { action: "submit" }))).toMatchObject({ ok: false, status: 422 });

    // A blank cell is not 0: an incomplete report cannot be submitted; the refusal names the cell by its full path.
    doc = withCell(cleanDoc("示范市应急管理局"), "appeals.review.upheld", null);
    saved = await s.run(saveReport(drafter, id, saved.version, doc));
    if (saved.kind !== "saved") throw new Error(saved.kind);
    const incomplete = await s.run(applyTransition(drafter, id, { action: "submit" }));
    expect(incomplete).toMatchObject({ ok: false, status: 422 });
    if (incomplete.ok) throw new Error();
    expect(incomplete.incomplete!.map((g) => [g.ref, g.message])).toEqual([["appeals.review.upheld", "表四「行政复议」「结果维持」栏未填写"]]);
    expect(incomplete.reason).toContain("尚未填写完整");

    // Complete, with a warning (六 does not state the processing fee): it needs a reason of at least 5 characters.
    doc = { ...cleanDoc("示范市应急管理局"), narrative: { ...cleanDoc("示范市应急管理局").narrative, other: "本年度政务公开工作创新情况良好，无其他需要报告的事项。" } };
    saved = await s.run(saveReport(drafter, id, saved.version, doc));
    if (saved.kind !== "saved") throw new Error(saved.kind);
    const warnings = validateReport(saved.report).issues.filter((i) => i.severity === "warning");
    expect(warnings.map((w) => w.rule)).toEqual(["narrative.feeStatement"]);
    const refused = await s.run(applyTransition(drafter, id, { action: "submit" }));
    expect(refused).toMatchObject({ ok: false, status: 422 });
    expect(refused.ok ? [] : refused.unacknowledged!.map((w) => w.rule)).toEqual(warnings.map((w) => w.rule));
    const tooShort = await s.run(applyTransition(drafter, id, { action: "submit", acknowledgements: { [issueKey(warnings[0]!)]: "已核实。" } }));
    expect(tooShort).toMatchObject({ ok: false, status: 422 });
    expect(tooShort.ok ? "" : tooShort.reason).toMatch(/1 条理由太短.*至少 5 个字/);
    const acks = Object.fromEntries(warnings.map((w) => [issueKey(w), "已核实，本年度未收取信息处理费"]));
    const submitted = await s.run(applyTransition(drafter, id, { action: "submit", acknowledgements: acks }));
    expect(submitted).toMatchObject({ ok: true, status: "submitted" });
    // Submitted reports are read-only for drafters.
    expect((await s.run(saveReport(drafter, id, saved.version, doc))).kind).toBe("locked");

    // The reviewer returns it with several comments, anchored to a cell and to a section.
    expect(await s.run(applyTransition(reviewer, id, { action: "return" }))).toMatchObject({ ok: false, status: 422 });
    const returned = await s.run(applyTransition(reviewer, id, {
      action: "return",
      comments: [
        { anchor: "appeals.review.upheld", body: "请核对复议数" },
        { anchor: "narrative.other", body: "请写明信息处理费收取情况" },
      ],
    }));
    expect(returned).toMatchObject({ ok: true, status: "returned" });
    const comments = await s.run(all((d, t) => d.select().from(t.reviewComments).where(eq(t.reviewComments.reportId, id)).orderBy(t.reviewComments.id)));
    expect(comments.map((c) => [c.anchor, c.body])).toEqual([
      ["appeals.review.upheld", "请核对复议数"],
      ["narrative.other", "请写明信息处理费收取情况"],
    ]);

    // The drafter changes another section; the acknowledgement of the unchanged warning still applies.
    doc = { ...doc, narrative: { ...doc.narrative, overview: `${doc.narrative.overview}\n另：本年度组织政务公开培训两次。` } };
    saved = await s.run(saveReport(drafter, id, saved.version, doc));
    if (saved.kind !== "saved") throw new Error(saved.kind);
    const resubmit = await s.run(applyTransition(drafter, id, { action: "submit" }));
    expect(resubmit).toMatchObject({ ok: true, status: "submitted" });
    const seen = saved.version;

    // Drafters cannot approve. The reviewer must name the version read, and look at every warning first.
    expect(await s.run(applyTransition(drafter, id, { action: "approve", version: seen }))).toMatchObject({ ok: false, status: 403 });
    expect(await s.run(applyTransition(reviewer, id, { action: "approve" }))).toMatchObject({ ok: false, status: 422 });
    const unconfirmed = await s.run(applyTransition(reviewer, id, { action: "approve", version: seen }));
    expect(unconfirmed).toMatchObject({ ok: false, status: 422 });
    expect(unconfirmed.ok ? [] : unconfirmed.unacknowledged!.map((w) => w.rule)).toEqual(["narrative.feeStatement"]);
    expect(await s.run(confirmWarning(reviewer, id, issueKey(warnings[0]!), "好"))).toMatchObject({ ok: false, status: 422 });
    expect(await s.run(confirmWarning(reviewer, id, issueKey(warnings[0]!), "与财务记录核对，确未收费"))).toEqual({ ok: true });
    expect(await s.run(applyTransition(reviewer, id, { action: "approve", version: seen }))).toMatchObject({ ok: true, status: "approved" });
    expect(await s.run(applyTransition(reviewer, id, { action: "publish" }))).toMatchObject({ ok: false, status: 422 });
    const published = await s.run(applyTransition(reviewer, id, { action: "publish", version: seen }));
    expect(published).toMatchObject({ ok: true, status: "published" });
    if (!published.ok) throw new Error();

    // What was published is provably what was approved: same content hash.
    const snaps = await snapshotsOf(id);
    expect(snaps.map((s) => s.kind)).toEqual(["submit", "return", "submit", "approve", "publish"]);
    const approve = snaps.find((s) => s.kind === "approve")!;
    const publish = snaps.find((s) => s.kind === "publish")!;
    expect(publish.contentHash).toBe(approve.contentHash);
    expect(publish.contentHash).toBe(contentHash(publish.data));

    // 「最后修改」 names the publication and who did it.
    const reviewerName = (await s.run(one((d, t) => d.select({ name: t.users.displayName }).from(t.users).where(eq(t.users.login, "yingji-reviewer")))))!.name;
    expect((await s.run(lastChanges([id]))).get(id)).toMatchObject({ what: "发布", actorName: reviewerName });

    // Published means immutable.
    expect((await s.run(saveReport(drafter, id, saved.version, withCell(doc, "appeals.review.upheld", 7)))).kind).toBe("locked");
    const frozen = await s.run(rawExec(() => sql`update reports set data = '{}' where id = ${id}`)).then(() => "", messages);
    expect(frozen).toMatch(/immutable/);

    // A correction is a new revision that goes through review again; the published snapshot stays.
    expect(await s.run(applyTransition(drafter, id, { action: "revise" }))).toMatchObject({ ok: false, status: 422 });
    expect(await s.run(applyTransition(drafter, id, { action: "revise", comment: "更正表四数据" }))).toMatchObject({ ok: true, status: "draft" });
    expect(await snapshotsOf(id)).toHaveLength(5);
  });

  it("approving a version the reviewer did not read is refused, with what changed", async () => {
    const drafter = actor("jiaotong-drafter");
    const reviewer = actor("jiaotong-reviewer");
    const created = await s.run(createReport(drafter, 2023));
    if (!created.ok) throw new Error(created.error);
    let saved = await s.run(saveReport(drafter, created.id, 1, { ...cleanDoc("示范市交通运输局"), year: 2023 }));
    if (saved.kind !== "saved") throw new Error(saved.kind);
    expect(await s.run(applyTransition(drafter, created.id, { action: "submit" }))).toMatchObject({ ok: true });
    const read = saved.version;
    // Meanwhile: withdrawn, changed, resubmitted.
    expect(await s.run(applyTransition(drafter, created.id, { action: "withdraw" }))).toMatchObject({ ok: true });
    saved = await s.run(saveReport(drafter, created.id, saved.version, withCell(saved.report, "proactive.licensing.decisions", 4321)));
    if (saved.kind !== "saved") throw new Error(saved.kind);
    expect(await s.run(applyTransition(drafter, created.id, { action: "submit" }))).toMatchObject({ ok: true });
    const stale = await s.run(applyTransition(reviewer, created.id, { action: "approve", version: read }));
    expect(stale).toMatchObject({ ok: false, status: 409, currentVersion: saved.version });
    if (stale.ok) throw new Error();
    expect(stale.reason).toContain(`您审阅的是第 ${read} 版`);
    expect(stale.changes!.join("\n")).toContain("表二「行政许可」行「本年处理决定数量」列");
    expect(await s.run(applyTransition(reviewer, created.id, { action: "approve", version: saved.version }))).toMatchObject({ ok: true, status: "approved" });
  });

  it("other agencies see nothing; wrong state is 409", async () => {
    const drafter = actor("jiaotong-drafter");
    const created = await s.run(createReport(drafter, 2024));
    if (!created.ok) throw new Error(created.error);
    expect(await s.run(applyTransition(actor("yingji-reviewer"), created.id, { action: "approve" }))).toMatchObject({ ok: false, status: 404 });
    expect(await s.run(applyTransition(actor("jiaotong-reviewer"), created.id, { action: "approve" }))).toMatchObject({ ok: false, status: 409 });
    expect(await s.run(getAgencyByCode("sfsjtysj"))).toBeTruthy();
  });
});

describe(`a step raced on two app servers (${TEST_DIALECT})`, () => {
  it("has exactly one winner: one snapshot, one audit entry, the others refused by the new state", async () => {
    const drafter = actor("jiaotong-drafter");
    const reviewer = actor("jiaotong-reviewer");
    const created = await s.run(createReport(drafter, 2022));
    if (!created.ok) throw new Error(created.error);
    const saved = await s.run(saveReport(drafter, created.id, 1, { ...cleanDoc("示范市交通运输局"), year: 2022 }));
    if (saved.kind !== "saved") throw new Error(saved.kind);
    const acks = Object.fromEntries(saved.validation.issues.filter((i) => i.severity === "warning").map((i) => [issueKey(i), "本年度已核实无误"]));

    // Four submits of the same report at once, alternating between the two servers.
    const submits = await Promise.all(Array.from({ length: 4 }, (_, i) => (i % 2 ? other : s).run(applyTransition(drafter, created.id, { action: "submit", acknowledgements: acks }))));
    expect(submits.filter((o) => o.ok)).toHaveLength(1);
    for (const o of submits) if (!o.ok) expect(o.status).toBe(409);
    expect((await snapshotsOf(created.id)).map((v) => v.kind)).toEqual(["submit"]);

    // The drafter withdraws while the reviewer returns it: one of them, never both.
    const [withdraw, ret] = await Promise.all([
      s.run(applyTransition(drafter, created.id, { action: "withdraw" })),
      other.run(applyTransition(reviewer, created.id, { action: "return", comment: "请补充第二部分的说明" })),
    ]);
    expect([withdraw.ok, ret.ok].filter(Boolean)).toHaveLength(1);
    const steps = await s.run(
      all((d, t) =>
        d
          .select({ action: t.auditLog.action })
          .from(t.auditLog)
          .where(and(eq(t.auditLog.entityType, "report"), eq(t.auditLog.entityId, created.id), like(t.auditLog.action, "report.%")))
          .orderBy(t.auditLog.id),
      ),
    );
    expect(steps.map((a) => a.action).filter((a) => a !== "report.save" && a !== "report.create")).toEqual(["report.submit", withdraw.ok ? "report.withdraw" : "report.return"]);
    const row = (await s.run(one((d, t) => d.select({ status: t.reports.status }).from(t.reports).where(eq(t.reports.id, created.id)))))!;
    expect(row.status).toBe(withdraw.ok ? "draft" : "returned");
  });
});

describe(`a save raced with a step on two app servers (${TEST_DIALECT})`, () => {
  it("never changes the content of a report once it is submitted: what was submitted is what is stored", async () => {
    const drafter = actor("shengtai-drafter");
    const created = await s.run(createReport(drafter, 2021));
    if (!created.ok) throw new Error(created.error);
    let saved = await s.run(saveReport(drafter, created.id, 1, { ...cleanDoc("示范市生态环境局"), year: 2021 }));
    if (saved.kind !== "saved") throw new Error(saved.kind);
    const acks = Object.fromEntries(saved.validation.issues.filter((i) => i.severity === "warning").map((i) => [issueKey(i), "本年度已核实无误"]));
    for (let round = 0; round < 6; round++) {
      const base: { version: number; report: ReportDoc } = saved;
      const [save, submit] = await Promise.all([
        s.run(saveReport(drafter, created.id, base.version, { ...base.report, meta: { ...base.report.meta, title: `标题 ${round}` } })),
        other.run(applyTransition(drafter, created.id, { action: "submit", acknowledgements: acks })),
      ]);
      expect(submit.ok).toBe(true);
      const row = (await s.run(one((d, t) => d.select().from(t.reports).where(eq(t.reports.id, created.id)))))!;
      const snaps = await snapshotsOf(created.id);
      const snapshot = snaps.at(-1)!;
      expect(row.status).toBe("submitted");
      // The stored content is the submitted snapshot's, at the snapshot's version.
      expect(row.version).toBe(snapshot.reportVersion);
      expect(JSON.parse(row.data)).toEqual(JSON.parse(snapshot.data));
      if (save.kind === "saved") expect(snapshot.reportVersion).toBe(save.version);
      else expect(save.kind).toBe("locked");
      expect((await s.run(applyTransition(drafter, created.id, { action: "withdraw" }))).ok).toBe(true);
      const current = await s.run(one((d, t) => d.select().from(t.reports).where(eq(t.reports.id, created.id))));
      saved = { ...saved, version: current!.version, report: JSON.parse(current!.data) as ReportDoc };
    }
  });
});

describe("reviewer confirms a warning", () => {
  it("is bound to the values: it lapses when an involved cell changes", async () => {
    const { confirmWarning, listAcknowledgements } = await import("./workflow");
    const { validAcknowledgement } = await import("../lib/workflow/acknowledgements");
    const drafter = actor("shengtai-drafter");
    const reviewer = actor("shengtai-reviewer");
    const created = await s.run(createReport(drafter, 2023));
    if (!created.ok) throw new Error(created.error);
    // 一 says 「行政复议2件」 but table 四 gets one more: a warning involving the section and the table.
    const clean = { ...cleanDoc("示范市生态环境局"), year: 2023 };
    const doc = withCell(clean, "appeals.review.upheld", (clean.tables.appeals.review!.upheld ?? 0) + 1);
    const saved = await s.run(saveReport(drafter, created.id, 1, doc));
    if (saved.kind !== "saved") throw new Error(saved.kind);
    const warning = validateReport(saved.report).issues.find((i) => i.rule === "narrative.figures")!;
    const key = issueKey(warning);
    // Only during review, only by the agency's reviewer.
    expect(await s.run(confirmWarning(reviewer, created.id, key, "已与案卷核实"))).toMatchObject({ ok: false, status: 409 });
    const allAcks = Object.fromEntries(validateReport(saved.report).issues.filter((i) => i.severity === "warning").map((i) => [issueKey(i), "本年度已核实无误"]));
    expect(await s.run(applyTransition(drafter, created.id, { action: "submit", acknowledgements: allAcks }))).toMatchObject({ ok: true });
    expect(await s.run(confirmWarning(drafter, created.id, key, "已与案卷核实"))).toMatchObject({ ok: false, status: 403 });
    expect(await s.run(confirmWarning(actor("yingji-reviewer"), created.id, key, "已与案卷核实"))).toMatchObject({ ok: false, status: 404 });
    expect(await s.run(confirmWarning(reviewer, created.id, key, ""))).toMatchObject({ ok: false, status: 422 });
    expect(await s.run(confirmWarning(reviewer, created.id, key, "与案卷核对无误"))).toEqual({ ok: true });
    const reviewerAcks = (await s.run(listAcknowledgements(created.id))).filter((a) => a.kind === "reviewer");
    expect(validAcknowledgement(saved.report, warning, reviewerAcks)?.reason).toBe("与案卷核对无误");
    // One involved cell changes: the warning remains but the confirmation lapses.
    const changed = computeDerived(withCell(saved.report, "appeals.review.corrected", (saved.report.tables.appeals.review!.corrected ?? 0) + 1));
    const again = validateReport(changed).issues.find((i) => issueKey(i) === key)!;
    expect(again).toBeTruthy();
    expect(validAcknowledgement(changed, again, reviewerAcks)).toBeUndefined();
    // An unrelated change keeps it.
    const unrelated = withCell(saved.report, "proactive.fees.amount", 1.5);
    const same = validateReport(unrelated).issues.find((i) => issueKey(i) === key)!;
    expect(validAcknowledgement(unrelated, same, reviewerAcks)?.reason).toBe("与案卷核对无误");
  });
});
