// Autosave over HTTP with one and two app servers (issue 19): `npm run bench servers`.
// The same load on every configuration, on the same machine, one after another: DRAFTERS signed-in
// drafters, each saving its own report as fast as it is answered (one request in flight per drafter,
// each naming the version its previous save returned — what the editor's autosave does), for
// SECONDS seconds after a warm-up, spread evenly over the servers (drafter i → server i mod n, as a
// proxy would). Production servers (`npm start`), one shared database:
//   SQLite      1 server, and 2 servers on the same WAL file (a real configuration: one machine);
//   PostgreSQL  1 and 2 servers on a throwaway cluster with fsync on and synchronous_commit off
//               (the counterpart of SQLite's WAL with synchronous=NORMAL: a machine crash may lose
//               the last commits, never corrupts). NIANBAO_SERVERS_BENCH_PG=0 leaves them out.
// Prints saves/s, p50/p99 latency, the app servers' CPU time per save (moved less by the machine's
// other work than the rates), refusals, and each figure's ratio to 1 server on SQLite (best of
// BENCH_ROUNDS interleaved passes: the machine's other work falls on each configuration alike); then
// checks that every acknowledged save is in the database (version and one audit entry each) and
// exits non-zero otherwise.
//
//   BENCH_SECONDS (10)  BENCH_ROUNDS (2)  BENCH_DRAFTERS (20)  BENCH_PORT (3421: servers on BENCH_PORT and +1)
//   NIANBAO_SERVERS_BENCH_PG (0/1)  NIANBAO_SERVERS_BENCH_PG_PORT (55434)
import { sql } from "drizzle-orm";
import { Agent, request } from "node:http";
import { cpus, loadavg } from "node:os";
import { rawAll, rawOne } from "../db/unit";
import { DEMO_PASSWORD } from "../db/seed";
import { signInOverHttp, type ApiSession } from "./support/api-client";
import { killGroup, prepareSharedDatabase, startAppServer, type AppServer, type DatabaseKind, type SharedDatabase } from "./support/cluster";
import { createDrafters, editFor, type Drafter } from "./support/drafters";
import { ensureBuild, percentile, processTreeCpuMs } from "./support/server";

const PG_DEFAULT = true;
const SECONDS = Number(process.env.BENCH_SECONDS) || 10;
const WARMUP_SECONDS = 2;
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 2;
const DRAFTERS = Number(process.env.BENCH_DRAFTERS) || 20;
const PORT = Number(process.env.BENCH_PORT) || 3421;
const WITH_PG = process.env.NIANBAO_SERVERS_BENCH_PG ? process.env.NIANBAO_SERVERS_BENCH_PG === "1" : PG_DEFAULT;
const PG_PORT = Number(process.env.NIANBAO_SERVERS_BENCH_PG_PORT) || 55434;

interface Slot {
  drafter: Drafter;
  session: ApiSession;
  version: number;
  seq: number;
  acks: number[];
  refused: Map<number, number>;
}

/** PUT over a keep-alive connection; resolves with the status and body (rejects on a network error). */
function put(agent: Agent, url: URL, cookie: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "PUT", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), cookie } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * Every drafter saves in a loop until `seconds` have passed, waiting for each answer (so no save
 * is ever left unanswered at the end, unlike a load generator cut off by a timer).
 */
async function drive(servers: AppServer[], slots: Slot[], seconds: number, latencies: number[] | null): Promise<{ ok: number; errors: number }> {
  const agents = servers.map(() => new Agent({ keepAlive: true, maxSockets: slots.length }));
  const end = performance.now() + seconds * 1000;
  let ok = 0;
  let errors = 0;
  await Promise.all(
    slots.map(async (slot, k) => {
      const i = k % servers.length;
      const url = new URL(`${servers[i]!.url}/api/reports/${slot.drafter.reportId}`);
      while (performance.now() < end) {
        slot.seq++;
        const body = JSON.stringify({ version: slot.version, data: editFor(slot.drafter.doc, slot.seq) });
        const t = performance.now();
        let r: { status: number; body: string };
        try {
          r = await put(agents[i]!, url, slot.session.cookie, body);
        } catch {
          errors++;
          continue;
        }
        latencies?.push(performance.now() - t);
        if (r.status !== 200) {
          slot.refused.set(r.status, (slot.refused.get(r.status) ?? 0) + 1);
          continue;
        }
        const answer = JSON.parse(r.body) as { version: number };
        slot.acks.push(answer.version);
        slot.version = answer.version;
        ok++;
      }
    }),
  );
  for (const a of agents) a.destroy();
  return { ok, errors };
}

