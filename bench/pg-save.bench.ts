// The database part of an autosave on SQLite and on PostgreSQL, same machine, same work:
// `npm run bench pg-save` (issue 19). What one accepted save asks of the database, as
// db/reports.ts saveReport does it: read the report with its agency and last editor, a
// version-checked UPDATE of the ~14 KB document, and one audit row (~0.3 KB delta), in one
// transaction. The rules, the diff and the delta (CPU work that is the same on both) are left out,
// so the numbers compare the databases, not the app.
//
//   SQLite      better-sqlite3, WAL, synchronous NORMAL (the default) and FULL, one connection,
//               IMMEDIATE transactions (as the app); one "server", so saves are one after another.
//   PostgreSQL  node-postgres pools against a throwaway cluster with fsync on (scripts/postgres.mjs
//               --durable); synchronous_commit off (the counterpart of SQLite's NORMAL: a crash of
//               the machine may lose the last commits, never corrupts) and on (the counterpart of
//               FULL); 16 editors saving concurrently through one pool ("1 server") or two pools
//               ("2 servers", in this one process: what differs is the connections, not the CPUs).
// Prints saves/s and p50/p99 latency per configuration. With DATABASE_URL=postgres://… it uses that
// server instead of starting one (the database must be empty or a nianbao database it may write to).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { openDatabase } from "../db/client";
import { openPgDatabase, pgDatabaseUrl, type PgDb } from "../db/pg/client";
import { clean2024 } from "../lib/fixtures/load";
import { startPostgres } from "../scripts/postgres.mjs";

const REPORTS = 64;
const EDITORS = 16;
const SECONDS = Number(process.env.BENCH_SECONDS) || 4;

const PARA = "本机关坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进决策、执行、管理、服务、结果公开。";
const BASE = (() => {
  const r = clean2024();
  r.narrative.overview = Array.from({ length: 60 }, (_, i) => `（${i + 1}）${PARA}`).join("\n");
  return JSON.stringify(r);
})();
/** A different document text per save (cheap: the same work on both databases). */
const docText = (n: number) => `${BASE.slice(0, -1)},"n":${n}}`;
const DELTA = JSON.stringify({ version: 2, base: 1, hash: "x".repeat(64), ops: [[120, 0, "新输入的一段文字，约二十个字符。"]] }).padEnd(300, " ");

interface Result {
  name: string;
  saves: number;
  seconds: number;
  lat: number[];
}
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
function print(r: Result): void {
  console.log(
    `${r.name.padEnd(52)} ${(r.saves / r.seconds).toFixed(0).padStart(6)} saves/s   p50 ${pct(r.lat, 50).toFixed(2).padStart(6)} ms   p99 ${pct(r.lat, 99).toFixed(2).padStart(6)} ms   (${r.saves} saves)`,
  );
}

