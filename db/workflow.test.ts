import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import example from "../lib/fixtures/example-2021-shifan-2024.json";
import { computeDerived, parseReport, withCell } from "../lib/data";
import { validateReport } from "../lib/rules";
import { issueKey } from "../lib/workflow/acknowledgements";
import type { Actor } from "../lib/auth/access";
import { getAgencyByCode } from "./agencies";
import type { Db } from "./client";
import { useTempDb } from "./testing/temp-db";
import { createReport, saveReport } from "./reports";
import { reportVersions, reviewComments } from "./schema";
import { findUserByLogin } from "./users";
import { applyTransition, confirmWarning, contentHash, lastChanges } from "./workflow";
import { runSqlite } from "./run-sqlite";

let db: Db;
const actor = (login: string): Actor => {
  const u = runSqlite(db, findUserByLogin(login))!;
  return { id: u.id, role: u.role, agencyId: u.agencyId };
};

useTempDb("wf", (d) => (db = d));

function cleanDoc(agencyName: string) {
  const parsed = parseReport({ ...example, agency: { name: agencyName } });
  if (!parsed.ok) throw new Error("fixture");
  return parsed.report;
}

describe("review cycle on the database", () => {
  it("submit → return with a cell comment → fix → submit → approve → publish → revise", () => {
    const drafter = actor("yingji-drafter");
    const reviewer = actor("yingji-reviewer");
    const created = createReport(db, drafter, 2024);
    if (!created.ok) throw new Error(created.error);
    const id = created.id;

    // An error blocks submission.
    let doc = withCell(cleanDoc("示范市应急管理局"), "applications.received.natural", 999);
    let saved = saveReport(db, drafter, id, 1, doc);
    if (saved.kind !== "saved") throw new Error(saved.kind);
    expect(applyTransition(db, drafter, id, { action: "submit" })).toMatchObject({ ok: false, status: 422 });

    // A blank cell is not 0: an incomplete report cannot be submitted; the refusal names the cell by its full path.
    doc = withCell(cleanDoc("示范市应急管理局"), "appeals.review.upheld", null);
    saved = saveReport(db, drafter, id, saved.version, doc);
    if (saved.kind !== "saved") throw new Error(saved.kind);
    const incomplete = applyTransition(db, drafter, id, { action: "submit" });
    expect(incomplete).toMatchObject({ ok: false, status: 422 });
    if (incomplete.ok) throw new Error();
    expect(incomplete.incomplete!.map((g) => [g.ref, g.message])).toEqual([["appeals.review.upheld", "表四「行政复议」「结果维持」栏未填写"]]);
    expect(incomplete.reason).toContain("尚未填写完整");

    // Complete, with a warning (六 does not state the processing fee): it needs a reason of at least 5 characters.
    doc = { ...cleanDoc("示范市应急管理局"), narrative: { ...cleanDoc("示范市应急管理局").narrative, other: "本年度政务公开工作创新情况良好，无其他需要报告的事项。" } };
    saved = saveReport(db, drafter, id, saved.version, doc);
    if (saved.kind !== "saved") throw new Error(saved.kind);
    const warnings = validateReport(saved.report).issues.filter((i) => i.severity === "warning");
    expect(warnings.map((w) => w.rule)).toEqual(["narrative.feeStatement"]);
    const refused = applyTransition(db, drafter, id, { action: "submit" });
    expect(refused).toMatchObject({ ok: false, status: 422 });
    expect(refused.ok ? [] : refused.unacknowledged!.map((w) => w.rule)).toEqual(warnings.map((w) => w.rule));
    const tooShort = applyTransition(db, drafter, id, { action: "submit", acknowledgements: { [issueKey(warnings[0]!)]: "已核实。" } });
    expect(tooShort).toMatchObject({ ok: false, status: 422 });
    expect(tooShort.ok ? "" : tooShort.reason).toMatch(/1 条理由太短.*至少 5 个字/);
    const acks = Object.fromEntries(warnings.map((w) => [issueKey(w), "已核实，本年度未收取信息处理费"]));
    const submitted = applyTransition(db, drafter, id, { action: "submit", acknowledgements: acks });
    expect(submitted).toMatchObject({ ok: true, status: "submitted" });
    // Submitted reports are read-only for drafters.
    expect(saveReport(db, drafter, id, saved.version, doc).kind).toBe("locked");

    // The reviewer returns it with several comments, anchored to a cell and to a section.
    expect(applyTransition(db, reviewer, id, { action: "return" })).toMatchObject({ ok: false, status: 422 });
    const returned = applyTransition(db, reviewer, id, {
      action: "return",
      comments: [
        { anchor: "appeals.review.upheld", body: "请核对复议数" },
        { anchor: "narrative.other", body: "请写明信息处理费收取情况" },
      ],
    });
    expect(returned).toMatchObject({ ok: true, status: "returned" });
    const comments = db.select().from(reviewComments).where(eq(reviewComments.reportId, id)).all();
    expect(comments.map((c) => [c.anchor, c.body])).toEqual([
      ["appeals.review.upheld", "请核对复议数"],
      ["narrative.other", "请写明信息处理费收取情况"],
    ]);

    // The drafter changes another section; the acknowledgement of the unchanged warning still applies.
    doc = { ...doc, narrative: { ...doc.narrative, overview: `${doc.narrative.overview}\n另：本年度组织政务公开培训两次。` } };
    saved = saveReport(db, drafter, id, saved.version, doc);
    if (saved.kind !== "saved") throw new Error(saved.kind);
    const resubmit = applyTransition(db, drafter, id, { action: "submit" });
    expect(resubmit).toMatchObject({ ok: true, status: "submitted" });
    const seen = saved.version;

    // Drafters cannot approve. The reviewer must name the version read, and look at every warning first.
    expect(applyTransition(db, drafter, id, { action: "approve", version: seen })).toMatchObject({ ok: false, status: 403 });
    expect(applyTransition(db, reviewer, id, { action: "approve" })).toMatchObject({ ok: false, status: 422 });
    const unconfirmed = applyTransition(db, reviewer, id, { action: "approve", version: seen });
    expect(unconfirmed).toMatchObject({ ok: false, status: 422 });
    expect(unconfirmed.ok ? [] : unconfirmed.unacknowledged!.map((w) => w.rule)).toEqual(["narrative.feeStatement"]);
    expect(confirmWarning(db, reviewer, id, issueKey(warnings[0]!), "好")).toMatchObject({ ok: false, status: 422 });
    expect(confirmWarning(db, reviewer, id, issueKey(warnings[0]!), "与财务记录核对，确未收费")).toEqual({ ok: true });
    expect(applyTransition(db, reviewer, id, { action: "approve", version: seen })).toMatchObject({ ok: true, status: "approved" });
    expect(applyTransition(db, reviewer, id, { action: "publish" })).toMatchObject({ ok: false, status: 422 });
    const published = applyTransition(db, reviewer, id, { action: "publish", version: seen });
    expect(published).toMatchObject({ ok: true, status: "published" });
    if (!published.ok) throw new Error();

    // What was published is provably what was approved: same content hash.
    const snaps = db.select().from(reportVersions).where(eq(reportVersions.reportId, id)).all();
    expect(snaps.map((s) => s.kind)).toEqual(["submit", "return", "submit", "approve", "publish"]);
    const approve = snaps.find((s) => s.kind === "approve")!;
    const publish = snaps.find((s) => s.kind === "publish")!;
    expect(publish.contentHash).toBe(approve.contentHash);
    expect(publish.contentHash).toBe(contentHash(publish.data));

    // 「最后修改」 names the publication and who did it.
    expect(lastChanges(db, [id]).get(id)).toMatchObject({ what: "发布", actorName: runSqlite(db, findUserByLogin("yingji-reviewer"))!.displayName });

    // Published means immutable.
    expect(saveReport(db, drafter, id, saved.version, withCell(doc, "appeals.review.upheld", 7)).kind).toBe("locked");
    expect(() => db.$client.prepare("update reports set data = '{}' where id = ?").run(id)).toThrow(/immutable/);

    // A correction is a new revision that goes through review again; the published snapshot stays.
    expect(applyTransition(db, drafter, id, { action: "revise" })).toMatchObject({ ok: false, status: 422 });
    expect(applyTransition(db, drafter, id, { action: "revise", comment: "更正表四数据" })).toMatchObject({ ok: true, status: "draft" });
    expect(db.select().from(reportVersions).where(eq(reportVersions.reportId, id)).all()).toHaveLength(5);
  });

  it("approving a version the reviewer did not read is refused, with what changed", () => {
    const drafter = actor("jiaotong-drafter");
    const reviewer = actor("jiaotong-reviewer");
    const created = createReport(db, drafter, 2023);
    if (!created.ok) throw new Error(created.error);
    let saved = saveReport(db, drafter, created.id, 1, { ...cleanDoc("示范市交通运输局"), year: 2023 });
    if (saved.kind !== "saved") throw new Error(saved.kind);
    expect(applyTransition(db, drafter, created.id, { action: "submit" })).toMatchObject({ ok: true });
    const read = saved.version;
    // Meanwhile: withdrawn, changed, resubmitted.
    expect(applyTransition(db, drafter, created.id, { action: "withdraw" })).toMatchObject({ ok: true });
    saved = saveReport(db, drafter, created.id, saved.version, withCell(saved.report, "proactive.licensing.decisions", 4321));
    if (saved.kind !== "saved") throw new Error(saved.kind);
    expect(applyTransition(db, drafter, created.id, { action: "submit" })).toMatchObject({ ok: true });
    const stale = applyTransition(db, reviewer, created.id, { action: "approve", version: read });
    expect(stale).toMatchObject({ ok: false, status: 409, currentVersion: saved.version });
    if (stale.ok) throw new Error();
    expect(stale.reason).toContain(`您审阅的是第 ${read} 版`);
    expect(stale.changes!.join("\n")).toContain("表二「行政许可」行「本年处理决定数量」列");
    expect(applyTransition(db, reviewer, created.id, { action: "approve", version: saved.version })).toMatchObject({ ok: true, status: "approved" });
  });

  it("other agencies see nothing; wrong state is 409", () => {
    const drafter = actor("jiaotong-drafter");
    const created = createReport(db, drafter, 2024);
    if (!created.ok) throw new Error(created.error);
    expect(applyTransition(db, actor("yingji-reviewer"), created.id, { action: "approve" })).toMatchObject({ ok: false, status: 404 });
    expect(applyTransition(db, actor("jiaotong-reviewer"), created.id, { action: "approve" })).toMatchObject({ ok: false, status: 409 });
    expect(runSqlite(db, getAgencyByCode("sfsjtysj"))).toBeTruthy();
  });
});

