import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import example from "../lib/fixtures/example-2021-shifan-2024.json";
import { parseReport, withCell } from "../lib/data";
import { validateReport } from "../lib/rules";
import { issueKey } from "../lib/workflow/acknowledgements";
import type { Actor } from "../lib/auth/access";
import { getAgencyByCode } from "./agencies";
import { openDatabase, type Db } from "./client";
import { createReport, saveReport } from "./reports";
import { reportVersions, reviewComments } from "./schema";
import { findUserByLogin } from "./users";
import { applyTransition, contentHash } from "./workflow";

let dir: string;
let db: Db;
const actor = (login: string): Actor => {
  const u = findUserByLogin(db, login)!;
  return { id: u.id, role: u.role, agencyId: u.agencyId };
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "nianbao-wf-"));
  db = openDatabase(join(dir, "wf.db"));
});
afterAll(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

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

    // Fixed; a warning must be acknowledged with a reason.
    doc = withCell(cleanDoc("示范市应急管理局"), "appeals.review.upheld", null);
    saved = saveReport(db, drafter, id, saved.version, doc);
    if (saved.kind !== "saved") throw new Error(saved.kind);
    const warnings = validateReport(saved.report).issues.filter((i) => i.severity === "warning");
    expect(warnings.length).toBeGreaterThan(0);
    const refused = applyTransition(db, drafter, id, { action: "submit" });
    expect(refused).toMatchObject({ ok: false, status: 422 });
    expect(refused.ok ? [] : refused.unacknowledged!.map((w) => w.rule)).toEqual(warnings.map((w) => w.rule));
    const acks = Object.fromEntries(warnings.map((w) => [issueKey(w), "已核实，确无此类案件"]));
    const submitted = applyTransition(db, drafter, id, { action: "submit", acknowledgements: acks });
    expect(submitted).toMatchObject({ ok: true, status: "submitted" });
    // Submitted reports are read-only for drafters.
    expect(saveReport(db, drafter, id, saved.version, doc).kind).toBe("locked");

    // The reviewer returns it with a comment anchored to a cell.
    expect(applyTransition(db, reviewer, id, { action: "return" })).toMatchObject({ ok: false, status: 422 });
    expect(applyTransition(db, reviewer, id, { action: "return", comment: "请核对复议数", anchor: "appeals.review.upheld" })).toMatchObject({ ok: true, status: "returned" });
    const comments = db.select().from(reviewComments).where(eq(reviewComments.reportId, id)).all();
    expect(comments.map((c) => [c.anchor, c.body])).toEqual([["appeals.review.upheld", "请核对复议数"]]);

    // The drafter fixes it; the earlier acknowledgements of unchanged warnings still apply.
    doc = withCell(doc, "appeals.review.upheld", 0);
    saved = saveReport(db, drafter, id, saved.version, doc);
    if (saved.kind !== "saved") throw new Error(saved.kind);
    const resubmit = applyTransition(db, drafter, id, { action: "submit" });
    expect(resubmit).toMatchObject({ ok: true, status: "submitted" });

    // Drafters cannot approve; the reviewer can.
    expect(applyTransition(db, drafter, id, { action: "approve" })).toMatchObject({ ok: false, status: 403 });
    expect(applyTransition(db, reviewer, id, { action: "approve" })).toMatchObject({ ok: true, status: "approved" });
    const published = applyTransition(db, reviewer, id, { action: "publish" });
    expect(published).toMatchObject({ ok: true, status: "published" });
    if (!published.ok) throw new Error();

    // What was published is provably what was approved: same content hash.
    const snaps = db.select().from(reportVersions).where(eq(reportVersions.reportId, id)).all();
    expect(snaps.map((s) => s.kind)).toEqual(["submit", "return", "submit", "approve", "publish"]);
    const approve = snaps.find((s) => s.kind === "approve")!;
    const publish = snaps.find((s) => s.kind === "publish")!;
    expect(publish.contentHash).toBe(approve.contentHash);
    expect(publish.contentHash).toBe(contentHash(publish.data));

    // Published means immutable.
    expect(saveReport(db, drafter, id, saved.version, withCell(doc, "appeals.review.upheld", 7)).kind).toBe("locked");
    expect(() => db.$client.prepare("update reports set data = '{}' where id = ?").run(id)).toThrow(/immutable/);

    // A correction is a new revision that goes through review again; the published snapshot stays.
    expect(applyTransition(db, drafter, id, { action: "revise" })).toMatchObject({ ok: false, status: 422 });
    expect(applyTransition(db, drafter, id, { action: "revise", comment: "更正表四数据" })).toMatchObject({ ok: true, status: "draft" });
    expect(db.select().from(reportVersions).where(eq(reportVersions.reportId, id)).all()).toHaveLength(5);
  });

  it("other agencies see nothing; wrong state is 409", () => {
    const drafter = actor("jiaotong-drafter");
    const created = createReport(db, drafter, 2024);
    if (!created.ok) throw new Error(created.error);
    expect(applyTransition(db, actor("yingji-reviewer"), created.id, { action: "approve" })).toMatchObject({ ok: false, status: 404 });
    expect(applyTransition(db, actor("jiaotong-reviewer"), created.id, { action: "approve" })).toMatchObject({ ok: false, status: 409 });
    expect(getAgencyByCode(db, "sfsjtysj")).toBeTruthy();
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
    // Two blank cells in table 四: one blank-cells warning involving both.
    const doc = withCell(withCell({ ...cleanDoc("示范市生态环境局"), year: 2023 }, "appeals.review.upheld", null), "appeals.review.corrected", null);
    const saved = saveReport(db, drafter, created.id, 1, doc);
    if (saved.kind !== "saved") throw new Error(saved.kind);
    const warning = validateReport(saved.report).issues.find((i) => i.rule === "cell.blank" && i.cell.startsWith("appeals."))!;
    const key = issueKey(warning);
    // Only during review, only by the agency's reviewer.
    expect(confirmWarning(db, reviewer, created.id, key, "已核实")).toMatchObject({ ok: false, status: 409 });
    const allAcks = Object.fromEntries(validateReport(saved.report).issues.filter((i) => i.severity === "warning").map((i) => [issueKey(i), "本年度已核实"]));
    expect(applyTransition(db, drafter, created.id, { action: "submit", acknowledgements: allAcks })).toMatchObject({ ok: true });
    expect(confirmWarning(db, drafter, created.id, key, "已核实")).toMatchObject({ ok: false, status: 403 });
    expect(confirmWarning(db, actor("yingji-reviewer"), created.id, key, "已核实")).toMatchObject({ ok: false, status: 404 });
    expect(confirmWarning(db, reviewer, created.id, key, "")).toMatchObject({ ok: false, status: 422 });
    expect(confirmWarning(db, reviewer, created.id, key, "与案卷核对无误")).toEqual({ ok: true });
    const reviewerAcks = listAcknowledgements(db, created.id).filter((a) => a.kind === "reviewer");
    expect(validAcknowledgement(saved.report, warning, reviewerAcks)?.reason).toBe("与案卷核对无误");
    // One involved cell changes: the warning remains (one cell still blank) but the confirmation lapses.
    const changed = withCell(saved.report, "appeals.review.corrected", 5);
    const again = validateReport(changed).issues.find((i) => issueKey(i) === key)!;
    expect(again.cells).toEqual(["appeals.review.upheld"]);
    expect(validAcknowledgement(changed, again, reviewerAcks)).toBeUndefined();
    // An unrelated change keeps it.
    const unrelated = withCell(saved.report, "applications.granted.natural", 99);
    const same = validateReport(unrelated).issues.find((i) => issueKey(i) === key)!;
    expect(validAcknowledgement(unrelated, same, reviewerAcks)?.reason).toBe("与案卷核对无误");
  });
});
