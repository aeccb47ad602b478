// Quality runs in the database: a run over uploaded files finds the planted problems at the right
// agency, can be cancelled, and a run interrupted by a restart is resumed from its pending items.
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { importReport } from "../lib/import";
import type { Importer } from "../lib/quality/batch";
import { withCell } from "../lib/data";
import { plantedFiles, renderFile, variantReport } from "../lib/quality/testing/generate";
import { cancelRun, createRun, forgetRunnersForTests, getRunForActor, itemYearOverYear, qualityFindings, qualityItems, qualityRuns, resumeInterruptedRuns, runResult, startRun, STALE_MS } from "./quality";
import { TEST_DIALECT, useTempStore, type TempStore } from "./testing/stores";
import { all, exec, one, type Q } from "./unit";

let s: TempStore;
useTempStore(
  "quality",
  (store) => {
    s = store;
  },
  { each: true },
);

// The quality tables are declared in db/quality.ts for SQLite; on PostgreSQL they come with the runner's tables.
const tq = (t: object) => ("qualityRuns" in t ? (t as unknown as { qualityRuns: typeof qualityRuns; qualityItems: typeof qualityItems; qualityFindings: typeof qualityFindings }) : { qualityRuns, qualityItems, qualityFindings });

async function supervisor() {
  const u = (await s.run(one((d, t) => d.select().from(t.users).where(eq(t.users.login, "supervisor")))))!;
  return { id: u.id, role: u.role, agencyId: u.agencyId } as const;
}
function* itemsWith(status: "pending" | "done"): Q<{ id: number }[]> {
  return yield* all((d, t) => d.select({ id: tq(t).qualityItems.id }).from(tq(t).qualityItems).where(eq(tq(t).qualityItems.status, status)));
}
function* runStatus(runId: number): Q<string | undefined> {
  return (yield* one((d, t) => d.select({ status: tq(t).qualityRuns.status }).from(tq(t).qualityRuns).where(eq(tq(t).qualityRuns.id, runId))))?.status;
}

const inProcess: Importer = (input) => importReport(input);