describe("reviewer confirms a warning", () => {
  it("is bound to the values: it lapses when an involved cell changes", async () => {
    const { confirmWarning, listAcknowledgements } = await import("./workflow");
    const { validAcknowledgement } = await import("../lib/workflow/acknowledgements");
    const drafter = actor("shengtai-drafter");
    const reviewer = actor("shengtai-reviewer");
    const created = createReport(db, drafter, 2023);
    if (!created.ok) throw new Error(created.error);
    // 一 says 「行政复议2件」 but table 四 gets one more: a warning involving the section and the table.
    const clean = { ...cleanDoc("示范市生态环境局"), year: 2023 };
    const doc = withCell(clean, "appeals.review.upheld", (clean.tables.appeals.review!.upheld ?? 0) + 1);
    const saved = saveReport(db, drafter, created.id, 1, doc);
    if (saved.kind !== "saved") throw new Error(saved.kind);
    const warning = validateReport(saved.report).issues.find((i) => i.rule === "narrative.figures")!;
    const key = issueKey(warning);
    // Only during review, only by the agency's reviewer.
    expect(confirmWarning(db, reviewer, created.id, key, "已与案卷核实")).toMatchObject({ ok: false, status: 409 });
    const allAcks = Object.fromEntries(validateReport(saved.report).issues.filter((i) => i.severity === "warning").map((i) => [issueKey(i), "本年度已核实无误"]));
    expect(applyTransition(db, drafter, created.id, { action: "submit", acknowledgements: allAcks })).toMatchObject({ ok: true });
    expect(confirmWarning(db, drafter, created.id, key, "已与案卷核实")).toMatchObject({ ok: false, status: 403 });
    expect(confirmWarning(db, actor("yingji-reviewer"), created.id, key, "已与案卷核实")).toMatchObject({ ok: false, status: 404 });
    expect(confirmWarning(db, reviewer, created.id, key, "")).toMatchObject({ ok: false, status: 422 });
    expect(confirmWarning(db, reviewer, created.id, key, "与案卷核对无误")).toEqual({ ok: true });
    const reviewerAcks = listAcknowledgements(db, created.id).filter((a) => a.kind === "reviewer");
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
