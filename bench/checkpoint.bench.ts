// Where autosave stalls come from (issue 20 §5), without HTTP in between: 20,000 saves through the
// real save path (db/reports saveReport) on the app's own connection (db/client getDb), once with
// SQLite's automatic checkpoint inside the committing save (NIANBAO_CHECKPOINT=inline) and once with
// the background checkpoint worker the server now uses. Printed per mode: the save time
// distribution, the slow saves and how far apart they are, and the garbage collector's longest
// pause in the same run (the other suspect), and — with automatic checkpoints off — how long one
// checkpoint of the WAL written by 250 saves takes when run on its own (what an inline checkpoint
// adds to the save that triggers it).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PerformanceObserver } from "node:perf_hooks";
import { closeDb, getDb } from "../db/client";
import { saveReport } from "../db/reports";
import { createDrafters, editFor } from "./support/drafters";
import { percentile } from "./support/server";
import { runSqlite } from "../db/run-sqlite";

const SAVES = Number(process.env.CHECKPOINT_SAVES ?? 20_000);
const DRAFTERS = 50;
const SLOW_MS = 20;

async function run(mode: "inline" | "background" | "timed"): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-checkpoint-bench-"));
  process.env.DATABASE_PATH = join(dir, "bench.db");
  process.env.NIANBAO_DEMO = "1";
  if (mode !== "background") process.env.NIANBAO_CHECKPOINT = "inline";
  else delete process.env.NIANBAO_CHECKPOINT;
  const gc: number[] = [];
  const obs = new PerformanceObserver((list) => list.getEntries().forEach((e) => gc.push(e.duration)));
  try {
    const db = getDb();
    const drafters = createDrafters(db, DRAFTERS);
    const versions = drafters.map((d) => d.version);
    if (mode === "timed") db.$client.pragma("wal_autocheckpoint = 0");
    const checkpoints: { ms: number; pages: number }[] = [];
    const times: number[] = [];
    const slowAt: number[] = [];
    obs.observe({ entryTypes: ["gc"] });
    const t0 = performance.now();
    for (let i = 0; i < SAVES; i++) {
      const k = i % DRAFTERS;
      const d = drafters[k]!;
      const s = performance.now();
      const out = runSqlite(db, saveReport({ id: d.userId, role: "drafter", agencyId: d.agencyId }, d.reportId, versions[k]!, editFor(d.doc, i + 1)));
      const ms = performance.now() - s;
      if (out.kind !== "saved") throw new Error(`save ${i}: ${out.kind}`);
      versions[k] = out.version;
      times.push(ms);
      if (ms > SLOW_MS) slowAt.push(i);
      if (mode === "timed" && i % 250 === 249) {
        const c = performance.now();
        const [r] = db.$client.pragma("wal_checkpoint(PASSIVE)") as { log: number; checkpointed: number }[];
        checkpoints.push({ ms: performance.now() - c, pages: r!.checkpointed });
      }
    }
    await new Promise((r) => setTimeout(r, 50)); // the GC entries arrive in a later task
    const seconds = (performance.now() - t0) / 1000;
    obs.disconnect();
    const sorted = [...times].sort((a, b) => a - b);
    const gaps = slowAt.slice(1).map((x, j) => x - slowAt[j]!);
    const f = (x: number) => x.toFixed(1);
    console.log(
      `checkpoint ${mode.padEnd(10)}: ${SAVES} saves in ${seconds.toFixed(1)} s (${Math.round(SAVES / seconds)}/s); per save p50 ${f(percentile(sorted, 50))} ms, p99 ${f(percentile(sorted, 99))} ms, p99.9 ${f(percentile(sorted, 99.9))} ms, max ${f(sorted.at(-1)!)} ms; ` +
        `${slowAt.length} saves over ${SLOW_MS} ms${gaps.length ? `, every ~${percentile([...gaps].sort((a, b) => a - b), 50)} saves (median gap)` : ""}; ` +
        `slowest 5: ${[...sorted].reverse().slice(0, 5).map(f).join(", ")} ms; GC: ${gc.length} pauses, longest ${f(Math.max(0, ...gc))} ms`,
    );
    if (checkpoints.length) {
      const cs = checkpoints.map((c) => c.ms).sort((a, b) => a - b);
      console.log(`checkpoint timed     : ${checkpoints.length} checkpoints of ~${Math.round(checkpoints.reduce((n, c) => n + c.pages, 0) / checkpoints.length)} pages each (250 saves): median ${f(percentile(cs, 50))} ms, max ${f(cs.at(-1)!)} ms`);
    }
  } finally {
    closeDb();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  for (const mode of ["inline", "background", "timed", "inline", "background"] as const) await run(mode);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