function benchSqlite(sync: "NORMAL" | "FULL"): Result {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-bench-pgsave-"));
  const prev = process.env.DATABASE_SYNCHRONOUS;
  process.env.DATABASE_SYNCHRONOUS = sync;
  const db = openDatabase(join(dir, "b.db"), { seed: "demo" });
  if (prev === undefined) delete process.env.DATABASE_SYNCHRONOUS;
  else process.env.DATABASE_SYNCHRONOUS = prev;
  try {
    const s = db.$client;
    const agency = (s.prepare("SELECT id FROM agencies LIMIT 1").get() as { id: number }).id;
    const ids = Array.from({ length: REPORTS }, (_, i) => Number(s.prepare("INSERT INTO reports (agency_id, year, edition, data) VALUES (?, ?, '2021', ?)").run(agency, 1000 + i, docText(i)).lastInsertRowid));
    const load = s.prepare("SELECT r.*, a.name, a.code, u.display_name FROM reports r JOIN agencies a ON a.id = r.agency_id LEFT JOIN users u ON u.id = r.updated_by WHERE r.id = ?");
    const update = s.prepare("UPDATE reports SET data = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ? RETURNING version");
    const audit = s.prepare("INSERT INTO audit_log (action, entity_type, entity_id, agency_id, after) VALUES ('report.save', 'report', ?, ?, ?)");
    const save = s.transaction((id: number, n: number) => {
      const row = load.get(id) as { version: number; agency_id: number };
      const ok = update.get(docText(n), Date.now(), id, row.version);
      if (!ok) throw new Error("conflict");
      audit.run(id, row.agency_id, DELTA);
    });
    const lat: number[] = [];
    const t0 = performance.now();
    let n = 0;
    while (performance.now() - t0 < SECONDS * 1000) {
      const a = performance.now();
      save.immediate(ids[n % REPORTS]!, n);
      lat.push(performance.now() - a);
      n++;
    }
    return { name: `SQLite, 1 server, synchronous=${sync}`, saves: n, seconds: (performance.now() - t0) / 1000, lat };
  } finally {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPg(url: string, servers: 1 | 2, editors: number, syncCommit: "off" | "on", ids: number[]): Promise<Result> {
  const pools: PgDb[] = [];
  for (let i = 0; i < servers; i++) pools.push(await openPgDatabase(url, { max: Math.ceil(editors / servers), migrate: i === 0 }));
  try {
    const lat: number[] = [];
    let n = 0;
    const t0 = performance.now();
    const editor = async (k: number) => {
      const pool = pools[k % servers]!.$client;
      const begin = `BEGIN; SET LOCAL synchronous_commit = ${syncCommit}`;
      while (performance.now() - t0 < SECONDS * 1000) {
        const id = ids[(k + editors * (n % 4)) % ids.length]!;
        const mine = n++;
        const a = performance.now();
        const c = await pool.connect();
        try {
          await c.query(begin);
          const { rows } = await c.query("SELECT r.*, a.name, a.code, u.display_name FROM reports r JOIN agencies a ON a.id = r.agency_id LEFT JOIN users u ON u.id = r.updated_by WHERE r.id = $1", [id]);
          const up = await c.query("UPDATE reports SET data = $1, version = version + 1, updated_at = now() WHERE id = $2 AND version = $3 RETURNING version", [docText(mine), id, rows[0].version]);
          if (up.rowCount === 1) await c.query("INSERT INTO audit_log (action, entity_type, entity_id, agency_id, after) VALUES ('report.save', 'report', $1, $2, $3)", [id, rows[0].agency_id, DELTA]);
          await c.query("COMMIT");
        } catch (e) {
          await c.query("ROLLBACK");
          throw e;
        } finally {
          c.release();
        }
        lat.push(performance.now() - a);
      }
    };
    // Warm the pools, then measure.
    await Promise.all(pools.map((p) => Promise.all(Array.from({ length: Math.ceil(editors / servers) }, () => p.$client.query("SELECT 1")))));
    await Promise.all(Array.from({ length: editors }, (_, k) => editor(k)));
    return {
      name: `PostgreSQL, ${servers} server${servers > 1 ? "s" : ""}, ${editors} editor${editors > 1 ? "s" : ""}, synchronous_commit=${syncCommit}`,
      saves: lat.length,
      seconds: (performance.now() - t0) / 1000,
      lat,
    };
  } finally {
    for (const p of pools) await p.$client.end();
  }
}

async function main(): Promise<void> {
  console.log(`load average ${(await import("node:os")).loadavg().map((x) => x.toFixed(1)).join(" ")} on ${(await import("node:os")).cpus().length} cores`);
  console.log(`Autosave, database part only (read + version-checked UPDATE of a ~${(docText(0).length / 1024).toFixed(0)} KB document + audit row, one transaction); ${SECONDS} s per row.`);
  for (const sync of ["NORMAL", "FULL"] as const) print(benchSqlite(sync));

  let url = pgDatabaseUrl();
  let stop: (() => void) | undefined;
  if (!url) {
    try {
      const pg = startPostgres({ durable: true, quiet: true });
      url = pg.url;
      stop = pg.stop;
    } catch (e) {
      console.log(`PostgreSQL 未能启动，跳过其测量：${e instanceof Error ? e.message : String(e)}`);
      return;
    }
  }
  try {
    const setup = await openPgDatabase(url, { max: 2 });
    const [{ id: agency }] = (await setup.$client.query("INSERT INTO agencies (name, code) VALUES ('基准测试单位', $1) RETURNING id", [`bench${Date.now()}`])).rows;
    const ids: number[] = [];
    for (let i = 0; i < REPORTS; i++) {
      ids.push((await setup.$client.query("INSERT INTO reports (agency_id, year, edition, data) VALUES ($1, $2, '2021', $3) RETURNING id", [agency, 1000 + i, docText(i)])).rows[0].id);
    }
    await setup.$client.end();
    for (const sync of ["off", "on"] as const) {
      print(await benchPg(url, 1, 1, sync, ids)); // one after another, like the SQLite rows
      for (const servers of [1, 2] as const) print(await benchPg(url, servers, EDITORS, sync, ids));
    }
  } finally {
    stop?.();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
