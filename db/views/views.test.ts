// The report pages' view-model loaders on a seeded database: who gets the page, who gets 404/403,
// and what each sees (edit switch, buttons, warning confirmation, audit trail, print block).
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import example from "../../lib/fixtures/example-2021-shifan-2024.json";
import type { Actor } from "../../lib/auth/access";
import { parseReport } from "../../lib/data";
import { getAgencyByCode } from "../agencies";
import { createReport, saveReport } from "../reports";
import { actorsByLogin } from "../testing/actors";
import { TEST_DIALECT, useTempStore, type TempStore } from "../testing/stores";
import { exec, one } from "../unit";
import { applyTransition } from "../workflow";
import { HISTORY_ROWS, loadReportHistory } from "./report-history";
import { loadReportPage } from "./report-page";
import { loadReportPrint } from "./report-print";

let s: TempStore;
let actors: Map<string, Actor>;
const actor = (login: string): Actor => actors.get(login)!;
const ORIGIN = "https://nianbao.example.gov.cn";

let id: number;

useTempStore("views", async (store) => {
  s = store;
  actors = await s.run(actorsByLogin());
  const drafter = actor("yingji-drafter");
  const created = await s.run(createReport(drafter, 2024));
  if (!created.ok) throw new Error(created.error);
  id = created.id;
  const parsed = parseReport({ ...example, agency: { name: (await s.run(getAgencyByCode("sfsyjj")))!.name } });
  if (!parsed.ok) throw new Error("fixture");
  const saved = await s.run(saveReport(drafter, id, 1, parsed.report));
  if (saved.kind !== "saved") throw new Error(saved.kind);
  const submitted = await s.run(applyTransition(drafter, id, { action: "submit" }));
  if (!submitted.ok) throw new Error(submitted.reason);
  await s.run(exec((d, t) => d.insert(t.reviewComments).values({ reportId: id, authorId: actor("yingji-reviewer").id, anchor: "tables.applications", body: "请核对申请数" })));
});

async function page(login: string, reportId: string | number = id) {
  return loadReportPage(s, actor(login), reportId, { origin: ORIGIN });
}