interface Row {
  name: string;
  rate: number;
  p50: number;
  p99: number;
  refused: string;
  /** CPU time of all app server processes per acknowledged save (less sensitive to the machine's other work than rates). */
  cpuMs: number;
  problems: number;
}

/** Every acknowledged save is in the database: the last acknowledged version, one audit entry per save. */
async function verify(db: SharedDatabase, slots: Slot[]): Promise<string[]> {
  const problems: string[] = [];
  for (const s of slots) {
    const row = await db.store.run(rawOne<{ version: number | string }>(() => sql`select version from reports where id = ${s.drafter.reportId}`));
    const want = s.acks.at(-1) ?? s.drafter.version;
    if (Number(row?.version) !== want) problems.push(`report ${s.drafter.reportId}: version ${row?.version} stored, ${want} last acknowledged`);
    const audited = await db.store.run(rawAll<{ after: string }>(() => sql`select after from audit_log where action = 'report.save' and entity_type = 'report' and entity_id = ${s.drafter.reportId} order by id`));
    const versions = audited.map((a) => (JSON.parse(a.after) as { version: number }).version).filter((v) => v > s.drafter.version);
    if (versions.join(",") !== s.acks.join(",")) problems.push(`report ${s.drafter.reportId}: ${s.acks.length} acknowledged saves, ${versions.length} audited`);
  }
  return problems;
}

async function measure(kind: DatabaseKind, serverCount: 1 | 2): Promise<Row> {
  const name = `${kind === "pg" ? "PostgreSQL" : "SQLite"}, ${serverCount} app server${serverCount > 1 ? "s" : ""}`;
  const { db, setup: drafters } = await prepareSharedDatabase(kind, (d) => createDrafters(d, DRAFTERS, "srv"), { pgPort: PG_PORT, durable: true });
  const servers: AppServer[] = [];
  try {
    for (let i = 0; i < serverCount; i++) servers.push(await startAppServer(PORT + i, db.env));
    const slots: Slot[] = [];
    for (const [i, d] of drafters.entries()) {
      const session = await signInOverHttp(servers[i % serverCount]!.url, d.login, DEMO_PASSWORD);
      slots.push({ drafter: d, session, version: d.version, seq: 0, acks: [], refused: new Map() });
    }
    await drive(servers, slots, WARMUP_SECONDS, null);
    const latencies: number[] = [];
    const cpu = () => servers.reduce((n, s) => n + processTreeCpuMs(s.child.pid!), 0);
    const cpu0 = cpu();
    const t0 = performance.now();
    const r = await drive(servers, slots, SECONDS, latencies);
    const seconds = (performance.now() - t0) / 1000;
    const cpuMs = (cpu() - cpu0) / Math.max(1, r.ok);
    const sorted = latencies.sort((a, b) => a - b);
    const refused = new Map<number, number>();
    for (const s of slots) for (const [code, n] of s.refused) refused.set(code, (refused.get(code) ?? 0) + n);
    const refusedText = [...[...refused].map(([c, n]) => `${c}×${n}`), ...(r.errors ? [`errors ${r.errors}`] : [])].join(", ") || "none";
    const problems = await verify(db, slots);
    const acked = slots.reduce((n, s) => n + s.acks.length, 0);
    console.log(`${name}: ${r.ok} saves in ${seconds.toFixed(1)} s by ${slots.length} drafters on ${db.label}; ${cpuMs.toFixed(2)} ms of app-server CPU per save; refused: ${refusedText}`);
    console.log(problems.length ? `${name}: DURABILITY CHECK FAILED (${problems.length}):\n  ${problems.slice(0, 5).join("\n  ")}` : `${name}: all ${acked} acknowledged saves (warm-up included) are stored, each with one audit entry`);
    return { name, rate: r.ok / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), refused: refusedText, cpuMs, problems: problems.length };
  } finally {
    for (const s of servers) await killGroup(s.child, "SIGTERM").catch(() => {});
    await db.close();
  }
}

