import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import example from "../lib/fixtures/example-2021-shifan-2024.json";
import type { Actor } from "../lib/auth/access";
import { parseReport, withCell, type ReportDoc } from "../lib/data";
import { classify, filterRows, progress } from "../lib/oversight/dashboard";
import { rollUp } from "../lib/rollup";
import { getAgencyByCode, insertAgency } from "./agencies";
import { all, one } from "./unit";
import { dashboardAgencyRows, loadRollupSources, oversightScope } from "./oversight";
import { createReport, saveReport } from "./reports";
import { applyTransition, confirmWarning } from "./workflow";
import { TEST_DIALECT, useTempStore, type TempStore } from "./testing/stores";

// The reports are made through the real workflow (reports.ts/workflow.ts) on the database under
// test, so every test here runs on both SQLite and PostgreSQL.
let s: TempStore;
async function addUser(login: string, role: Actor["role"], agencyId: number): Promise<Actor> {
  const u = (await s.run(all((d, t) => d.insert(t.users).values({ login, displayName: login, passwordHash: "x", role, agencyId }).returning())))[0]!;
  return { id: u.id, role, agencyId };
}
function doc(agencyName: string, received: number): ReportDoc {
  const parsed = parseReport({ ...example, agency: { name: agencyName } });
  if (!parsed.ok) throw new Error("fixture");
  // Change one input and its totals consistently: the report stays free of errors.
  let d = withCell(parsed.report, "applications.received.natural", received);
  const base = parsed.report.tables.applications.received!;
  const delta = received - base.natural!;
  d = withCell(d, "applications.received.total", base.total! + delta);
  const granted = parsed.report.tables.applications.granted!;
  d = withCell(d, "applications.granted.natural", granted.natural! + delta);
  d = withCell(d, "applications.granted.total", granted.total! + delta);
  const done = parsed.report.tables.applications.handledTotal!;
  d = withCell(d, "applications.handledTotal.natural", done.natural! + delta);
  d = withCell(d, "applications.handledTotal.total", done.total! + delta);
  // Keep the narrative's figure in line with the table (the narrative.figures rule checks it).
  const overview = d.narrative.overview.replaceAll(`申请${base.total}件`, `申请${base.total! + delta}件`);
  return { ...d, narrative: { ...d.narrative, overview } };
}
function ok<T extends { ok: boolean }>(x: T): T {
  if (!x.ok) throw new Error(JSON.stringify(x));
  return x;
}
/** Create, fill and move a report to `until` through the real workflow. */
async function reportTo(drafter: Actor, reviewer: Actor, agencyName: string, received: number, until: "draft" | "submitted" | "approved" | "published"): Promise<number> {
  const created = await s.run(createReport(drafter, 2024));
  if (!created.ok) throw new Error(created.error);
  const saved = await s.run(saveReport(drafter, created.id, 1, doc(agencyName, received)));
  if (saved.kind !== "saved") throw new Error(saved.kind);
  expect(saved.validation.issues.filter((i) => i.severity === "error").map((i) => i.message)).toEqual([]);
  if (until === "draft") return created.id;
  // The agencies here share the fixture's text: 内容雷同 warnings, acknowledged like a drafter would.
  const acknowledgements = Object.fromEntries(saved.validation.issues.filter((i) => i.severity === "warning").map((i) => [`${i.rule}|${i.cell}`, "已核实：测试数据"]));
  ok(await s.run(applyTransition(drafter, created.id, { action: "submit", acknowledgements })));
  if (until === "submitted") return created.id;
  // The reviewer looks at every warning before approving, and names the version read.
  for (const key of Object.keys(acknowledgements)) ok(await s.run(confirmWarning(reviewer, created.id, key, "已核实：测试数据")));
  ok(await s.run(applyTransition(reviewer, created.id, { action: "approve", version: saved.version })));
  if (until === "approved") return created.id;
  ok(await s.run(applyTransition(reviewer, created.id, { action: "publish", version: saved.version })));
  return created.id;
}

let ids: Record<"yingji" | "shengtai" | "jiaotong" | "unit" | "outside", number>;
let outsideSupervisor: Actor;

useTempStore("oversight", async (store) => {
  s = store;
  await prepare();
});

