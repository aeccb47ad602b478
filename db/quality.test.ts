// Quality runs in the database: a run over uploaded files finds the planted problems at the right
// agency, can be cancelled, and a run interrupted by a restart is resumed from its pending items.
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { importReport } from "../lib/import";
import type { Importer } from "../lib/quality/batch";
import { withCell } from "../lib/data";
import { plantedFiles, renderFile, variantReport } from "../lib/quality/testing/generate";
import type { Db } from "./client";
import { cancelRun, createRun, forgetRunnersForTests, getRunForActor, itemYearOverYear, qualityItems, qualityRuns, resumeInterruptedRuns, runResult, startRun, STALE_MS } from "./quality";
import { agencies, users } from "./schema";
import { useTempDb } from "./testing/temp-db";

let db: Db;
useTempDb("quality", (d) => (db = d), { each: true });

function supervisor() {
  const u = db.select().from(users).where(eq(users.login, "supervisor")).get()!;
  return { id: u.id, role: u.role, agencyId: u.agencyId } as const;
}

const inProcess: Importer = (input) => importReport(input);

async function until(fn: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error("timeout");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("a quality run", { timeout: 60_000 }, () => {
  it("checks uploaded files and finds exactly the planted problems at the right agency", async () => {
    const { files, expected } = await plantedFiles();
    const actor = supervisor();
    const created = createRun(db, actor, 2024, files);
    if (!created.ok) throw new Error(created.error);
    await startRun(db, created.runId, inProcess);
    const run = getRunForActor(db, actor, created.runId)!;
    expect(run).toMatchObject({ status: "done", total: 3, done: 3 });
    const view = runResult(db, run);
    expect(Object.fromEntries(view.result.items.map((i) => [i.agency, i.findings.map((f) => f.rule)]))).toEqual(expected);
    expect(view.result.items.map((i) => i.rank).sort()).toEqual([1, 2, 3]);
    // Another office's supervisor (or a drafter) cannot see it.
    expect(getRunForActor(db, { id: 999, role: "drafter", agencyId: actor.agencyId }, created.runId)).toBeUndefined();
  });

  it("can be cancelled: no further item is checked", async () => {
    const { files } = await plantedFiles();
    const actor = supervisor();
    const created = createRun(db, actor, 2024, files);
    if (!created.ok) throw new Error(created.error);
    let calls = 0;
    const slow: Importer = async (input) => {
      calls++;
      if (calls === 1) cancelRun(db, actor, created.runId);
      return importReport(input);
    };
    await startRun(db, created.runId, slow);
    expect(getRunForActor(db, actor, created.runId)!.status).toBe("cancelled");
    expect(calls).toBeLessThanOrEqual(2);
    expect(db.select().from(qualityItems).where(eq(qualityItems.status, "pending")).all().length).toBeGreaterThan(0);
  });

  it("survives a restart: an interrupted run resumes from its pending items", async () => {
    const { files, expected } = await plantedFiles();
    const actor = supervisor();
    const created = createRun(db, actor, 2024, files);
    if (!created.ok) throw new Error(created.error);
    // The first process dies while importing: its imports never answer.
    let n = 0;
    const dying: Importer = (input) => (n++ === 0 ? importReport(input) : new Promise(() => {}));
    void startRun(db, created.runId, dying);
    await until(() => db.select().from(qualityItems).where(eq(qualityItems.status, "done")).all().length === 1);
    forgetRunnersForTests();
    // Not yet stale: nobody takes it over.
    expect(resumeInterruptedRuns(db, inProcess)).toEqual([]);
    const resumed = resumeInterruptedRuns(db, inProcess, Date.now() + STALE_MS + 1000);
    expect(resumed).toEqual([created.runId]);
    await until(() => db.select().from(qualityRuns).where(eq(qualityRuns.id, created.runId)).get()!.status === "done");
    const view = runResult(db, getRunForActor(db, actor, created.runId)!);
    expect(Object.fromEntries(view.result.items.map((i) => [i.agency, i.findings.map((f) => f.rule)]))).toEqual(expected);
  });
});

describe("published URLs", { timeout: 60_000 }, () => {
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
      const actor = supervisor();
      const others = files.filter((f) => f !== html);
      const created = createRun(db, actor, 2024, others, undefined, [`http://127.0.0.1:${port}/ndbg/shengtai.html`, `http://127.0.0.1:${port}/missing.html`]);
      if (!created.ok) throw new Error(created.error);
      await startRun(db, created.runId, inProcess);
      const view = runResult(db, getRunForActor(db, actor, created.runId)!);
      const byAgency = Object.fromEntries(view.result.items.map((i) => [i.agency, i.findings.map((f) => f.rule)]));
      expect(byAgency["示范市生态环境局"]).toEqual(expected["示范市生态环境局"]);
      const missing = view.result.items.find((i) => i.fileName?.endsWith("/missing.html"))!;
      expect(missing.findings.map((f) => f.rule)).toEqual(["import.failed"]);
      expect(missing.findings[0]!.message).toContain("HTTP 404");

      // Without the allowance, a loopback address is refused: a Chinese finding of that item.
      vi.stubEnv("NIANBAO_FETCH_PRIVATE", "");
      const refused = createRun(db, actor, 2024, [], undefined, [`http://127.0.0.1:${port}/ndbg/shengtai.html`]);
      if (!refused.ok) throw new Error(refused.error);
      await startRun(db, refused.runId, inProcess);
      const item = runResult(db, getRunForActor(db, actor, refused.runId)!).result.items.find((i) => i.source === "file")!;
      expect(item.findings).toMatchObject([{ rule: "import.failed", message: `无法获取 http://127.0.0.1:${port}/ndbg/shengtai.html：网址指向本机或内部网络地址（127.0.0.1），出于安全考虑不予获取` }]);
    } finally {
      vi.unstubAllEnvs();
      server.close();
    }
  });
});