async function main(): Promise<void> {
  ensureBuild();
  console.log(`servers: ${DRAFTERS} drafters autosaving their own reports as fast as answered, ${SECONDS} s per configuration (+${WARMUP_SECONDS} s warm-up); ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(" ")}`);
  const plan: [DatabaseKind, 1 | 2][] = [["sqlite", 1], ["sqlite", 2], ...(WITH_PG ? ([["pg", 1], ["pg", 2]] as [DatabaseKind, 1 | 2][]) : [])];
  // ROUNDS passes over all configurations, interleaved, so that other work on a shared machine
  // falls on each alike; each configuration's best pass is shown (the least disturbed), all passes too.
  const passes: Row[][] = plan.map(() => []);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [i, [kind, n]] of plan.entries()) {
      try {
        passes[i]!.push(await measure(kind, n));
      } catch (e) {
        // Not measured (e.g. PostgreSQL before the data layer runs on it): say why, go on with the rest.
        const why = (e instanceof Error ? e.message : String(e)).split("\n")[0]!.slice(0, 120);
        console.log(`${kind}, ${n} server(s): NOT MEASURED — ${why}`);
        passes[i]!.push({ name: `${kind === "pg" ? "PostgreSQL" : "SQLite"}, ${n} app server${n > 1 ? "s" : ""}`, rate: NaN, p50: NaN, p99: NaN, refused: `not measured: ${why}`, cpuMs: NaN, problems: 1 });
      }
    }
  }
  const rows = passes.map((ps) => ps.reduce((best, r) => (Number.isNaN(best.rate) || r.rate > best.rate ? r : best)));
  const ref = rows[0]!;
  const fig = (x: number, unit = "") => (Number.isNaN(x) ? "—" : `${x.toFixed(0)}${unit}`);
  console.log(`\n| configuration (best of ${ROUNDS} interleaved passes) | saves/s | p50 | p99 | server CPU per save | refused | saves/s vs 1 server on SQLite | every pass, saves/s |`);
  console.log("|---|---:|---:|---:|---:|---|---:|---|");
  for (const [i, r] of rows.entries()) console.log(`| ${r.name} | ${fig(r.rate)} | ${fig(r.p50, " ms")} | ${fig(r.p99, " ms")} | ${Number.isNaN(r.cpuMs) ? "—" : `${r.cpuMs.toFixed(2)} ms`} | ${r.refused} | ${Number.isNaN(r.rate) ? "—" : `${(r.rate / ref.rate).toFixed(2)}×`} | ${passes[i]!.map((p) => fig(p.rate)).join(", ")} |`);
  if (!WITH_PG) console.log("(PostgreSQL rows: NIANBAO_SERVERS_BENCH_PG=1 — they need the data layer converted to PostgreSQL, issue 19)");
  for (const r of rows.slice(1)) {
    const measured = Number.isNaN(r.rate) ? r.refused : `${fig(r.rate)} saves/s, p99 ${fig(r.p99, " ms")}`;
    console.log(`TABLE19 | autosave, ${r.name} | ${measured} | 1 app server on SQLite ${fig(ref.rate)} saves/s, p99 ${fig(ref.p99, " ms")} | ${Number.isNaN(r.rate) ? "—" : `${(r.rate / ref.rate).toFixed(2)}×`}`);
  }
  if (rows.some((r) => r.problems)) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