async function prepare(): Promise<void> {
  const yingji = (await s.run(getAgencyByCode("sfsyjj")))!;
  // A unit two levels below the office, and a second city the demo supervisor has nothing to do with.
  const unit = await s.run(insertAgency({ name: "示范市应急管理局执法支队", code: "sfsyjjzd", parentId: yingji.id }));
  const otherOffice = await s.run(insertAgency({ name: "另一市人民政府办公室", code: "lysszfb", parentId: null }));
  const outside = await s.run(insertAgency({ name: "另一市应急管理局", code: "lysyjj", parentId: otherOffice.id }));
  outsideSupervisor = await addUser("other-supervisor", "supervisor", otherOffice.id);
  ids = {
    yingji: await reportTo(await who("yingji-drafter"), await who("yingji-reviewer"), "示范市应急管理局", 30, "published"),
    shengtai: await reportTo(await who("shengtai-drafter"), await who("shengtai-reviewer"), "示范市生态环境局", 40, "approved"),
    jiaotong: await reportTo(await who("jiaotong-drafter"), await who("jiaotong-reviewer"), "示范市交通运输局", 50, "submitted"),
    unit: await reportTo(await addUser("unit-drafter", "drafter", unit.id), await addUser("unit-reviewer", "reviewer", unit.id), unit.name, 25, "published"),
    outside: await reportTo(await addUser("out-drafter", "drafter", outside.id), await addUser("out-reviewer", "reviewer", outside.id), outside.name, 1000, "published"),
  };
}

/** A user as the database under test holds it (the same ids on both: the copy keeps them). */
async function who(login: string): Promise<Actor> {
  const u = (await s.run(one((d, t) => d.select().from(t.users).where(eq(t.users.login, login)))))!;
  return { id: u.id, role: u.role, agencyId: u.agencyId };
}

describe(`oversight scope (${TEST_DIALECT})`, () => {
  it("is every agency below the supervisor's office, in hierarchy order, and nothing outside", async () => {
    const sc = await s.run(oversightScope(await who("supervisor")));
    expect(sc.office?.name).toBe("示范市人民政府办公室");
    expect(sc.agencies.map((a) => [a.name, a.depth])).toEqual([
      ["示范市应急管理局", 1],
      ["示范市应急管理局执法支队", 2],
      ["示范市生态环境局", 1],
      ["示范市交通运输局", 1],
    ]);
    expect(sc.agencies[1]!.path).toEqual(["示范市应急管理局"]);
    expect((await s.run(oversightScope(outsideSupervisor))).agencies.map((a) => a.name)).toEqual(["另一市应急管理局"]);
  });

  it("is empty for drafters and reviewers; everything for the admin", async () => {
    expect((await s.run(oversightScope(await who("yingji-drafter")))).agencies).toEqual([]);
    expect((await s.run(oversightScope(await who("yingji-reviewer")))).agencies).toEqual([]);
    expect((await s.run(oversightScope(await who("admin")))).agencies.length).toBe(7); // 4 demo + 3 created here
  });
});

describe(`dashboard (${TEST_DIALECT})`, () => {
  it("shows each agency's state, last change and standing against the deadline", async () => {
    const rows = await s.run(dashboardAgencyRows(await s.run(oversightScope(await who("supervisor"))), 2024));
    const before = rows.map((r) => classify(r, 2024, new Date("2025-01-20T00:00:00Z")));
    expect(before.map((r) => [r.agencyName, r.state])).toEqual([
      ["示范市应急管理局", "published"],
      ["示范市应急管理局执法支队", "published"],
      ["示范市生态环境局", "approved"],
      ["示范市交通运输局", "submitted"],
    ]);
    expect(before[0]!.report!.firstPublishedAt).toBeInstanceOf(Date);
    expect(before[0]!.report!.firstPublishedAt!.getTime()).toBeGreaterThan(Date.now() - 3_600_000);
    expect(before[2]!.standing).toEqual({ kind: "open", daysLeft: 11 });
    const after = rows.map((r) => classify(r, 2024, new Date("2025-02-03T00:00:00Z")));
    expect(after.filter((r) => r.standing.kind === "overdue").map((r) => r.agencyName)).toEqual(["示范市生态环境局", "示范市交通运输局"]);
    expect(after[2]!.standing).toEqual({ kind: "overdue", daysOverdue: 3 });
    // The 2024 reports were published by this test, i.e. after 31 January 2025: 逾期发布.
    expect(after[0]!.standing).toMatchObject({ kind: "published", onTime: false });
    expect(after[0]!.overdue).toBe(true);
    const p = progress(after);
    expect(p.counts).toMatchObject({ none: 0, published: 2, approved: 1, submitted: 1 });
    expect(p).toMatchObject({ total: 4, published: 2, overdue: 4 });
    expect(filterRows(after, { overdueOnly: true, sort: "name" }).length).toBe(4);
    expect(filterRows(after, { states: ["published"] }).map((r) => r.agencyName)).toEqual(["示范市应急管理局", "示范市应急管理局执法支队"]);
    expect(filterRows(after, { query: "执法" }).map((r) => r.agencyName)).toEqual(["示范市应急管理局执法支队"]);
    expect(filterRows(after, { query: "应急管理局" }).length).toBe(2); // the unit matches through its parent
    expect(filterRows(after, { sort: "deadline" })[0]!.standing.kind).toBe("overdue");
  });

  it("lists an agency without a report as 未创建", async () => {
    const office = (await s.run(getAgencyByCode("sfszfb")))!;
    const fresh = await s.run(insertAgency({ name: "示范市新设局", code: "sfsxsj", parentId: office.id }));
    const rows = (await s.run(dashboardAgencyRows(await s.run(oversightScope(await who("supervisor"))), 2024))).map((r) => classify(r, 2024, new Date("2025-01-01T00:00:00Z")));
    expect(rows.find((r) => r.agencyId === fresh.id)).toMatchObject({ state: "none", report: null });
  });
});