describe(`report page loader (${TEST_DIALECT})`, () => {
  it("an unknown or malformed id is not found; another agency's report is forbidden", async () => {
    expect((await page("yingji-drafter", "abc")).kind).toBe("not_found");
    expect((await page("yingji-drafter", "0")).kind).toBe("not_found");
    expect((await page("yingji-drafter", 999_999)).kind).toBe("not_found");
    expect((await page("shengtai-drafter")).kind).toBe("forbidden");
    expect((await page("shengtai-reviewer")).kind).toBe("forbidden");
  });

  it("the agency's reviewer, during review: 退回修改 / 审核通过, may confirm warnings and resolve comments, cannot edit", async () => {
    const out = await page("yingji-reviewer");
    if (out.kind !== "ok") throw new Error(out.kind);
    const v = out.view;
    expect(v.report).toMatchObject({ id, year: 2024, status: "submitted", agencyName: "示范市应急管理局" });
    expect(v.actions.map((a) => a.label)).toEqual(["退回修改", "审核通过"]);
    expect(v.actions.find((a) => a.action === "return")!.needsComment).toBe(true);
    expect(v.canConfirm).toBe(true);
    expect(v.canResolve).toBe(true);
    expect(v.edit).toEqual({ ok: false, reason: "只有本单位的填报人可以修改年报内容" });
    expect(v.editionLabel).toMatch(/2021/);
    expect(v.comments).toHaveLength(1);
    expect(v.comments[0]).toMatchObject({ body: "请核对申请数", resolved: false });
    expect(v.openComments["tables.applications"]).toEqual(["请核对申请数"]);
    expect(v.last?.what).toBe("提交审核");
    expect(v.published).toBeNull();
    expect(v.readable).toBe(true);
  });

  it("the drafter while it is under review: 撤回 only, read-only with the reason", async () => {
    const out = await page("yingji-drafter");
    if (out.kind !== "ok") throw new Error(out.kind);
    expect(out.view.actions.map((a) => a.action)).toEqual(["withdraw"]);
    expect(out.view.edit).toEqual({ ok: false, reason: "年报已提交审核，审核期间不能修改" });
    expect(out.view.canConfirm).toBe(false);
  });

  it("the supervising office views it and may send it back, but neither edits nor handles comments", async () => {
    const out = await page("supervisor");
    if (out.kind !== "ok") throw new Error(out.kind);
    expect(out.view.actions.map((a) => a.action)).toEqual(["supervisorReturn"]);
    expect(out.view.edit.ok).toBe(false);
    expect(out.view.canResolve).toBe(false);
    expect(out.view.canConfirm).toBe(false);
    expect(out.view.canRecordPortal).toBe(false);
  });

  it("a draft is editable by its drafter; a published report shows the public address with a QR code", async () => {
    await s.run(exec((d, t) => d.update(t.reports).set({ status: "draft" }).where(eq(t.reports.id, id))));
    const draft = await page("yingji-drafter");
    if (draft.kind !== "ok") throw new Error(draft.kind);
    expect(draft.view.edit).toEqual({ ok: true });
    expect(draft.view.actions.map((a) => a.action)).toEqual(["submit"]);

    await s.run(exec((d, t) => d.update(t.reports).set({ status: "submitted" }).where(eq(t.reports.id, id))));
    const reviewer = actor("yingji-reviewer");
    const version = (await s.run(one((d, t) => d.select().from(t.reports).where(eq(t.reports.id, id)))))!.version;
    for (const action of ["approve", "publish"] as const) {
      const r = await s.run(applyTransition(reviewer, id, { action, version }));
      if (!r.ok) throw new Error(r.reason);
    }
    const out = await page("admin");
    if (out.kind !== "ok") throw new Error(out.kind);
    expect(out.view.published?.publicAddress).toBe(`${ORIGIN}/p/sfsyjj/2024`);
    expect(out.view.published?.qr).toMatch(/^data:image\//);
    expect(out.view.canRecordPortal).toBe(true);
    expect(out.view.edit.ok).toBe(false);
    const drafter = await page("yingji-drafter");
    if (drafter.kind !== "ok") throw new Error(drafter.kind);
    expect(drafter.view.edit).toEqual({ ok: false, reason: "年报已发布，不能修改；如需更正请创建更正版本" });
    expect(drafter.view.actions.map((a) => a.action)).toEqual(["revise"]);
  });
});

describe("history page loader", () => {
  it("not found / forbidden like the report page", async () => {
    expect((await s.run(loadReportHistory(actor("yingji-drafter"), "x", {}))).kind).toBe("not_found");
    expect((await s.run(loadReportHistory(actor("jiaotong-reviewer"), id, {}))).kind).toBe("forbidden");
  });

  it("snapshots and the comparison of the last two versions for everyone who may view; the audit trail only for reviewers, supervisors and admins", async () => {
    const drafter = await s.run(loadReportHistory(actor("yingji-drafter"), String(id), {}));
    if (drafter.kind !== "ok") throw new Error(drafter.kind);
    const v = drafter.view;
    expect(v.snapshots.map((x) => x.step)).toEqual(["提交审核", "审核通过", "发布"]);
    expect(v.options.at(-1)!.value).toBe("current");
    expect([v.a, v.b]).toEqual([String(v.snapshots.at(-1)!.id), "current"]);
    expect(v.diff).not.toBeNull();
    expect(v.diff!.cells).toEqual([]);
    expect(v.audit).toBeNull();

    const reviewer = await s.run(loadReportHistory(actor("yingji-reviewer"), id, { a: String(v.snapshots[0]!.id), event: "report.submit" }));
    if (reviewer.kind !== "ok") throw new Error(reviewer.kind);
    expect(reviewer.view.a).toBe(String(v.snapshots[0]!.id));
    const audit = reviewer.view.audit!;
    expect(audit.entries.length).toBe(1);
    expect(audit.truncated).toBe(false);
    expect(audit.compareParams).toEqual({ a: String(v.snapshots[0]!.id) });
    expect(audit.exportHref).toMatch(new RegExp(`^/reports/${id}/history/export\\?`));
    expect(audit.rawHref).toBeNull();
    expect(audit.actors.map((a) => a.login)).toContain("yingji-drafter");
    expect(HISTORY_ROWS).toBe(2000);

    const admin = await s.run(loadReportHistory(actor("admin"), id, {}));
    if (admin.kind !== "ok") throw new Error(admin.kind);
    expect(admin.view.audit!.rawHref).toMatch(/^\/admin\/audit\/raw\?.*report=/);
    const supervisor = await s.run(loadReportHistory(actor("supervisor"), id, {}));
    expect(supervisor.kind === "ok" && supervisor.view.audit !== null).toBe(true);
  });
});

describe("print view loader", () => {
  it("the 审签 block names who submitted, approved and published, with the report body", async () => {
    expect((await s.run(loadReportPrint(actor("shengtai-drafter"), id))).kind).toBe("forbidden");
    expect((await s.run(loadReportPrint(actor("yingji-drafter"), "-1"))).kind).toBe("not_found");
    const out = await s.run(loadReportPrint(actor("yingji-drafter"), id));
    if (out.kind !== "ok") throw new Error(out.kind);
    expect(out.view.drafter.name).toBe("王晓明（应急局填报）");
    expect(out.view.reviewer.name).toBe("李建国（应急局审核）");
    expect(out.view.issuer.name).toBe("李建国（应急局审核）");
    expect(out.view.drafter.date).toMatch(/年.*月.*日/);
    expect(out.view.body).toContain("nb-report");
    expect(out.view.report.status).toBe("published");
  });
});