async function until(fn: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error("timeout");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe(`a quality run (${TEST_DIALECT})`, { timeout: 60_000 }, () => {
  it("checks uploaded files and finds exactly the planted problems at the right agency", async () => {
    const { files, expected } = await plantedFiles();
    const actor = await supervisor();
    const created = await s.run(createRun(actor, 2024, files));
    if (!created.ok) throw new Error(created.error);
    await startRun(s, created.runId, inProcess);
    const run = (await s.run(getRunForActor(actor, created.runId)))!;
    expect(run).toMatchObject({ status: "done", total: 3, done: 3 });
    const view = await s.run(runResult(run));
    expect(Object.fromEntries(view.result.items.map((i) => [i.agency, i.findings.map((f) => f.rule)]))).toEqual(expected);
    expect(view.result.items.map((i) => i.rank).sort()).toEqual([1, 2, 3]);
    // Another office's supervisor (or a drafter) cannot see it.
    expect((await s.run(getRunForActor({ id: 999, role: "drafter", agencyId: actor.agencyId }, created.runId)))).toBeUndefined();
  });

  it("can be cancelled: no further item is checked", async () => {
    const { files } = await plantedFiles();
    const actor = await supervisor();
    const created = await s.run(createRun(actor, 2024, files));
    if (!created.ok) throw new Error(created.error);
    let calls = 0;
    const slow: Importer = async (input) => {
      calls++;
      if (calls === 1) await s.run(cancelRun(actor, created.runId));
      return importReport(input);
    };
    await startRun(s, created.runId, slow);
    expect((await s.run(getRunForActor(actor, created.runId)))!.status).toBe("cancelled");
    expect(calls).toBeLessThanOrEqual(2);
    expect((await s.run(itemsWith("pending"))).length).toBeGreaterThan(0);
  });

  it("survives a restart: an interrupted run resumes from its pending items", async () => {
    const { files, expected } = await plantedFiles();
    const actor = await supervisor();
    const created = await s.run(createRun(actor, 2024, files));
    if (!created.ok) throw new Error(created.error);
    // The first process dies while importing: its imports never answer.
    let n = 0;
    const dying: Importer = (input) => (n++ === 0 ? importReport(input) : new Promise(() => {}));
    void startRun(s, created.runId, dying);
    await until(async () => (await s.run(itemsWith("done"))).length === 1);
    forgetRunnersForTests();
    // Not yet stale: nobody takes it over.
    expect(await resumeInterruptedRuns(s, inProcess)).toEqual([]);
    const resumed = await resumeInterruptedRuns(s, inProcess, Date.now() + STALE_MS + 1000);
    expect(resumed).toEqual([created.runId]);
    await until(async () => (await s.run(runStatus(created.runId))) === "done");
    const view = await s.run(runResult((await s.run(getRunForActor(actor, created.runId)))!));
    expect(Object.fromEntries(view.result.items.map((i) => [i.agency, i.findings.map((f) => f.rule)]))).toEqual(expected);
  });
});

describe(`published URLs (${TEST_DIALECT})`, { timeout: 60_000 }, () => {
  it("are fetched by the server from the portal and checked like files; an unreachable page is a finding", async () => {
    // The test's portal is on this machine: allowed only because the deployment says so.
    vi.stubEnv("NIANBAO_FETCH_PRIVATE", "1");
    const { createServer } = await import("node:http");
    const { files, expected } = await plantedFiles();
    const html = files.find((f) => f.name.endsWith(".html"))!;
    const server = createServer((req, res) => {
      if (req.url === "/ndbg/shengtai.html") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(Buffer.from(html.bytes));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    try {
      const actor = await supervisor();
      const others = files.filter((f) => f !== html);
      const created = await s.run(createRun(actor, 2024, others, undefined, [`http://127.0.0.1:${port}/ndbg/shengtai.html`, `http://127.0.0.1:${port}/missing.html`]));
      if (!created.ok) throw new Error(created.error);
      await startRun(s, created.runId, inProcess);
      const view = await s.run(runResult((await s.run(getRunForActor(actor, created.runId)))!));
      const byAgency = Object.fromEntries(view.result.items.map((i) => [i.agency, i.findings.map((f) => f.rule)]));
      expect(byAgency["示范市生态环境局"]).toEqual(expected["示范市生态环境局"]);
      const missing = view.result.items.find((i) => i.fileName?.endsWith("/missing.html"))!;
      expect(missing.findings.map((f) => f.rule)).toEqual(["import.failed"]);
      expect(missing.findings[0]!.message).toContain("HTTP 404");

      // Without the allowance, a loopback address is refused: a Chinese finding of that item.
      vi.stubEnv("NIANBAO_FETCH_PRIVATE", "");
      const refused = await s.run(createRun(actor, 2024, [], undefined, [`http://127.0.0.1:${port}/ndbg/shengtai.html`]));
      if (!refused.ok) throw new Error(refused.error);
      await startRun(s, refused.runId, inProcess);
      const item = (await s.run(runResult((await s.run(getRunForActor(actor, refused.runId)))!))).result.items.find((i) => i.source === "file")!;
      expect(item.findings).toMatchObject([{ rule: "import.failed", message: `无法获取 http://127.0.0.1:${port}/ndbg/shengtai.html：网址指向本机或内部网络地址（127.0.0.1），出于安全考虑不予获取` }]);
    } finally {
      vi.unstubAllEnvs();
      server.close();
    }
  });
});

describe(`本级与下级合计 (${TEST_DIALECT})`, { timeout: 60_000 }, () => {
  it("a department with a subordinate unit in the scope: its report against the unit's, at the cell, with the sum and who was summed", async () => {
    const actor = await supervisor();
    const jiaotong = (await s.run(one((d, t) => d.select().from(t.agencies).where(eq(t.agencies.name, "示范市交通运输局")))))!;
    await s.run(exec((d, t) => d.insert(t.agencies).values({ name: "示范市交通运输综合执法支队", code: "sfsjtzf", parentId: jiaotong.id })));
    const own = variantReport({ agency: "示范市交通运输局", seed: 21 });
    const base = variantReport({ agency: "示范市交通运输综合执法支队", seed: 22 });
    const received = base.tables.applications.received!;
    const unit = withCell(withCell(base, "applications.received.natural", received.natural! + 5), "applications.received.total", received.total! + 5);
    const files = [await renderFile(own, "html", "示范市交通运输局年报.html"), await renderFile(unit, "html", "示范市交通运输综合执法支队年报.html")];
    const created = await s.run(createRun(actor, 2024, files));
    if (!created.ok) throw new Error(created.error);
    await startRun(s, created.runId, inProcess);
    const items = (await s.run(runResult((await s.run(getRunForActor(actor, created.runId)))!))).result.items;
    const parent = items.find((i) => i.agency === "示范市交通运输局")!;
    expect(parent.findings.filter((f) => f.kind === "rollup")).toMatchObject([
      { rule: "rollup.sum", cell: "applications.received.total", reported: received.total, computed: received.total! + 5, agencies: ["示范市交通运输综合执法支队"] },
    ]);
    expect(items.find((i) => i.agency === "示范市交通运输综合执法支队")!.findings.filter((f) => f.kind === "rollup")).toEqual([]);
  });
});

describe(`year over year (${TEST_DIALECT})`, { timeout: 60_000 }, () => {
  it("a run of the previous year by the same office: each agency's previous score, the change, findings new/fixed/persisting", async () => {
    const actor = await supervisor();
    const { files, expected } = await plantedFiles();
    // Last year: 应急管理局's report was late and had the same wrong total; 交通运输局's was fine.
    const lastYear = [
      await renderFile(withCell(variantReport({ agency: "示范市应急管理局", seed: 31, year: 2023, date: "2024-02-05" }), "appeals.review.total", 999), "docx", "应急管理局2023年报.docx"),
      await renderFile(variantReport({ agency: "示范市交通运输局", seed: 33, year: 2023 }), "html", "交通运输局2023年报.html"),
    ];
    const before = await s.run(createRun(actor, 2023, lastYear));
    if (!before.ok) throw new Error(before.error);
    await startRun(s, before.runId, inProcess);
    const now = await s.run(createRun(actor, 2024, files));
    if (!now.ok) throw new Error(now.error);
    await startRun(s, now.runId, inProcess);

    const lastItems = (await s.run(runResult((await s.run(getRunForActor(actor, before.runId)))!))).result.items;
    expect(Object.fromEntries(lastItems.map((i) => [i.agency, i.findings.map((f) => f.rule)]))).toEqual({ 示范市应急管理局: ["publication.late", "appeals.total"], 示范市交通运输局: [] });
    expect(lastItems.every((i) => i.previous === undefined)).toBe(true);

    const items = (await s.run(runResult((await s.run(getRunForActor(actor, now.runId)))!))).result.items;
    const by = Object.fromEntries(items.map((i) => [i.agency, i]));
    const yingji = by["示范市应急管理局"]!;
    const lastYingji = lastItems.find((i) => i.agency === "示范市应急管理局")!;
    expect(yingji.previous).toMatchObject({ year: 2023, previousScore: lastYingji.score, delta: Math.round((yingji.score - lastYingji.score) * 10) / 10, new: [] });
    expect(yingji.previous!.fixed.map((f) => f.rule)).toEqual(["publication.late"]);
    expect(yingji.previous!.persisting.map((f) => [f.rule, f.cell])).toEqual([["appeals.total", "appeals.review.total"]]);
    const jiaotong = by["示范市交通运输局"]!;
    expect(jiaotong.previous).toMatchObject({ previousScore: 100, fixed: [], persisting: [] });
    expect(jiaotong.previous!.new.map((f) => f.rule)).toEqual(expected["示范市交通运输局"]);
    // No run of 2023 had 生态环境局: nothing to compare.
    expect(by["示范市生态环境局"]!.previous).toBeUndefined();
    // The item's page says the same.
    expect(await s.run(itemYearOverYear((await s.run(getRunForActor(actor, now.runId)))!, yingji.itemId))).toEqual(yingji.previous);
  });
});

describe(`a run across two app servers (${TEST_DIALECT})`, { timeout: 90_000 }, () => {
  /** Reports of agencies outside the office's scope: each file is matched to no agency. */
  async function unmatchedFiles(n: number) {
    const names = ["青山县水利局", "青山县林业局", "青山县文旅局", "青山县统计局", "青山县审计局", "青山县档案局"].slice(0, n);
    return Promise.all(names.map((name, i) => renderFile(variantReport({ agency: name, seed: 60 + i }), "html", `${name}年报.html`)));
  }
  function* findingCounts(runId: number): Q<Map<string, number>> {
    const rows = yield* all((d, t) => d.select({ itemId: tq(t).qualityFindings.itemId, phase: tq(t).qualityFindings.phase, rule: tq(t).qualityFindings.rule }).from(tq(t).qualityFindings).where(eq(tq(t).qualityFindings.runId, runId)));
    const out = new Map<string, number>();
    for (const r of rows) out.set(`${r.itemId}|${r.phase}|${r.rule}`, (out.get(`${r.itemId}|${r.phase}|${r.rule}`) ?? 0) + 1);
    return out;
  }
  const slow: Importer = async (input) => {
    await new Promise((r) => setTimeout(r, 20));
    return importReport(input);
  };

  it("both servers' workers claim the same items at once: each item is recorded once, progress counts it once", async () => {
    const actor = await supervisor();
    const files = await unmatchedFiles(6);
    const created = await s.run(createRun(actor, 2024, files));
    if (!created.ok) throw new Error(created.error);
    const other = await s.another();
    // Two processes would each hold the run; in this one process, forget the first holder.
    const first = startRun(s, created.runId, slow)!;
    forgetRunnersForTests();
    const second = startRun(other, created.runId, slow)!;
    await Promise.all([first, second]);
    const run = (await s.run(getRunForActor(actor, created.runId)))!;
    expect(run).toMatchObject({ status: "done", total: 6, done: 6 });
    // The progress another server reads is the database's.
    expect((await other.run(getRunForActor(actor, created.runId)))!).toMatchObject({ status: "done", done: 6 });
    const counts = await s.run(findingCounts(created.runId));
    expect(counts.size).toBeGreaterThan(0);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);

    // The same files checked by one server alone give the same result.
    const alone = await s.run(createRun(actor, 2024, files));
    if (!alone.ok) throw new Error(alone.error);
    await startRun(s, alone.runId, inProcess);
    const view = (id: number) => s.run(getRunForActor(actor, id)).then((r) => s.run(runResult(r!)));
    const summary = (v: Awaited<ReturnType<typeof view>>) => v.result.items.map((i) => [i.agency, i.score, i.findings.map((f) => f.rule)]);
    expect(summary(await view(created.runId))).toEqual(summary(await view(alone.runId)));
  });

  it("a stale run is taken over by one server only, and finishes", async () => {
    const actor = await supervisor();
    const created = await s.run(createRun(actor, 2024, await unmatchedFiles(2)));
    if (!created.ok) throw new Error(created.error);
    const other = await s.another();
    // Nobody ran it since it was created: at `later` its heartbeat is stale for both servers.
    const later = Date.now() + STALE_MS + 1000;
    const taken = await Promise.all([resumeInterruptedRuns(s, inProcess, later), resumeInterruptedRuns(other, inProcess, later)]);
    expect(taken.flat()).toEqual([created.runId]);
    await until(async () => (await s.run(runStatus(created.runId))) === "done");
    expect((await s.run(getRunForActor(actor, created.runId)))!).toMatchObject({ done: 2, total: 2 });
  });
});