describe(`roll-up sources and the supervisor's return (${TEST_DIALECT})`, () => {
  const scope = async () => s.run(oversightScope(await who("supervisor")));

  it("counts the states the supervisor chooses, only inside its hierarchy", async () => {
    const published = await s.run(loadRollupSources(await scope(), 2024, ["published"]));
    expect(published.map((x) => [x.agencyName, x.state])).toEqual([
      ["示范市应急管理局", "published"],
      ["示范市应急管理局执法支队", "published"],
    ]);
    const both = await s.run(loadRollupSources(await scope(), 2024, ["approved", "published"]));
    expect(both.map((x) => x.agencyName)).toEqual(["示范市应急管理局", "示范市应急管理局执法支队", "示范市生态环境局"]);
    expect(rollUp(2024, "示范市人民政府办公室", both).doc.tables.applications.received!.natural).toBe(30 + 25 + 40);
    expect(await s.run(loadRollupSources(await scope(), 2024, []))).toEqual([]);
  });

  it("returns a published report for rework: reason stored and audited, the published version still counts", async () => {
    const supervisor = await who("supervisor");
    expect(await s.run(applyTransition(outsideSupervisor, ids.yingji, { action: "supervisorReturn", comment: "数据有误请核实" }))).toMatchObject({ ok: false, status: 404 });
    expect(await s.run(applyTransition(supervisor, ids.yingji, { action: "supervisorReturn", comment: "短" }))).toMatchObject({ ok: false, status: 422 });
    const out = await s.run(applyTransition(supervisor, ids.yingji, { action: "supervisorReturn", comment: "表三第三部分与正文不一致，请核实后重新发布", anchor: "applications.received.natural" }));
    expect(out).toMatchObject({ ok: true, status: "returned" });
    const comment = (await s.run(all((d, t) => d.select().from(t.reviewComments).where(eq(t.reviewComments.reportId, ids.yingji)).orderBy(t.reviewComments.id)))).at(-1)!;
    expect(comment).toMatchObject({ authorId: supervisor.id, anchor: "applications.received.natural", body: "表三第三部分与正文不一致，请核实后重新发布" });
    expect(await s.run(all((d, t) => d.select().from(t.reportVersions).where(and(eq(t.reportVersions.reportId, ids.yingji), eq(t.reportVersions.kind, "supervisorReturn")))))).toHaveLength(1);
    expect(await s.run(all((d, t) => d.select().from(t.auditLog).where(and(eq(t.auditLog.entityId, ids.yingji), eq(t.auditLog.action, "report.supervisorReturn")))))).toHaveLength(1);
    // The published version stays in force (and public) until the corrected one is published.
    expect((await s.run(loadRollupSources(await scope(), 2024, ["published"]))).map((x) => x.agencyName)).toContain("示范市应急管理局");
    // The agency can edit again.
    const drafter = await who("yingji-drafter");
    const saved = await s.run(saveReport(drafter, ids.yingji, 1_000, doc("示范市应急管理局", 31)));
    expect(saved.kind).toBe("conflict"); // wrong base version → conflict, i.e. not locked
  });

  it("an approved report returned by the supervisor no longer counts as approved", async () => {
    ok(await s.run(applyTransition(await who("supervisor"), ids.shengtai, { action: "supervisorReturn", comment: "请补充说明行政复议数据" })));
    expect((await s.run(loadRollupSources(await scope(), 2024, ["approved", "published"]))).map((x) => x.agencyName)).not.toContain("示范市生态环境局");
  });

  it("a supervisor cannot take the agency's own steps, nor return a draft", async () => {
    const supervisor = await who("supervisor");
    expect(await s.run(applyTransition(supervisor, ids.jiaotong, { action: "approve" }))).toMatchObject({ ok: false, status: 403 });
    ok(await s.run(applyTransition(await who("jiaotong-drafter"), ids.jiaotong, { action: "withdraw" })));
    expect(await s.run(applyTransition(supervisor, ids.jiaotong, { action: "supervisorReturn", comment: "请核实数据后再提交" }))).toMatchObject({ ok: false, status: 409 });
  });
});
