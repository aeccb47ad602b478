// The autosave path keeps parsed documents and prepared statements between saves (for speed):
// these tests prove it never serves stale data and never shares objects with its callers.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { summarizeSave } from "../lib/audit/summary";
import { computeDerived, getCell, withCell, type ReportDoc } from "../lib/data";
import { validateReport } from "../lib/rules";
import { clean2023, clean2024 } from "../lib/fixtures/load";
import type { Actor } from "../lib/auth/access";
import { findPeerCorpus } from "./reference";
import { createReport, saveReport, validateWithHistory } from "./reports";
import { actorsByLogin } from "./testing/actors";
import { TEST_DIALECT, useTempStore, type TempStore } from "./testing/stores";
import { all, exec, one } from "./unit";

let s: TempStore;
let other: TempStore; // a second connection to the same database: another app server (or the CLI, a restore)
let actors: Map<string, Actor>;
const actor = (login: string): Actor => actors.get(login)!;
const named = (doc: ReportDoc) => ({ ...doc, agency: { name: "示范市交通运输局" } });

useTempStore("save", async (store) => {
  s = store;
  other = await s.another();
  actors = await s.run(actorsByLogin());
});

describe(`autosave path (${TEST_DIALECT})`, () => {
  it("diffs against what is stored now, even when another connection changed it since the last save", async () => {
    const drafter = actor("jiaotong-drafter");
    const created = await s.run(createReport(drafter, 2024));
    if (!created.ok) throw new Error(created.error);
    const first = await s.run(saveReport(drafter, created.id, 1, named(clean2024())));
    if (first.kind !== "saved") throw new Error(first.kind);

    // Another process writes version 3 with a different value (bypassing this process's cache).
    const changed = withCell(first.report, "appeals.review.upheld", 41);
    await other.run(exec((d, t) => d.update(t.reports).set({ data: JSON.stringify(changed), version: first.version + 1 }).where(eq(t.reports.id, created.id))));

    const second = await s.run(saveReport(drafter, created.id, first.version + 1, withCell(changed, "appeals.review.upheld", 42)));
    expect(second).toMatchObject({ kind: "saved", unchanged: false, version: first.version + 2 });
    const audit = (await s.run(all((d, t) => d.select().from(t.auditLog).where(and(eq(t.auditLog.action, "report.save"), eq(t.auditLog.entityId, created.id))).orderBy(t.auditLog.id)))).at(-1)!;
    // The audit shows 41 → 42 (the stored value), not the value this process saved last.
    expect(summarizeSave(audit.before, audit.after)!.cells).toContainEqual({ ref: "appeals.review.upheld", before: 41, after: 42 });

    // A stale save is still a conflict that carries the other process's data.
    const stale = await s.run(saveReport(drafter, created.id, first.version, first.report));
    expect(stale.kind).toBe("conflict");
    if (stale.kind === "conflict") expect(getCell(stale.current.report, "appeals.review.upheld")).toBe(42);
  });

  it("validates against last year's report as stored now", async () => {
    const drafter = actor("jiaotong-drafter");
    const prev = await s.run(createReport(drafter, 2023));
    if (!prev.ok) throw new Error(prev.error);
    const saved2023 = await s.run(saveReport(drafter, prev.id, 1, named(clean2023())));
    if (saved2023.kind !== "saved") throw new Error(saved2023.kind);
    const doc2024 = computeDerived(named(clean2024()));
    const before = await s.run(validateWithHistory(drafter.agencyId!, doc2024));
    expect(before).toEqual(validateReport(doc2024, { previous: saved2023.report }));

    // Another process changes last year's 结转下年度: this year's 上年结转 no longer matches.
    const carried = withCell(saved2023.report, "applications.carriedForward.natural", 777);
    await other.run(exec((d, t) => d.update(t.reports).set({ data: JSON.stringify(carried) }).where(eq(t.reports.id, prev.id))));
    const after = await s.run(validateWithHistory(drafter.agencyId!, doc2024));
    expect(after).toEqual(validateReport(doc2024, { previous: carried }));
    expect(after.issues.some((i) => i.rule.startsWith("carry."))).toBe(true);
  });

  it("keeps no reference to the caller's document, and the caller's document stays writable", async () => {
    const drafter = actor("jiaotong-drafter");
    const id = (await s.run(one((d, t) => d.select().from(t.reports).where(and(eq(t.reports.agencyId, drafter.agencyId!), eq(t.reports.year, 2024))))))!;
    const mine = named(clean2024());
    mine.meta = { title: "标题", extra: { nested: "x" } };
    const saved = await s.run(saveReport(drafter, id.id, id.version, mine));
    expect(saved.kind).toBe("saved");
    // Changing what the caller sent changes nothing the server keeps.
    mine.narrative.overview = "之后改的";
    (mine.meta.extra as { nested: string }).nested = "y";
    mine.agency.name = "别的名字";
    const row = (await s.run(one((d, t) => d.select().from(t.reports).where(eq(t.reports.id, id.id)))))!;
    const again = await s.run(saveReport(drafter, id.id, row.version, JSON.parse(row.data)));
    expect(again).toMatchObject({ kind: "saved", unchanged: true });
  });

  it("never saves over a stored document it cannot read: the damaged original stays for recovery", async () => {
    const drafter = actor("yingji-drafter");
    const created = await s.run(createReport(drafter, 2023));
    if (!created.ok) throw new Error(created.error);
    const ok = await s.run(saveReport(drafter, created.id, 1, { ...clean2023(), agency: { name: "示范市应急管理局" } }));
    if (ok.kind !== "saved") throw new Error(ok.kind);
    await other.run(exec((d, t) => d.update(t.reports).set({ data: '{"format":"nianbao/report@1","tables":' }).where(eq(t.reports.id, created.id))));
    const refused = await s.run(saveReport(drafter, created.id, ok.version, { ...clean2023(), agency: { name: "示范市应急管理局" } }));
    expect(refused).toMatchObject({ kind: "locked", reason: expect.stringContaining("无法读取") });
    expect((await s.run(one((d, t) => d.select().from(t.reports).where(eq(t.reports.id, created.id)))))!.data).toBe('{"format":"nianbao/report@1","tables":');
  });

  it("two app servers saving the same version at once: exactly one save wins, the others are conflicts", async () => {
    const drafter = actor("jiaotong-drafter");
    const row = (await s.run(one((d, t) => d.select().from(t.reports).where(and(eq(t.reports.agencyId, drafter.agencyId!), eq(t.reports.year, 2024))))))!;
    const base = (await s.run(saveReport(drafter, row.id, row.version, named(clean2024()))));
    if (base.kind !== "saved") throw new Error(base.kind);
    const auditBefore = (await s.run(all((d, t) => d.select({ id: t.auditLog.id }).from(t.auditLog).where(and(eq(t.auditLog.action, "report.save"), eq(t.auditLog.entityId, row.id)))))).length;
    // Six editors, alternating between the two servers, each from the same version with a different value.
    const racers = Array.from({ length: 6 }, (_, i) => (i % 2 ? other : s).run(saveReport(drafter, row.id, base.version, withCell(base.report, "appeals.review.upheld", 100 + i))));
    const outcomes = await Promise.all(racers);
    const winners = outcomes.filter((o) => o.kind === "saved");
    expect(winners).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === "conflict")).toHaveLength(5);
    const winner = outcomes.findIndex((o) => o.kind === "saved");
    // What is stored is the winner's value, at the next version, with exactly one new audit entry.
    const stored = (await s.run(one((d, t) => d.select().from(t.reports).where(eq(t.reports.id, row.id)))))!;
    expect(stored.version).toBe(base.version + 1);
    expect(getCell(JSON.parse(stored.data), "appeals.review.upheld")).toBe(100 + winner);
    const auditAfter = (await s.run(all((d, t) => d.select({ id: t.auditLog.id }).from(t.auditLog).where(and(eq(t.auditLog.action, "report.save"), eq(t.auditLog.entityId, row.id)))))).length;
    expect(auditAfter).toBe(auditBefore + 1);
    // Every loser's conflict shows a version at least as new as the one it tried to replace.
    for (const o of outcomes) if (o.kind === "conflict") expect(o.current.version).toBeGreaterThan(base.version);
  });

  it("the peers of a year, cached per process, follow what another app server published, renamed or deactivated", async () => {
    const first = await s.run(findPeerCorpus(2021));
    expect(await s.run(findPeerCorpus(2021))).toBe(first); // unchanged: the cached index
    const names = (c: typeof first) => c.peers.map((p) => p.agency).sort();
    const agency = (await s.run(one((d, t) => d.select().from(t.agencies).where(eq(t.agencies.code, "sfsjtysj")))))!;
    // The other server publishes a 2021 report of the transport bureau.
    await other.run(
      exec((d, t) => d.insert(t.reports).values({ agencyId: agency.id, year: 2021, edition: "2021", status: "published", data: JSON.stringify({ ...clean2024(), year: 2021 }) })),
    );
    const report = (await other.run(one((d, t) => d.select().from(t.reports).where(and(eq(t.reports.agencyId, agency.id), eq(t.reports.year, 2021))))))!;
    await other.run(exec((d, t) => d.insert(t.reportVersions).values({ reportId: report.id, reportVersion: 1, kind: "publish", status: "published", data: report.data, contentHash: "peer-2021" })));
    const second = await s.run(findPeerCorpus(2021));
    expect(second).not.toBe(first);
    expect(names(second)).toContain(agency.name);
    // Renamed there: the new name here.
    await other.run(exec((d, t) => d.update(t.agencies).set({ name: "示范市交通运输局（新）", updatedAt: new Date(Date.now() + 1000) }).where(eq(t.agencies.id, agency.id))));
    expect(names(await s.run(findPeerCorpus(2021)))).toContain("示范市交通运输局（新）");
    // Deactivated there: no longer a peer here.
    await other.run(exec((d, t) => d.update(t.agencies).set({ active: false }).where(eq(t.agencies.id, agency.id))));
    expect(names(await s.run(findPeerCorpus(2021)))).not.toContain("示范市交通运输局（新）");
    await other.run(exec((d, t) => d.update(t.agencies).set({ name: agency.name, active: true }).where(eq(t.agencies.id, agency.id))));
    // An agency that publishes nothing that year is no peer: adding or renaming one keeps the index.
    const kept = await s.run(findPeerCorpus(2021));
    await other.run(exec((d, t) => d.insert(t.agencies).values({ name: "示范市无年报局", code: "sfswnbj" })));
    await other.run(exec((d, t) => d.update(t.agencies).set({ name: "示范市无年报局（新）", updatedAt: new Date(Date.now() + 2000) }).where(eq(t.agencies.code, "sfswnbj"))));
    expect(await s.run(findPeerCorpus(2021))).toBe(kept);
  });
});