describe("本级与下级合计", { timeout: 60_000 }, () => {
  it("a department with a subordinate unit in the scope: its report against the unit's, at the cell, with the sum and who was summed", async () => {
    const actor = supervisor();
    const jiaotong = db.select().from(agencies).where(eq(agencies.name, "示范市交通运输局")).get()!;
    db.insert(agencies).values({ name: "示范市交通运输综合执法支队", code: "sfsjtzf", parentId: jiaotong.id }).run();
    const own = variantReport({ agency: "示范市交通运输局", seed: 21 });
    const base = variantReport({ agency: "示范市交通运输综合执法支队", seed: 22 });
    const received = base.tables.applications.received!;
    const unit = withCell(withCell(base, "applications.received.natural", received.natural! + 5), "applications.received.total", received.total! + 5);
    const files = [await renderFile(own, "html", "示范市交通运输局年报.html"), await renderFile(unit, "html", "示范市交通运输综合执法支队年报.html")];
    const created = createRun(db, actor, 2024, files);
    if (!created.ok) throw new Error(created.error);
    await startRun(db, created.runId, inProcess);
    const items = runResult(db, getRunForActor(db, actor, created.runId)!).result.items;
    const parent = items.find((i) => i.agency === "示范市交通运输局")!;
    expect(parent.findings.filter((f) => f.kind === "rollup")).toMatchObject([
      { rule: "rollup.sum", cell: "applications.received.total", reported: received.total, computed: received.total! + 5, agencies: ["示范市交通运输综合执法支队"] },
    ]);
    expect(items.find((i) => i.agency === "示范市交通运输综合执法支队")!.findings.filter((f) => f.kind === "rollup")).toEqual([]);
  });
});

describe("year over year", { timeout: 60_000 }, () => {
  it("a run of the previous year by the same office: each agency's previous score, the change, findings new/fixed/persisting", async () => {
    const actor = supervisor();
    const { files, expected } = await plantedFiles();
    // Last year: 应急管理局's report was late and had the same wrong total; 交通运输局's was fine.
    const lastYear = [
      await renderFile(withCell(variantReport({ agency: "示范市应急管理局", seed: 31, year: 2023, date: "2024-02-05" }), "appeals.review.total", 999), "docx", "应急管理局2023年报.docx"),
      await renderFile(variantReport({ agency: "示范市交通运输局", seed: 33, year: 2023 }), "html", "交通运输局2023年报.html"),
    ];
    const before = createRun(db, actor, 2023, lastYear);
    if (!before.ok) throw new Error(before.error);
    await startRun(db, before.runId, inProcess);
    const now = createRun(db, actor, 2024, files);
    if (!now.ok) throw new Error(now.error);
    await startRun(db, now.runId, inProcess);

    const lastItems = runResult(db, getRunForActor(db, actor, before.runId)!).result.items;
    expect(Object.fromEntries(lastItems.map((i) => [i.agency, i.findings.map((f) => f.rule)]))).toEqual({ 示范市应急管理局: ["publication.late", "appeals.total"], 示范市交通运输局: [] });
    expect(lastItems.every((i) => i.previous === undefined)).toBe(true);

    const items = runResult(db, getRunForActor(db, actor, now.runId)!).result.items;
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
    expect(itemYearOverYear(db, getRunForActor(db, actor, now.runId)!, yingji.itemId)).toEqual(yingji.previous);
  });
});
