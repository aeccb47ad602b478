// A run interrupted by a server restart, at process level (issue 18 §6): one process runs the check
// and is killed (SIGKILL, as a crash or `kill -9` would) in the middle of an import; a second,
// fresh process — the restarted server — finds the run stale and resumes it from its pending items;
// the run ends with exactly the findings of an uninterrupted run, each item checked once. SQLite only:
// the processes share the database file (the two-server claim on PostgreSQL: quality.test.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { plantedFiles } from "../lib/quality/testing/generate";
import type { Db } from "./client";
import { createRun, getRunForActor, qualityItems, qualityRuns, runResult, STALE_MS } from "./quality";
import { users } from "./schema";
import { useTempDb } from "./testing/temp-db";
import { runSqlite } from "./run-sqlite";

let db: Db;
useTempDb("quality-restart", (d) => (db = d));

// The server process, as far as the run goes: the app's own modules (through tsx), the in-process
// importer. HANG_AFTER: imports after the first n never answer (a long import under way).
const SERVER = `
const pick = (m) => m.default ?? m;
const { openDatabase } = pick(await import("./db/client.ts"));
const q = pick(await import("./db/quality.ts"));
const { sqliteStore } = pick(await import("./db/store.ts"));
const { importReport } = pick(await import("./lib/import/index.ts"));
const db = openDatabase(process.env.DB_PATH, { seed: false });
const store = sqliteStore(db);
const runId = Number(process.env.RUN_ID);
const hangAfter = Number(process.env.HANG_AFTER ?? "-1");
let n = 0;
const importer = (input) => (hangAfter >= 0 && n++ >= hangAfter ? new Promise(() => {}) : importReport(input));
if (process.env.MODE === "start") {
  void q.startRun(store, runId, importer);
  setInterval(() => {}, 1000); // a server stays up
} else {
  // A restarted server: the first visit to a quality page resumes stale runs (its clock moved on).
  const resumed = await q.resumeInterruptedRuns(store, importer, Date.now() + q.STALE_MS + 1000);
  process.stdout.write("resumed " + JSON.stringify(resumed) + "\\n");
  const wait = setInterval(async () => {
    const run = await store.run(q.getRunForActor({ id: 0, role: "admin", agencyId: null }, runId));
    if (run.status !== "running") {
      clearInterval(wait);
      process.stdout.write("status " + run.status + "\\n");
    }
  }, 50);
}
`;

function server(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", SERVER], { cwd: process.cwd(), env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d) => (out += String(d)));
  child.stderr!.on("data", (d) => (out += String(d)));
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  return { child, output: () => out, exited };
}

async function until(fn: () => boolean, ms: number, what: string, out: () => string): Promise<void> {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error(`timeout waiting for ${what}; process said: ${out().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("a run interrupted by a server restart (two processes)", { timeout: 180_000 }, () => {
  it("is resumed by the restarted process from its pending items and ends with the same findings", async () => {
    const { files, expected } = await plantedFiles();
    const u = db.select().from(users).where(eq(users.login, "supervisor")).get()!;
    const actor = { id: u.id, role: u.role, agencyId: u.agencyId } as const;
    const created = runSqlite(db, createRun(actor, 2024, files));
    if (!created.ok) throw new Error(created.error);
    const env = { DB_PATH: db.$client.name, RUN_ID: String(created.runId) };
    const doneItems = () => db.select().from(qualityItems).where(eq(qualityItems.status, "done")).all().length;

    // The first server checks one file, is in the middle of the next imports, and is killed.
    const first = server({ ...env, MODE: "start", HANG_AFTER: "1" });
    await until(() => doneItems() === 1, 90_000, "the first item", first.output);
    first.child.kill("SIGKILL");
    expect(await first.exited).toBeNull();
    const interrupted = db.select().from(qualityRuns).where(eq(qualityRuns.id, created.runId)).get()!;
    expect(interrupted).toMatchObject({ status: "running", done: 1, total: 3 });
    // Its heartbeat was recent: a fresh look does not take the run over yet (it may still be alive).
    expect(interrupted.heartbeatAt.getTime()).toBeGreaterThan(Date.now() - STALE_MS);

    // The restarted server resumes it and finishes.
    const second = server({ ...env, MODE: "resume" });
    await until(() => /status \w+/.test(second.output()), 120_000, "the resumed run to end", second.output);
    second.child.kill("SIGKILL");
    await second.exited;
    expect(second.output()).toContain(`resumed [${created.runId}]`);
    expect(second.output()).toContain("status done");

    const run = runSqlite(db, getRunForActor(actor, created.runId))!;
    expect(run).toMatchObject({ status: "done", done: 3, total: 3 });
    const view = runSqlite(db, runResult(run));
    expect(Object.fromEntries(view.result.items.map((i) => [i.agency, i.findings.map((f) => f.rule)]))).toEqual(expected);
  });
});
