// Report access and creation through the data layer, on the dialect of the run (SQLite, and
// PostgreSQL in `npm test`'s PostgreSQL step): who sees which reports, one report per agency and
// year even when two app servers create it at once, and the small readers of the report pages.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Actor } from "../lib/auth/access";
import { getAgencyByCode } from "./agencies";
import { createReport, firstPublishedAt, getReportForActor, hasBeenPublished, listReportsForActor, portalUrlsOfYear, stepActors } from "./reports";
import { actorsByLogin } from "./testing/actors";
import { TEST_DIALECT, useTempStore, type TempStore } from "./testing/stores";
import { all, exec } from "./unit";

let s: TempStore;
let actors: Map<string, Actor>;
useTempStore(
  "reports",
  async (store) => {
    s = store;
    actors = await s.run(actorsByLogin());
  },
  { each: true },
);

async function addReport(agencyId: number, year = 2024) {
  return (await s.run(all((d, t) => d.insert(t.reports).values({ agencyId, year, edition: "2021", data: "{}" }).returning())))[0]!;
}
const agencyId = async (code: string) => (await s.run(getAgencyByCode(code)))!.id;

describe(`report access through the data layer (${TEST_DIALECT})`, () => {
  it("scopes reports to the actor's agency or hierarchy", async () => {
    const yj = await agencyId("sfsyjj");
    const st = await agencyId("sfssthjj");
    const office = await agencyId("sfszfb");
    const rYj = await addReport(yj);
    const rSt = await addReport(st);
    const drafter = { id: 1, role: "drafter" as const, agencyId: yj };
    expect((await s.run(listReportsForActor(drafter))).map((r) => r.id)).toEqual([rYj.id]);
    expect(await s.run(getReportForActor(drafter, rSt.id))).toEqual({ ok: false, reason: "forbidden" });
    expect(await s.run(getReportForActor(drafter, 999_999))).toEqual({ ok: false, reason: "not_found" });
    expect((await s.run(getReportForActor(drafter, rYj.id))).ok).toBe(true);
    const supervisor = { id: 2, role: "supervisor" as const, agencyId: office };
    expect((await s.run(listReportsForActor(supervisor))).map((r) => r.id).sort()).toEqual([rYj.id, rSt.id].sort());
    expect((await s.run(listReportsForActor(supervisor, { year: 2023 })))).toEqual([]);
    const outsider = (await s.run(all((d, t) => d.insert(t.agencies).values({ name: "别市政府办", code: "other" }).returning())))[0]!;
    const otherSupervisor = { id: 3, role: "supervisor" as const, agencyId: outsider.id };
    expect(await s.run(listReportsForActor(otherSupervisor))).toEqual([]);
    expect(await s.run(getReportForActor(otherSupervisor, rYj.id))).toEqual({ ok: false, reason: "forbidden" });
  });

  it("two app servers opening the same new report at once create it once", async () => {
    const other = await s.another();
    const drafter = actors.get("yingji-drafter")!;
    const outcomes = await Promise.all(Array.from({ length: 4 }, (_, i) => (i % 2 ? other : s).run(createReport(drafter, 2024))));
    const ids = new Set(outcomes.map((o) => (o.ok ? o.id : null)));
    expect(ids.size).toBe(1);
    expect([...ids][0]).not.toBeNull();
    expect(outcomes.filter((o) => o.ok && o.created)).toHaveLength(1);
    const created = await s.run(all((d, t) => d.select({ id: t.auditLog.id }).from(t.auditLog).where(eq(t.auditLog.action, "report.create"))));
    expect(created).toHaveLength(1);
  });

  it("publication facts: first publication, portal URLs of a year, who took the steps", async () => {
    const yj = await agencyId("sfsyjj");
    const r = await addReport(yj, 2023);
    expect(await s.run(hasBeenPublished(r.id))).toBe(false);
    expect(await s.run(firstPublishedAt(r.id))).toBeNull();
    expect(await s.run(stepActors(r.id))).toEqual({ submit: null, approve: null, publish: null });
    const at = new Date("2024-01-10T02:00:00.000Z");
    await s.run(exec((d, t) => d.insert(t.reportVersions).values({ reportId: r.id, reportVersion: 1, kind: "publish", status: "published", data: "{}", contentHash: "x", createdAt: at })));
    await s.run(exec((d, t) => d.insert(t.reportVersions).values({ reportId: r.id, reportVersion: 1, kind: "publish", status: "published", data: "{}", contentHash: "y", createdAt: new Date("2024-02-01T00:00:00.000Z") })));
    expect(await s.run(hasBeenPublished(r.id))).toBe(true);
    expect((await s.run(firstPublishedAt(r.id)))?.toISOString()).toBe(at.toISOString());
    const reviewer = actors.get("yingji-reviewer")!;
    await s.run(exec((d, t) => d.insert(t.auditLog).values({ actorId: reviewer.id, action: "report.publish", entityType: "report", entityId: r.id, agencyId: yj, at })));
    const steps = await s.run(stepActors(r.id));
    expect(steps.submit).toBeNull();
    expect(steps.publish?.name).toBe("李建国（应急局审核）");
    expect(steps.publish?.at.toISOString()).toBe(at.toISOString());
    await s.run(exec((d, t) => d.update(t.reports).set({ portalUrl: "https://www.example.gov.cn/a.html" }).where(eq(t.reports.id, r.id))));
    expect(await s.run(portalUrlsOfYear(2023))).toEqual(new Map([[yj, "https://www.example.gov.cn/a.html"]]));
    expect(await s.run(portalUrlsOfYear(2024))).toEqual(new Map());
  });
});
